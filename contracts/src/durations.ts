/**
 * Durations of the human-paced processes, as Temporal duration strings ('30 days', '5s').
 * They are workflow inputs, read from configuration when a workflow starts, so tests run whole
 * paths in seconds and an operator can change them without a deployment.
 */
export interface OnboardingDurations {
  /** How long an application may wait for review before a reminder goes out. */
  reviewSla: string;
  /** After the reminder, how long until the application escalates to the Center director. */
  escalateAfter: string;
  /** How long the importer has to answer a request for information before the application lapses. */
  informationDeadline: string;
}

export interface ReviewDurations {
  /** How long each review step may take before it escalates to the Center's supervisors. */
  stepSla: string;
  /** CF-28 request for information: time for the importer to answer (30 days). */
  cf28ResponseWindow: string;
  /** CF-29 notice of action: time for the importer to respond (about 20 days). */
  cf29ResponseWindow: string;
  /** Liquidation is scheduled this long after the date of entry (about 314 days). */
  liquidationAfterEntry: string;
}

/** Plain-JSON description of a moment a process waits for, shown in the graph. */
export interface Deadline {
  kind: string;
  /** ISO timestamp. */
  dueAt: string;
}

const MS_PER_UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_NAMES: Record<string, keyof typeof MS_PER_UNIT> = {
  ms: 'ms', msec: 'ms', msecs: 'ms', millisecond: 'ms', milliseconds: 'ms',
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
};
const DURATION = /^(?:\s*\d+(?:\.\d+)?\s*[a-z]*)+\s*$/;
const DURATION_PART = /(\d+(?:\.\d+)?)\s*([a-z]*)/g;

/**
 * Milliseconds of a Temporal duration string: '30 days', '5s', '1.5h', '1 day 2h'; a bare
 * number is milliseconds. Workflow code computes deadlines with it, so it is pure and strict:
 * anything else throws, and a bad configuration fails loudly.
 */
export function durationToMs(text: string): number {
  const lower = text.toLowerCase();
  const invalid = new Error(`'${text}' is not a duration like '30 days', '12h' or '5s'`);
  if (!DURATION.test(lower)) throw invalid;
  let total = 0;
  for (const [, amount, unit] of lower.matchAll(DURATION_PART)) {
    const name = UNIT_NAMES[unit || 'ms'];
    if (!name) throw invalid;
    total += Number(amount) * MS_PER_UNIT[name]!;
  }
  return Math.round(total);
}
