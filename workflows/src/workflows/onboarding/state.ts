import {
  type Actor,
  appliedOnboarding,
  durationToMs,
  type EventActor,
  type OnboardingAction,
  type OnboardingEventRecord,
  type OnboardingEventType,
  type OnboardingInput,
  type OnboardingSnapshot,
  type OnboardingState,
  type OnboardingView,
  refuseOnboardingAction,
  SYSTEM_ACTORS,
} from '@cee-hub/contracts';
import type { CenterContacts } from '@cee-hub/importers/activities';
import { patched } from '@temporalio/workflow';
import { throwRefusal } from '../refusals';
import { activities } from './activities';

/**
 * Applications from this change on record a change before the workflow's state moves, so a
 * change the store refuses leaves the application where the database has it. Applications
 * begun earlier move first and record after, as their histories did.
 */
export const RECORD_FIRST_PATCH = 'onboarding-record-before-moving';

export const iso = (ms: number) => new Date(ms).toISOString();
/** The workflow's today (UTC), deterministic on replay. */
export const todayIso = () => new Date().toISOString().slice(0, 10);

/** A change as the store records it: the application after it, and its history entry. */
export interface OnboardingChange {
  snapshot: OnboardingSnapshot;
  event: OnboardingEventRecord;
}

/** Ends the application: nothing is due any more. */
export function complete(snapshot: OnboardingSnapshot, state: OnboardingState): void {
  snapshot.state = state;
  snapshot.step = 'COMPLETE';
  snapshot.reviewDueAt = null;
  snapshot.escalatesAt = null;
  snapshot.informationDueAt = null;
}

/** Where the application of one onboarding workflow stands, and how it changes. */
export class OnboardingApplication {
  readonly first: OnboardingChange;
  readonly current: OnboardingSnapshot;
  readonly informationMs: number;
  private readonly reviewSlaMs: number;
  private readonly escalateAfterMs: number;
  private seq: number;
  /** The Centers the notice opens, known once eligibility is checked. */
  noticeCenterIds: string[] = [];
  contacts: CenterContacts = { accountManager: null, director: null };
  /** A new round of review (after an answer or a reassignment) restarts its SLA clock. */
  reviewRound = 0;
  reminded = false;
  escalated = false;
  /** One decision at a time: a second one waits for nothing and is refused while the first records. */
  private busy = false;

  constructor(input: OnboardingInput) {
    this.reviewSlaMs = durationToMs(input.durations.reviewSla);
    this.escalateAfterMs = durationToMs(input.durations.escalateAfter);
    this.informationMs = durationToMs(input.durations.informationDeadline);
    this.first = appliedOnboarding(input);
    this.current = { ...this.first.snapshot };
    this.seq = this.first.event.seq;
  }

  snapshot(): OnboardingSnapshot {
    return { ...this.current };
  }

  /**
   * Changes the application and records the change through `write`: on a draft adopted once it
   * is stored (a refused write changes nothing), or, for applications begun before
   * RECORD_FIRST_PATCH, in place before it is written, as their histories did.
   */
  async apply(
    mutate: (snapshot: OnboardingSnapshot) => void,
    type: OnboardingEventType,
    by: EventActor,
    note: string | null,
    write: (change: OnboardingChange) => Promise<unknown> = activities.recordOnboardingChange,
  ): Promise<void> {
    const recordFirst = patched(RECORD_FIRST_PATCH);
    const next = recordFirst ? { ...this.current, reasons: [...this.current.reasons] } : this.current;
    mutate(next);
    next.version += 1;
    // Taken now, so an event recorded meanwhile (a reminder) never shares it; a refused change leaves a gap.
    this.seq += 1;
    await write({ snapshot: { ...next, reasons: [...next.reasons] }, event: { seq: this.seq, type, ...by, note, at: iso(Date.now()) } });
    if (recordFirst) Object.assign(this.current, next);
  }

  /** Records an event of the workflow's own without changing the application (reminders, escalations). */
  recordEvent(type: OnboardingEventType, note: string): Promise<void> {
    this.seq += 1;
    return activities.recordOnboardingChange({
      snapshot: { ...this.current, reasons: [...this.current.reasons] },
      event: { seq: this.seq, type, ...SYSTEM_ACTORS.onboarding, note, at: iso(Date.now()) },
    });
  }

  /** Puts the application (or its draft) under review, with a fresh SLA clock. */
  startReview(snapshot: OnboardingSnapshot): void {
    const now = Date.now();
    this.reviewRound += 1;
    this.reminded = false;
    this.escalated = false;
    snapshot.state = 'AWAITING_REVIEW';
    snapshot.step = 'CENTER_REVIEW';
    snapshot.reviewDueAt = iso(now + this.reviewSlaMs);
    snapshot.escalatesAt = iso(now + this.reviewSlaMs + this.escalateAfterMs);
    snapshot.informationDueAt = null;
  }

  view(): OnboardingView {
    return { importerId: this.current.importerId, state: this.current.state, centerId: this.current.centerId };
  }

  /** Refuses `action` by `actor` now: the shared rules, or another decision still recording. */
  validate(actor: Actor, action: OnboardingAction): void {
    throwRefusal(refuseOnboardingAction(actor, action, this.view()));
    if (this.busy) throwRefusal({ type: 'CONFLICT', message: 'Another decision on this application is being recorded; try again in a moment' });
  }

  /** An Update handler that runs alone (see `validate`) and returns the application after it. */
  exclusively<A extends unknown[]>(handler: (...args: A) => Promise<void>): (...args: A) => Promise<OnboardingSnapshot> {
    return async (...args: A) => {
      this.busy = true;
      try {
        await handler(...args);
      } finally {
        this.busy = false;
      }
      return this.snapshot();
    };
  }
}
