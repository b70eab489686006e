export type ImporterNumberType = 'IRS' | 'SSN' | 'CBP_ASSIGNED';

export type ImporterNumberResult =
  | { ok: true; importerNumber: string; type: ImporterNumberType }
  | { ok: false; message: string };

// IRS suffixes are two digits or letters; O, I and Z are not used (they read as 0, 1 and 2).
const IRS = /^\d{2}-\d{7}[0-9A-HJ-NP-Y]{2}$/;
const SSN = /^(\d{3})-(\d{2})-(\d{4})$/;
const CBP_ASSIGNED = /^\d{6}-\d{5}$/;

/**
 * Validates an importer of record number. The hyphens are required: without them an
 * 11-digit number could be either an IRS number with a numeric suffix or a CBP-assigned one.
 */
export function parseImporterNumber(input: string): ImporterNumberResult {
  const value = input.trim().toUpperCase();
  if (IRS.test(value)) return { ok: true, importerNumber: value, type: 'IRS' };
  const ssn = SSN.exec(value);
  if (ssn) {
    const [, area, group, serial] = ssn;
    if (area === '000' || area === '666' || area!.startsWith('9') || group === '00' || serial === '0000') {
      return { ok: false, message: `'${input}' is not a valid SSN: no area 000, 666 or 9xx, group 00 or serial 0000` };
    }
    return { ok: true, importerNumber: value, type: 'SSN' };
  }
  if (CBP_ASSIGNED.test(value)) return { ok: true, importerNumber: value, type: 'CBP_ASSIGNED' };
  if (/^\d{2}-\d{7}[A-Z0-9]{2}$/.test(value)) {
    return { ok: false, message: `'${input}' has an IRS suffix with O, I or Z, which CBP does not use` };
  }
  return {
    ok: false,
    message: `'${input}' is not an importer of record number: use an IRS number (NN-NNNNNNNXX), an SSN (NNN-NN-NNNN) or a CBP-assigned number (YYDDPP-NNNNN)`,
  };
}
