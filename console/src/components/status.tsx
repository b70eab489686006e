import { formatDateTime, formatDuration, label } from '../format';
import type { FilingRowFragment, FilingStatus } from '../graphql/generated/graphql';

/** A status in words; the colour only repeats what the words say. */
export function StatusBadge({ status }: { status: FilingStatus | string }) {
  return <span className={`badge badge-${status.toLowerCase().replace(/_/g, '-')}`}>{label(status)}</span>;
}

const STAFF_STEPS = ['ENTRY_REVIEW', 'IMPORT_REVIEW', 'SIGN_OFF'];
const IMPORTER_STEPS = ['AWAITING_INFORMATION', 'AWAITING_NOTICE_RESPONSE'];
/** A staff step due within this long is flagged as due soon. */
const DUE_SOON_MS = 24 * 3600 * 1000;

export type SlaTone = 'overdue' | 'due-soon' | 'on-time' | 'waiting' | 'none';

/** Where a review stands against its SLA: a staff step's due time, or the importer's response window. */
export function slaOf(review: Pick<NonNullable<FilingRowFragment['review']>, 'step' | 'stepDueAt' | 'escalated' | 'responseDueAt'> | null, now: number): { tone: SlaTone; text: string } {
  if (!review) return { tone: 'none', text: 'Not in review yet' };
  if (STAFF_STEPS.includes(review.step) && review.stepDueAt) {
    const left = Date.parse(review.stepDueAt) - now;
    if (review.escalated || left <= 0) return { tone: 'overdue', text: `Overdue by ${formatDuration(-Math.min(left, 0))}${review.escalated ? ', escalated' : ''}` };
    if (left < DUE_SOON_MS) return { tone: 'due-soon', text: `Due soon: ${formatDuration(left)} left` };
    return { tone: 'on-time', text: `On time: ${formatDuration(left)} left` };
  }
  if (IMPORTER_STEPS.includes(review.step)) {
    return { tone: 'waiting', text: `Waiting for the importer until ${formatDateTime(review.responseDueAt)}` };
  }
  return { tone: 'none', text: 'No SLA at this step' };
}

export function SlaState({ review, now }: { review: Parameters<typeof slaOf>[0]; now: number }) {
  const sla = slaOf(review, now);
  return <span className={`sla sla-${sla.tone}`}>{sla.text}</span>;
}
