import { type DecisionRefusal, durationToMs, type EventActor, type ReviewFilingStatus, type ReviewInput, type ReviewState, type ReviewStep, STAFF_STEPS } from '@cee-hub/contracts';
import type { ReviewTransition } from '@cee-hub/filings/activities';
import { patched } from '@temporalio/workflow';
import { throwRefusal } from '../refusals';
import { run } from './activities';

/**
 * Reviews from this change on record a transition before the workflow's state moves, so a
 * transition the store refuses leaves the review where the database has it. Reviews that
 * started earlier move first and record after, as their histories did.
 */
const RECORD_FIRST_PATCH = 'review-record-before-moving';

/** The event a move records: its type, the status it came from, who made it and its note. */
export interface MoveEvent {
  type: string;
  from: ReviewFilingStatus | null;
  who: EventActor;
  note: string | null;
  /** Documents the step came with; absent (not empty) otherwise, so earlier transitions record as they did. */
  documentIds?: string[];
  extra?: Pick<ReviewTransition, 'correction' | 'escalate'>;
}

/** Enters a step: its status, its SLA (staff steps) and the importer's response window. */
export type Enter = (step: ReviewStep, status?: ReviewFilingStatus, responseWindowMs?: number) => void;
/** Changes a draft of the review (entering a step through `enter`) and says what to record. */
export type Change = (next: ReviewState, enter: Enter) => MoveEvent;

export const copy = (state: ReviewState): ReviewState => JSON.parse(JSON.stringify(state)) as ReviewState;

function initialReviewState(input: ReviewInput): ReviewState {
  return {
    entrySummaryId: input.entrySummaryId,
    entryNumber: input.entryNumber,
    importerId: input.importerId,
    centerId: input.centerId,
    step: 'RISK',
    status: 'FILED',
    version: 0,
    seq: 0,
    risk: null,
    claimedBy: null,
    stepDueAt: null,
    escalated: false,
    pending: null,
    responseDueAt: null,
    liquidationDate: null,
  };
}

const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

/** The review of one entry summary as its workflow holds it, and the one way it moves. */
export class EntrySummaryReview {
  state: ReviewState;
  /** Counts step entries, so the main loop notices a step re-entered too (IMPORT_REVIEW after a CF-28). */
  stepEntries = 0;
  /** Moves happen one after another, each on the state the one before it left. */
  moving: Promise<unknown> = Promise.resolve();
  readonly durations: { stepSla: number; cf28: number; cf29: number };
  /** Liquidation counts from the date of entry, not from acceptance. */
  readonly liquidateAt: number;

  constructor(input: ReviewInput) {
    this.durations = {
      stepSla: durationToMs(input.durations.stepSla),
      cf28: durationToMs(input.durations.cf28ResponseWindow),
      cf29: durationToMs(input.durations.cf29ResponseWindow),
    };
    this.liquidateAt = Date.parse(`${input.entryDate}T00:00:00Z`) + durationToMs(input.durations.liquidationAfterEntry);
    this.state = initialReviewState(input);
  }

  /**
   * Applies `change` and records it. Recorded first (on a draft, adopted once the store has
   * it; `check` is asked again on the state the earlier moves left), or, for reviews begun
   * before RECORD_FIRST_PATCH, applied first and recorded after, as their histories did.
   */
  move(change: Change, check: () => DecisionRefusal | undefined = () => undefined): Promise<ReviewState> {
    const recordFirst = patched(RECORD_FIRST_PATCH);
    if (!recordFirst) return this.step(change, check, false);
    const done = this.moving.then(() => this.step(change, check, true));
    this.moving = done.catch(() => undefined);
    return done;
  }

  private async step(change: Change, check: () => DecisionRefusal | undefined, recordFirst: boolean): Promise<ReviewState> {
    throwRefusal(check());
    const next = recordFirst ? copy(this.state) : this.state;
    let entered = false;
    const enter: Enter = (to, status = next.status, responseWindowMs) => {
      next.step = to;
      next.status = status;
      next.escalated = false;
      next.stepDueAt = STAFF_STEPS.includes(to) ? isoIn(this.durations.stepSla) : null;
      next.responseDueAt = responseWindowMs === undefined ? null : isoIn(responseWindowMs);
      next.version += 1;
      entered = true;
      if (!recordFirst) this.stepEntries += 1;
    };
    const event = change(next, enter);
    next.seq += 1;
    const snapshot = copy(next);
    const record = () => run('recordReviewTransition', { state: snapshot, event: { type: event.type, fromStatus: event.from, ...event.who, note: event.note, ...(event.documentIds?.length ? { documentIds: event.documentIds } : {}) }, ...event.extra });
    if (recordFirst) {
      await record();
      this.state = next;
      if (entered) this.stepEntries += 1;
    } else {
      const done = this.moving.then(record);
      this.moving = done.catch(() => undefined);
      await done;
    }
    return snapshot;
  }

  /** Acceptance, by a specialist or automatically: liquidation is scheduled. */
  accept(type: string, who: EventActor, note: string | null): Change {
    return (next, enter) => {
      const from = next.status;
      next.claimedBy = null;
      next.liquidationDate = new Date(this.liquidateAt).toISOString().slice(0, 10);
      enter('ACCEPTED', 'ACCEPTED');
      return { type, from, who, note };
    };
  }
}
