/**
 * CBP entry numbers: a 3-character filer code, a 7-digit serial and a check digit
 * (`ABC-1234567-6`), as published in the CBP Form 7501 instructions.
 */

/** Letters count as digits in the check-digit sum: A–I → 1–9, J–R → 1–9, S–Z → 2–9. */
function characterValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  const letter = code - 65; // A = 0
  if (letter < 9) return letter + 1; // A–I
  if (letter < 18) return letter - 8; // J–R
  return letter - 16; // S–Z
}

/** The check digit of the first ten characters (filer code and serial) of an entry number. */
export function entryNumberCheckDigit(firstTen: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const value = characterValue(firstTen[i]!);
    if (i % 2 === 1) {
      // Positions 2, 4, 6, 8 and 10 (1-based) are doubled and the product's digits added.
      const doubled = value * 2;
      sum += Math.floor(doubled / 10) + (doubled % 10);
    } else {
      sum += value;
    }
  }
  return (10 - (sum % 10)) % 10;
}

export type EntryNumberResult =
  | { ok: true; entryNumber: string; filerCode: string }
  | { ok: false; message: string };

/**
 * Validates an entry number written with or without hyphens and returns it in the canonical
 * `AAA-NNNNNNN-N` form. The filer code may mix letters and digits in any of the eight
 * published patterns (NNN, ANN, AAN, AAA, ANA, NAN, NNA, NAA).
 */
export function parseEntryNumber(input: string): EntryNumberResult {
  const compact = input.trim().toUpperCase().replace(/[\s-]/g, '');
  if (!/^[A-Z0-9]{3}\d{8}$/.test(compact)) {
    return {
      ok: false,
      message: `'${input}' is not an entry number: expected a 3-character filer code, 7 digits and a check digit, like ABC-1234567-6`,
    };
  }
  const filerCode = compact.slice(0, 3);
  const expected = entryNumberCheckDigit(compact.slice(0, 10));
  const given = Number(compact[10]);
  if (expected !== given) {
    return {
      ok: false,
      message: `check digit of ${filerCode}-${compact.slice(3, 10)} should be ${expected}, not ${given}`,
    };
  }
  return { ok: true, entryNumber: `${filerCode}-${compact.slice(3, 10)}-${given}`, filerCode };
}

/** Builds a valid entry number from a filer code and a serial; used by seed data and tests. */
export function formatEntryNumber(filerCode: string, serial: number): string {
  const firstTen = `${filerCode.toUpperCase()}${String(serial).padStart(7, '0')}`;
  return `${firstTen.slice(0, 3)}-${firstTen.slice(3)}-${entryNumberCheckDigit(firstTen)}`;
}

/** Entry type codes of CBP Form 7501 (CBP's ACE entry type code list). */
export const ENTRY_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Consumption – free and dutiable',
  '02': 'Consumption – quota/visa',
  '03': 'Consumption – antidumping/countervailing duty',
  '05': 'Consumption – foreign trade zone (formerly)',
  '06': 'Consumption – foreign trade zone',
  '07': 'Consumption – antidumping/countervailing duty and quota/visa',
  '08': 'Nafta duty deferral',
  '09': 'Reconciliation summary',
  '11': 'Informal – free and dutiable',
  '12': 'Informal – quota/visa (other than textiles)',
  '21': 'Warehouse',
  '22': 'Re-warehouse',
  '23': 'Temporary importation bond',
  '24': 'Trade fair',
  '25': 'Permanent exhibition',
  '26': 'Warehouse – foreign trade zone (AD/CVD)',
});
