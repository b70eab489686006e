export type HtsResult =
  | { ok: true; htsNumber: string; heading: string; display: string }
  | { ok: false; message: string };

/**
 * Validates a 10-digit HTSUS statistical reporting number, written with or without dots
 * (`8471.30.0100` or `8471300100`), and returns its ten digits and its heading.
 * Whether a Center covers the heading is a question for the coverage data, not for this check.
 */
export function parseHtsNumber(input: string): HtsResult {
  const digits = input.trim().replace(/[.\s]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return { ok: false, message: `'${input}' is not a 10-digit HTS number like 8471.30.0100` };
  }
  const chapter = Number(digits.slice(0, 2));
  if (chapter === 0) return { ok: false, message: `'${input}' has chapter 00; HTSUS chapters run from 01 to 99` };
  if (chapter === 77) return { ok: false, message: `'${input}' is in chapter 77, which the HTSUS reserves for future use` };
  if (chapter >= 98) {
    return {
      ok: false,
      message: `'${input}' is a chapter ${chapter} special provision; report the goods under their chapter 01–97 classification`,
    };
  }
  if (digits.slice(2, 4) === '00') return { ok: false, message: `'${input}' has heading ${digits.slice(0, 4)}, which does not exist` };
  return { ok: true, htsNumber: digits, heading: digits.slice(0, 4), display: formatHtsNumber(digits) };
}

export function formatHtsNumber(digits: string): string {
  return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}
