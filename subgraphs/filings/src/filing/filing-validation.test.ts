import { BadUserInputError, MAX_AMOUNT } from '@cee-hub/common';
import type { LocatedLine } from '@cee-hub/centers/coverage';
import type { ImporterListing } from '@cee-hub/importers/directory';
import { type FilingChecks, type FilingInput, validateFiling } from './filing-validation';

// 2026-11-27 is the Friday after Thanksgiving (2026-11-26), so the working-day rule skips a holiday.
const TODAY = '2026-11-27';
const IMPORTER_ID = '6f1c1d3e-5a7b-5c2d-8e9f-0a1b2c3d4e5f';

const participating: ImporterListing = {
  id: IMPORTER_ID,
  name: 'Test Importer',
  importerNumber: '95-123456700',
  participationStatus: 'PARTICIPATING',
  participationCenterId: 'ELECTRONICS',
};

function checks(options: { importer?: ImporterListing | undefined; uncovered?: string[] } = {}): FilingChecks & { locateCalls: string[] } {
  const locateCalls: string[] = [];
  const importer = 'importer' in options ? options.importer : participating;
  return {
    locateCalls,
    today: TODAY,
    importers: { byIds: async (ids) => ids.map((id) => (importer && id === importer.id ? importer : undefined)) },
    coverage: {
      locate: async (htsNumbers, asOf) => {
        locateCalls.push(asOf);
        return htsNumbers.map((input): LocatedLine => {
          const digits = input.replace(/\./g, '');
          if (!/^\d{10}$/.test(digits)) return { htsNumber: null, input, problem: `'${input}' is not a 10-digit HTS number like 8471.30.0100` };
          if (options.uncovered?.includes(digits.slice(0, 4))) {
            return { htsNumber: digits, input, problem: `No Center covers heading ${digits.slice(0, 4)} on ${asOf}` };
          }
          const range = { id: 'r', centerId: 'MACHINERY', firstHeading: '8401', lastHeading: '8487', basis: 'CHAPTER_LEVEL' as const, source: 's', effectiveFrom: '2013-01-01', effectiveTo: null };
          return { htsNumber: digits, input, range };
        });
      },
    },
  };
}

function input(overrides: Partial<FilingInput> = {}): FilingInput {
  return {
    entryNumber: 'ABC12345676',
    entryType: '01',
    portOfEntry: '2704',
    entryDate: '2026-11-20',
    releaseDate: '2026-11-21',
    lines: [
      { htsNumber: '8471.30.0100', countryOfOrigin: 'tw', enteredValue: 0.1, dutyRate: 2.5 },
      { htsNumber: '8542310000', countryOfOrigin: 'KR', enteredValue: 0.2, dutyRate: 0 },
    ],
    ...overrides,
  };
}

async function problemsOf(promise: Promise<unknown>): Promise<Array<{ field: string; message: string }>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BadUserInputError) return error.problems;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('validateFiling', () => {
  it('returns the filing in canonical form with duty and totals in whole cents', async () => {
    const valid = await validateFiling(
      input({ lines: [{ htsNumber: '8471.30.0100', countryOfOrigin: 'tw', enteredValue: 0.1, dutyRate: 2.5 }, { htsNumber: '8542310000', countryOfOrigin: 'KR', enteredValue: 0.2, dutyRate: 0 }, { htsNumber: '8542.31.0000', countryOfOrigin: 'CN', enteredValue: 1234.56, dutyRate: 7.75 }] }),
      IMPORTER_ID,
      checks(),
    );
    expect(valid).toMatchObject({ entryNumber: 'ABC-1234567-6', entryType: '01', portOfEntry: '2704', processingCenterId: 'ELECTRONICS', releaseDate: '2026-11-21' });
    expect(valid.lines.map((line) => [line.lineNumber, line.htsNumber, line.countryOfOrigin, line.duty])).toEqual([
      [1, '8471300100', 'TW', 0],
      [2, '8542310000', 'KR', 0],
      [3, '8542310000', 'CN', 95.68],
    ]);
    // 0.1 + 0.2 in floating point is 0.30000000000000004; summing cents is exact.
    expect(valid.totalEnteredValue).toBe(1234.86);
    expect(valid.totalDuty).toBe(95.68);
  });

  it('leaves the processing Center empty for an importer that does not participate', async () => {
    const importer: ImporterListing = { ...participating, participationStatus: 'NOT_PARTICIPATING', participationCenterId: null };
    expect((await validateFiling(input(), IMPORTER_ID, checks({ importer }))).processingCenterId).toBeNull();
  });

  it('applies the 10 working-day rule of 19 CFR 142.12(b) across Thanksgiving and Veterans Day', async () => {
    // Due 2026-11-27: Veterans Day is not a working day, nor is Thanksgiving.
    await expect(validateFiling(input({ entryDate: '2026-11-12', releaseDate: null }), IMPORTER_ID, checks())).resolves.toBeDefined();
    const late = await problemsOf(validateFiling(input({ entryDate: '2026-11-11', releaseDate: null }), IMPORTER_ID, checks()));
    expect(late).toEqual([{ field: 'entryDate', message: expect.stringContaining('was due by 2026-11-25') }]);
    expect(late[0]!.message).toContain('19 CFR 142.12(b)');
  });

  it('reports a heading no Center covers on the entry date with the coverage problem', async () => {
    const problems = await problemsOf(validateFiling(input(), IMPORTER_ID, checks({ uncovered: ['8542'] })));
    expect(problems).toEqual([{ field: 'lines[1].htsNumber', message: 'No Center covers heading 8542 on 2026-11-20' }]);
  });

  it('checks the HTS format without the coverage data when the entry date is not a date', async () => {
    const fake = checks();
    const problems = await problemsOf(
      validateFiling(input({ entryDate: '20.11.2026', lines: [{ htsNumber: '8471', countryOfOrigin: 'TW', enteredValue: 1, dutyRate: 1 }] }), IMPORTER_ID, fake),
    );
    expect(problems.map((problem) => problem.field)).toEqual(['entryDate', 'lines[0].htsNumber']);
    expect(fake.locateCalls).toEqual([]);
  });

  it('keeps dates in order: entry ≤ release ≤ today', async () => {
    const before = await problemsOf(validateFiling(input({ releaseDate: '2026-11-19' }), IMPORTER_ID, checks()));
    expect(before).toEqual([{ field: 'releaseDate', message: 'must not be before the entry date 2026-11-20' }]);
    const future = await problemsOf(validateFiling(input({ entryDate: '2026-11-28', releaseDate: '2026-11-30' }), IMPORTER_ID, checks()));
    expect(future).toEqual([
      { field: 'entryDate', message: 'must not be in the future; today is 2026-11-27' },
      { field: 'releaseDate', message: 'must not be in the future; today is 2026-11-27' },
    ]);
    const invalid = await problemsOf(validateFiling(input({ releaseDate: '2026-11-31' }), IMPORTER_ID, checks()));
    expect(invalid).toEqual([{ field: 'releaseDate', message: "'2026-11-31' is not a date like 2026-11-20" }]);
  });

  it('refuses more than 999 lines with one problem rather than one per line', async () => {
    const line = { htsNumber: 'bad', countryOfOrigin: '??', enteredValue: -1, dutyRate: -1 };
    const fake = checks();
    const problems = await problemsOf(validateFiling(input({ lines: Array.from({ length: 1000 }, () => line) }), IMPORTER_ID, fake));
    expect(problems).toEqual([{ field: 'lines', message: 'an entry summary has at most 999 lines; got 1000' }]);
    expect(fake.locateCalls).toEqual([]);
  });

  it('refuses totals too large for the amount columns', async () => {
    const line = { htsNumber: '8471300100', countryOfOrigin: 'TW', enteredValue: MAX_AMOUNT, dutyRate: 1000 };
    const problems = await problemsOf(validateFiling(input({ lines: [line, line] }), IMPORTER_ID, checks()));
    expect(problems.map((problem) => problem.field)).toEqual(['lines', 'lines']);
    expect(problems[0]!.message).toContain('entered values add up to');
    expect(problems[1]!.message).toContain('duty adds up to');
  });

  it('needs a registered importer', async () => {
    expect(await problemsOf(validateFiling(input(), null, checks()))).toEqual([{ field: 'importerId', message: 'name the importer of record you file for' }]);
    expect(await problemsOf(validateFiling(input(), IMPORTER_ID, checks({ importer: undefined })))).toEqual([
      { field: 'importerId', message: `no importer is registered with the id '${IMPORTER_ID}'` },
    ]);
  });

  it('accepts duty rates up to 1000 percent with three decimals, and no more', async () => {
    const withRate = (dutyRate: number) => input({ lines: [{ htsNumber: '8471300100', countryOfOrigin: 'TW', enteredValue: 100, dutyRate }] });
    expect((await validateFiling(withRate(1000), IMPORTER_ID, checks())).totalDuty).toBe(1000);
    expect((await validateFiling(withRate(0.053), IMPORTER_ID, checks())).totalDuty).toBe(0.05);
    expect((await problemsOf(validateFiling(withRate(1000.001), IMPORTER_ID, checks())))[0]!.message).toContain('from 0 to 1000');
    expect((await problemsOf(validateFiling(withRate(0.0535), IMPORTER_ID, checks())))[0]!.message).toContain('three decimals');
    expect((await problemsOf(validateFiling(withRate(-0.5), IMPORTER_ID, checks())))[0]!.field).toBe('lines[0].dutyRate');
  });
});
