import { isCalendarDate } from '@cee-hub/contracts';
/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) in UTC, with U.S. federal holidays,
 * for the time limits of 19 CFR (an entry summary is due 10 working days after entry).
 */

export function isIsoDate(value: string): boolean {
  // One calendar rule for the graph and the workflows (year 0 excluded, as PostgreSQL has none).
  return isCalendarDate(value);
}

/**
 * Whether `value` is a UTC timestamp as this API writes them (`2026-03-01T12:30:00.123456Z`,
 * fraction optional, up to microseconds) naming a real moment, so PostgreSQL accepts it too.
 */
export function isIsoTimestamp(value: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/.exec(value);
  return match !== null && isIsoDate(match[1]!);
}

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = toDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIso(date);
}

/** The nth given weekday (0 = Sunday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1));
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return toIso(new Date(Date.UTC(year, month, 1 + offset + (n - 1) * 7)));
  }
  const last = new Date(Date.UTC(year, month + 1, 0));
  const offset = (last.getUTCDay() - weekday + 7) % 7;
  return toIso(new Date(Date.UTC(year, month + 1, -offset)));
}

/** A fixed-date holiday on a Saturday is observed on Friday, on a Sunday on Monday (5 U.S.C. 6103). */
function observed(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month, day));
  const weekday = date.getUTCDay();
  if (weekday === 6) date.setUTCDate(day - 1);
  if (weekday === 0) date.setUTCDate(day + 1);
  return toIso(date);
}

const holidayCache = new Map<number, Set<string>>();

/** Observed federal holidays falling in a year (5 U.S.C. 6103; Juneteenth from 2021). */
export function federalHolidays(year: number): Set<string> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    const observedDates = [
      observed(year, 0, 1),
      nthWeekday(year, 0, 1, 3), // Birthday of Martin Luther King, Jr.
      nthWeekday(year, 1, 1, 3), // Washington's Birthday
      nthWeekday(year, 4, 1, -1), // Memorial Day
      ...(year >= 2021 ? [observed(year, 5, 19)] : []),
      observed(year, 6, 4),
      nthWeekday(year, 8, 1, 1), // Labor Day
      nthWeekday(year, 9, 1, 2), // Columbus Day
      observed(year, 10, 11),
      nthWeekday(year, 10, 4, 4), // Thanksgiving Day
      observed(year, 11, 25),
      // New Year's Day of the next year can be observed on December 31.
      observed(year + 1, 0, 1),
    ];
    holidays = new Set(observedDates.filter((date) => date.startsWith(`${year}-`)));
    holidayCache.set(year, holidays);
  }
  return holidays;
}

export function isWorkingDay(iso: string): boolean {
  const weekday = toDate(iso).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !federalHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** The date `count` working days after `iso` (the day itself not counted). */
export function addWorkingDays(iso: string, count: number): string {
  let date = iso;
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** The date `count` working days before `iso` (the day itself not counted). */
export function subtractWorkingDays(iso: string, count: number): string {
  let date = iso;
  let left = count;
  while (left > 0) {
    date = addDays(date, -1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
