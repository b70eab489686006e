import { describe, expect, it } from '@jest/globals';
import { searchOf } from './search-filter';
import type { Viewer } from './session';

const ADMIN: Viewer = { token: 't', role: 'ADMIN' };
const SPECIALIST: Viewer = { token: 't', role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS' };
const IMPORTER: Viewer = { token: 't', role: 'IMPORTER', importerId: 'i' };

const everything = new URLSearchParams({
  htsPrefix: ' 8542 ',
  importer: 'Pacific',
  filedFrom: '2026-01-01',
  minEnteredValue: '1000.5',
  status: 'ACCEPTED',
  reviewStep: 'ENTRY_REVIEW',
  slaState: 'OVERDUE',
  processing: 'PORT',
  centerId: 'PHARMA',
  orderBy: 'DUE_FIRST',
});

describe('searchOf', () => {
  it('gives an admin every field of the address, trimmed and typed', () => {
    expect(searchOf(everything, ADMIN)).toEqual({
      filter: { htsPrefix: '8542', importer: 'Pacific', filedFrom: '2026-01-01', minEnteredValue: 1000.5, status: 'ACCEPTED', reviewStep: 'ENTRY_REVIEW', slaState: 'OVERDUE', processing: 'PORT', centerId: 'PHARMA' },
      orderBy: 'DUE_FIRST',
    });
  });

  it("leaves out what the viewer's role may not narrow by", () => {
    expect(searchOf(everything, SPECIALIST).filter).not.toHaveProperty('processing');
    expect(searchOf(everything, SPECIALIST).filter).not.toHaveProperty('centerId');
    expect(searchOf(everything, IMPORTER)).toEqual({ filter: { htsPrefix: '8542', importer: 'Pacific', filedFrom: '2026-01-01', minEnteredValue: 1000.5, status: 'ACCEPTED' }, orderBy: 'NEWEST_FIRST' });
  });

  it('drops values no field takes: an unknown status, a value that is no number, the trade’s CBP_REVIEW for staff', () => {
    const odd = new URLSearchParams({ status: 'LOST', minEnteredValue: 'lots', reviewStep: 'CBP_REVIEW', orderBy: 'OLDEST' });
    expect(searchOf(odd, SPECIALIST)).toEqual({ filter: {}, orderBy: 'NEWEST_FIRST' });
  });
});
