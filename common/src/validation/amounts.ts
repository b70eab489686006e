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

/** Whole cents of a dollar amount that has at most two decimals. */
export function toCents(value: number): number {
  return Math.round(value * 100);
}

/**
 * Ad valorem duty for an entered value (whole cents) at a rate in percent (at most three
 * decimals), rounded half up to the cent. Computed exactly in integers: the product of a
 * large value and a rate does not fit a double's precision at the half cent.
 */
export function adValoremDuty(enteredValue: number, ratePercent: number): number {
  const cents = BigInt(toCents(enteredValue));
  const rateThousandths = BigInt(Math.round(ratePercent * 1000));
  // value in cents × rate in thousandths of a percent = duty in units of 1e-5 cents.
  const scaled = cents * rateThousandths;
  const dutyCents = (scaled + 50_000n) / 100_000n;
  return Number(dutyCents) / 100;
}

/** Adds dollar amounts exactly, through whole cents. */
export function sumAmounts(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + toCents(value), 0) / 100;
}
