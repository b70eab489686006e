import { adValoremDuty, amountProblem } from './amounts';
import { entryNumberCheckDigit, formatEntryNumber, parseEntryNumber } from './entry-number';
import { parseHtsNumber } from './hts';
import { parseImporterNumber } from './importer-number';
import { addWorkingDays, federalHolidays, isIsoDate, isIsoTimestamp, isWorkingDay, subtractWorkingDays } from './working-days';

describe('entry numbers', () => {
  it('computes the check digits of the published examples', () => {
    expect(entryNumberCheckDigit('ABC1234567')).toBe(6);
    expect(entryNumberCheckDigit('9999999999')).toBe(0);
  });

  it('maps letters J–R and S–Z as CBP publishes', () => {
    // J=1 K=2 L=3; doubled: K→4. Sum: 1 + 4 + 3 + (0+0+0+0+0+0+1 with position 10 doubled → 2) = 10 → 0
    expect(entryNumberCheckDigit('JKL0000001')).toBe(0);
    // S=2 T=3 Z=9: 2 + (3·2=6) + 9 = 17, plus 0000000 → (10 − 7) mod 10 = 3
    expect(entryNumberCheckDigit('STZ0000000')).toBe(3);
  });

  it('accepts an entry number with or without hyphens and returns the canonical form', () => {
    expect(parseEntryNumber('abc12345676')).toEqual({ ok: true, entryNumber: 'ABC-1234567-6', filerCode: 'ABC' });
    expect(parseEntryNumber('999-9999999-0')).toMatchObject({ ok: true, entryNumber: '999-9999999-0' });
    expect(parseEntryNumber('A1B-1234567-' + entryNumberCheckDigit('A1B1234567'))).toMatchObject({ ok: true });
  });

  it('says which check digit was expected', () => {
    expect(parseEntryNumber('ABC-1234567-5')).toEqual({ ok: false, message: 'check digit of ABC-1234567 should be 6, not 5' });
  });

  it('refuses the wrong shape', () => {
    for (const bad of ['AB-1234567-6', 'ABC-123456-6', 'ABC-1234567', 'AB*-1234567-6', '']) {
      expect(parseEntryNumber(bad).ok).toBe(false);
    }
  });

  it('formats valid entry numbers', () => {
    const made = formatEntryNumber('XYZ', 42);
    expect(made).toMatch(/^XYZ-0000042-\d$/);
    expect(parseEntryNumber(made).ok).toBe(true);
  });
});

describe('importer of record numbers', () => {
  it('tells the three formats apart', () => {
    expect(parseImporterNumber('95-123456700')).toEqual({ ok: true, importerNumber: '95-123456700', type: 'IRS' });
    expect(parseImporterNumber('95-1234567ab')).toMatchObject({ ok: true, importerNumber: '95-1234567AB', type: 'IRS' });
    expect(parseImporterNumber('123-45-6789')).toMatchObject({ ok: true, type: 'SSN' });
    expect(parseImporterNumber('130415-00023')).toMatchObject({ ok: true, type: 'CBP_ASSIGNED' });
  });

  it('refuses suffix letters O, I and Z', () => {
    for (const bad of ['95-1234567OA', '95-1234567AI', '95-1234567Z0']) {
      const result = parseImporterNumber(bad);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toContain('O, I or Z');
    }
  });

  it('refuses impossible SSNs and other shapes', () => {
    for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '951234567', '95-123456', '1304150-0023']) {
      expect(parseImporterNumber(bad).ok).toBe(false);
    }
  });
});

describe('HTS numbers', () => {
  it('accepts ten digits with or without dots', () => {
    expect(parseHtsNumber('8471.30.0100')).toEqual({ ok: true, htsNumber: '8471300100', heading: '8471', display: '8471.30.0100' });
    expect(parseHtsNumber('8471300100')).toMatchObject({ ok: true, heading: '8471' });
  });

  it('explains what is wrong with a number', () => {
    expect(parseHtsNumber('8471.30')).toMatchObject({ ok: false, message: expect.stringContaining('10-digit') });
    expect(parseHtsNumber('0000000000')).toMatchObject({ ok: false, message: expect.stringContaining('chapter 00') });
    expect(parseHtsNumber('7701000000')).toMatchObject({ ok: false, message: expect.stringContaining('reserves') });
    expect(parseHtsNumber('9903880300')).toMatchObject({ ok: false, message: expect.stringContaining('special provision') });
    expect(parseHtsNumber('8400000000')).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
  });
});

describe('amounts', () => {
  it('accepts non-negative amounts in whole cents', () => {
    expect(amountProblem(0)).toBeNull();
    expect(amountProblem(12_345.67)).toBeNull();
    expect(amountProblem(-0.01)).toContain('negative');
    expect(amountProblem(1.005)).toContain('cents');
    expect(amountProblem(Number.NaN)).toContain('number');
  });

  it('computes ad valorem duty to the cent', () => {
    expect(adValoremDuty(1000, 2.5)).toBe(25);
    expect(adValoremDuty(12_345.67, 6.5)).toBe(802.47);
    expect(adValoremDuty(2_450_000, 0.053)).toBe(1298.5);
  });

  it('rounds exact half cents up, also where doubles would drift', () => {
    expect(adValoremDuty(98_862.25, 42)).toBe(41_522.15);
    expect(adValoremDuty(47_687.5, 21.24)).toBe(10_128.83);
    expect(adValoremDuty(880_521_160.61, 98.459)).toBe(866_952_329.52);
  });
});

describe('working days', () => {
  it('knows the observed federal holidays', () => {
    const holidays2026 = federalHolidays(2026);
    expect(holidays2026).toEqual(
      new Set(['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25']),
    );
    // New Year's Day 2028 falls on a Saturday and is observed on Friday 2027-12-31.
    expect(isWorkingDay('2027-12-31')).toBe(false);
  });

  it('counts 10 working days after entry, skipping weekends and holidays', () => {
    // Entry on Friday 2026-11-20: Thanksgiving (11-26) is not a working day.
    expect(addWorkingDays('2026-11-20', 10)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(subtractWorkingDays('2026-12-07', 10)).toBe('2026-11-20');
    expect(subtractWorkingDays('2027-01-04', 1)).toBe('2026-12-31');
  });

  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('26-02-01')).toBe(false);
    // PostgreSQL has no year 0.
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('0001-01-01')).toBe(true);
  });

  it('validates UTC timestamps as PostgreSQL would take them', () => {
    expect(isIsoTimestamp('2026-03-01T12:30:00.123456Z')).toBe(true);
    expect(isIsoTimestamp('2026-03-01T12:30:00Z')).toBe(true);
    for (const bad of ['1', '2026-02-30T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T12:30:00.1234567Z', '2026-03-01 12:30:00Z', '0000-01-01T00:00:00Z']) {
      expect(isIsoTimestamp(bad)).toBe(false);
    }
  });
});
