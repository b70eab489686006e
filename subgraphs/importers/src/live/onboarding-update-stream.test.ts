import type { Identity } from '@cee-hub/common';
import { scopeOfOnboardingUpdates } from './onboarding-update-stream';

const IMPORTER: Identity = { role: 'IMPORTER', importerId: 'importer-1', email: 'trade@one.example' };
const STAFF: Identity = { role: 'ACCOUNT_MANAGER', centerId: 'MACHINERY', email: 'account-manager.machinery@cbp.example' };
const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

it('narrows a filter to what the caller may follow: an importer its own, staff their Center, admins all', () => {
  expect(scopeOfOnboardingUpdates(IMPORTER, {})).toEqual({ importerId: 'importer-1', centerId: undefined });
  expect(scopeOfOnboardingUpdates(STAFF, { importerId: 'importer-2' })).toEqual({ importerId: 'importer-2', centerId: 'MACHINERY' });
  expect(scopeOfOnboardingUpdates(ADMIN, { centerId: 'PHARMA' })).toEqual({ importerId: undefined, centerId: 'PHARMA' });
  expect(scopeOfOnboardingUpdates(ADMIN, {})).toEqual({ importerId: undefined, centerId: undefined });
});

it('refuses the public and a filter reaching past what the caller may see', () => {
  expect(codeOf(() => scopeOfOnboardingUpdates({ role: 'PUBLIC' }, {}))).toBe('UNAUTHENTICATED');
  expect(codeOf(() => scopeOfOnboardingUpdates(IMPORTER, { importerId: 'importer-2' }))).toBe('FORBIDDEN');
  expect(codeOf(() => scopeOfOnboardingUpdates(STAFF, { centerId: 'PHARMA' }))).toBe('FORBIDDEN');
});
