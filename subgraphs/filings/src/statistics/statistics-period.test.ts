import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '@cee-hub/common';
import { centerStatisticsScope, checkStatisticsPeriod, nationalStatisticsScope } from './statistics-period';

const ADMIN = { role: 'ADMIN' as const, subject: 'admin-1' };
const ELECTRONICS_SPECIALIST = { role: 'ENTRY_SPECIALIST' as const, subject: 'es-1', centerId: 'ELECTRONICS' };

function problemOf(from: string, to: string) {
  try {
    checkStatisticsPeriod(from, to);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).problems[0];
  }
  return undefined;
}

it('takes a period of one day up to five years, and refuses the rest naming the field', () => {
  expect(problemOf('2026-12-03', '2026-12-03')).toBeUndefined();
  expect(problemOf('2021-01-01', '2026-01-01')).toBeUndefined();
  expect(problemOf('2021-01-01', '2026-01-02')).toMatchObject({ field: 'to', message: expect.stringContaining('end it on 2026-01-01') });
  // Five years from 29 February end on 1 March.
  expect(problemOf('2024-02-29', '2029-03-01')).toBeUndefined();
  expect(problemOf('2024-02-29', '2029-03-02')).toMatchObject({ field: 'to' });
  expect(problemOf('2026-03-01', '2026-02-28')).toMatchObject({ field: 'to', message: expect.stringContaining('before it starts') });
  expect(problemOf('2026-02-30', '2026-03-01')).toMatchObject({ field: 'from' });
  expect(problemOf('2026-03-01', '26-03-02')).toMatchObject({ field: 'to' });
});

it("gives a Center's statistics to its staff and admins, the national ones to admins", () => {
  expect(centerStatisticsScope(ELECTRONICS_SPECIALIST, 'ELECTRONICS', '2026-01-01', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31', centerId: 'ELECTRONICS', processing: 'CENTER' });
  expect(centerStatisticsScope(ADMIN, 'PHARMA', '2026-01-01', '2026-01-31').centerId).toBe('PHARMA');
  expect(() => centerStatisticsScope(ELECTRONICS_SPECIALIST, 'PHARMA', '2026-01-01', '2026-01-31')).toThrow(ForbiddenError);
  expect(() => centerStatisticsScope({ role: 'IMPORTER', importerId: 'x' }, 'ELECTRONICS', '2026-01-01', '2026-01-31')).toThrow(ForbiddenError);
  expect(() => centerStatisticsScope({ role: 'PUBLIC' }, 'ELECTRONICS', '2026-01-01', '2026-01-31')).toThrow(UnauthenticatedError);
  expect(nationalStatisticsScope(ADMIN, 'PORT', '2026-01-01', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31', centerId: null, processing: 'PORT' });
  expect(() => nationalStatisticsScope(ELECTRONICS_SPECIALIST, 'ALL', '2026-01-01', '2026-01-31')).toThrow(ForbiddenError);
  // Access is decided before the period is looked at, so a stranger learns nothing from it.
  expect(() => nationalStatisticsScope(ELECTRONICS_SPECIALIST, 'ALL', '2026-03-01', '2026-01-31')).toThrow(ForbiddenError);
});
