import { describe, expect, it } from '@jest/globals';
import { filingsCsvUrl } from './export-csv';

describe('filingsCsvUrl', () => {
  it('sends each filter field under its FilingSearchFilter name, and the order', () => {
    const url = new URL(filingsCsvUrl({ htsPrefix: '8542', status: 'ACCEPTED', minEnteredValue: 1000, filedFrom: '2026-01-01' }, 'DUE_FIRST'), 'http://gateway.test');
    expect(url.pathname).toBe('/exports/filings.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ htsPrefix: '8542', status: 'ACCEPTED', minEnteredValue: '1000', filedFrom: '2026-01-01', orderBy: 'DUE_FIRST' });
  });

  it('leaves out the fields not given', () => {
    const url = new URL(filingsCsvUrl({ importer: 'Pacific & Co', portOfEntry: null, countryOfOrigin: undefined, filerCode: '' }, 'NEWEST_FIRST'), 'http://gateway.test');
    expect(Object.fromEntries(url.searchParams)).toEqual({ importer: 'Pacific & Co', orderBy: 'NEWEST_FIRST' });
  });
});
