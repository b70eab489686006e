/** How the console writes dates, amounts and the graph's enum values for people. */

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** A LocalDate (YYYY-MM-DD) is a calendar day, not an instant: read and written in UTC so it never shifts a day. */
export function formatDate(localDate: string | null | undefined): string {
  return localDate ? dateOnly.format(new Date(`${localDate}T00:00:00Z`)) : '—';
}

export function formatDollars(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : dollars.format(amount);
}

/** SCREAMING_CASE enum values as words: UNDER_REVIEW → "under review"; CBP form names stay as written (CF28_ISSUED → "CF-28 issued"). */
export function humanize(value: string | null | undefined): string {
  return value ? value.toLowerCase().replace(/_/g, ' ').replace(/\bcf(\d+)\b/g, 'CF-$1').replace(/\bcbp\b/g, 'CBP') : '—';
}

/** Same, with a capital first letter, for a value standing on its own. */
export function label(value: string | null | undefined): string {
  const text = humanize(value);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A duration in words at the scale that matters: "3 d 4 h", "2 h 5 min", "40 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

/** Today as a LocalDate in the viewer's time zone (what a person means by "today" on a form). */
export function todayLocalDate(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
