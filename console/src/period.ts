/**
 * The periods the statistics are asked for: calendar days (LocalDate, YYYY-MM-DD) from and to,
 * both counted. Arithmetic runs in UTC on the calendar day, so no time zone shifts a day.
 */

export interface Period {
  from: string;
  to: string;
}

export interface PeriodPreset {
  id: string;
  label: string;
  period: (today: string) => Period;
}

function toDate(localDate: string): Date {
  return new Date(`${localDate}T00:00:00Z`);
}

function toLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `days` after `localDate` (before it when negative). */
export function addLocalDays(localDate: string, days: number): string {
  const date = toDate(localDate);
  date.setUTCDate(date.getUTCDate() + days);
  return toLocalDate(date);
}

/** The same day `months` later (earlier when negative), or the month's last day where it has no such day (31 March − 1 month → 28 or 29 February). */
export function addLocalMonths(localDate: string, months: number): string {
  const date = toDate(localDate);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return toLocalDate(date);
}

/** The choices of period, the first the default: each ends today. */
export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  { id: 'last-12-months', label: 'Last 12 months', period: (today) => ({ from: addLocalDays(addLocalMonths(today, -12), 1), to: today }) },
  { id: 'last-30-days', label: 'Last 30 days', period: (today) => ({ from: addLocalDays(today, -29), to: today }) },
  { id: 'last-7-days', label: 'Last 7 days', period: (today) => ({ from: addLocalDays(today, -6), to: today }) },
  { id: 'this-year', label: 'This year', period: (today) => ({ from: `${today.slice(0, 4)}-01-01`, to: today }) },
];

/** The preset a period is, today; null for a period of the reader's own choosing. */
export function presetOf(period: Period, today: string): PeriodPreset | null {
  return PERIOD_PRESETS.find((preset) => {
    const candidate = preset.period(today);
    return candidate.from === period.from && candidate.to === period.to;
  }) ?? null;
}
