/** Largest amount accepted, in dollars: keeps every amount exact in a double and in NUMERIC(16,2). */
export const MAX_AMOUNT = 999_999_999_999.99;

/** Null when `value` is a non-negative dollar amount with at most two decimals, else the problem. */
export function amountProblem(value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (value < 0) return `must not be negative; got ${value}`;
  if (value > MAX_AMOUNT) return `must be at most ${MAX_AMOUNT}; got ${value}`;
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return `must be in whole cents (two decimals at most); got ${value}`;
  return null;
}

/** Rounds to whole cents, half away from zero, working in integer cents to avoid drift. */
export function roundToCents(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/** Ad valorem duty for an entered value at a rate in percent, to the cent. */
export function adValoremDuty(enteredValue: number, ratePercent: number): number {
  return roundToCents((enteredValue * ratePercent) / 100);
}
