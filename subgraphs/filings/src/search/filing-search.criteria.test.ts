import type { Identity } from '@cee-hub/common';
import { searchCriteria } from './filing-search.criteria';

const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const STAFF: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' };
const IMPORTER: Identity = { role: 'IMPORTER', importerId: '5f0c9a52-4d8e-4c1b-9a53-0d7b8f1e2a10', email: 'customs@pacific-circuit.example' };

function refusal(identity: Identity, request: Parameters<typeof searchCriteria>[1]): { code: unknown; fields: string[] } {
  try {
    searchCriteria(identity, request);
  } catch (error: any) {
    return { code: error.extensions.code, fields: (error.extensions.problems ?? []).map((p: any) => p.field) };
  }
  throw new Error('expected a refusal');
}

describe('searchCriteria', () => {
  it('puts entry numbers, filer codes and HTS prefixes in their stored form', () => {
    const criteria = searchCriteria(ADMIN, { filter: { entryNumberPrefix: 'abc12345', filerCode: 'xyz', htsPrefix: '8542.31', countryOfOrigin: 'kr' } });
    expect(criteria.entryNumberPrefixes).toEqual(['ABC-12345', 'XYZ-']);
    expect(criteria.htsPrefix).toBe('854231');
    expect(criteria.countryOfOrigin).toBe('KR');
    expect(searchCriteria(ADMIN, { filter: { entryNumberPrefix: 'ABC-1234567-6' } }).entryNumberPrefixes).toEqual(['ABC-1234567-6']);
    expect(searchCriteria(ADMIN, { filter: { entryNumberPrefix: 'AB' } }).entryNumberPrefixes).toEqual(['AB']);
  });

  it('narrows to what the caller may see, as filings does', () => {
    expect(searchCriteria(STAFF, {}).scope).toEqual({ centerId: 'ELECTRONICS' });
    expect(searchCriteria(IMPORTER, {}).scope).toEqual({ importerId: IMPORTER.importerId });
    expect(searchCriteria(ADMIN, { filter: { processing: 'PORT' } }).processing).toBe('PORT');
  });

  it('reports every malformed field at once, before anything is read', () => {
    const { code, fields } = refusal(ADMIN, {
      first: 101,
      filter: { htsPrefix: '854', portOfEntry: '27', filedFrom: '2026-11-30', filedTo: '2026-11-01', minEnteredValue: 10, maxEnteredValue: 5, entryNumberPrefix: '12-AB', countryOfOrigin: 'KOR' },
    });
    expect(code).toBe('BAD_USER_INPUT');
    expect(fields.sort()).toEqual(['filter.countryOfOrigin', 'filter.entryNumberPrefix', 'filter.filedTo', 'filter.htsPrefix', 'filter.maxEnteredValue', 'filter.portOfEntry', 'first'].sort());
    expect(refusal(ADMIN, { filter: { htsPrefix: '85a2' } }).fields).toEqual(['filter.htsPrefix']);
  });

  it('refuses a filter reaching past the caller, and CBP-internal criteria to the trade', () => {
    expect(refusal(STAFF, { filter: { centerId: 'PHARMA' } }).code).toBe('FORBIDDEN');
    expect(refusal(STAFF, { filter: { processing: 'PORT' } }).code).toBe('FORBIDDEN');
    expect(refusal(IMPORTER, { filter: { importerId: 'c3a1f7e2-1111-4b2c-8d3e-222233334444' } }).code).toBe('FORBIDDEN');
    expect(refusal(IMPORTER, { filter: { slaState: 'OVERDUE' } }).code).toBe('FORBIDDEN');
    expect(refusal(IMPORTER, { orderBy: 'DUE_FIRST' }).code).toBe('FORBIDDEN');
    expect(refusal(IMPORTER, { filter: { reviewStep: 'ENTRY_REVIEW' } }).code).toBe('FORBIDDEN');
    expect(searchCriteria(IMPORTER, { filter: { reviewStep: 'CBP_REVIEW' } }).reviewSteps).toEqual(['ENTRY_REVIEW', 'IMPORT_REVIEW', 'SIGN_OFF']);
  });
});
