import {
  type Actor,
  actorRef,
  checkCorrection,
  checkImporterReply,
  checkReviewDecision,
  type DecisionRefusal,
  durationToMs,
  type EntrySummaryCorrection,
  FINAL_REVIEW_STEPS,
  type ImporterReply,
  REVIEW_STATE_QUERY,
  REVIEW_UPDATES,
  type ReviewDecision,
  type ReviewFilingStatus,
  type ReviewInput,
  type ReviewState,
  type ReviewStep,
  STAFF_STEPS,
} from '@cee-hub/contracts';
import type { ReviewActivities, ReviewTransition } from '@cee-hub/filings/activities';
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

const ACTIVITY_TIMEOUT = '10 seconds';

/**
 * Scoring and recording are a few milliseconds of SQL each, so they run as local activities:
 * in the workflow task that needs them, recorded as markers, instead of each costing an
 * activity task and another workflow task on the Temporal server. A filing's review then
 * takes one workflow task to be scored and recorded, rather than three, which is what bounds
 * how many summaries per second Temporal can take. Reviews started before this change keep
 * the activity tasks their histories recorded (the patch marker tells them apart on replay).
 */
const LOCAL_ACTIVITIES_PATCH = 'review-local-activities';
/**
 * A local activity retries inside its workflow task, and every retry past the first minute
 * adds to the history: so it gets a few quick attempts, and a failure that may pass (the
 * database away) is then handed to a normal activity, whose retries (until the database is
 * back) add nothing to the history. A failure that will repeat (see the worker's
 * permanent-failure interceptor) is not retried at all.
 */
const localActivities = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: ACTIVITY_TIMEOUT,
  retry: { initialInterval: '500 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 3 },
});
const remoteActivities = proxyActivities<ReviewActivities>({
  // A worker that dies mid-activity is noticed after this long.
  startToCloseTimeout: ACTIVITY_TIMEOUT,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/**
 * Reviews from this change on record a transition before the workflow's state moves, so a
 * transition the store refuses leaves the review where the database has it. Reviews that
 * started earlier move first and record after, as their histories did.
 */
const RECORD_FIRST_PATCH = 'review-record-before-moving';

/** Runs an activity of the review, locally where the patch says so, falling back as described above. */
async function run<K extends 'scoreEntrySummaryRisk' | 'recordReviewTransition'>(
  name: K,
  ...args: Parameters<ReviewActivities[K]>
): Promise<Awaited<ReturnType<ReviewActivities[K]>>> {
  type Fn = (...a: Parameters<ReviewActivities[K]>) => Promise<Awaited<ReturnType<ReviewActivities[K]>>>;
  if (!patched(LOCAL_ACTIVITIES_PATCH)) return (remoteActivities[name] as Fn)(...args);
  try {
    return await (localActivities[name] as Fn)(...args);
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.nonRetryable) {
      // Refused for good (e.g. text the store cannot hold): the caller's Update fails with it.
      throw ApplicationFailure.create({ type: cause.type ?? 'BAD_USER_INPUT', message: cause.message, nonRetryable: true });
    }
    return (remoteActivities[name] as Fn)(...args);
  }
}

/** A staff decision (claim, accept, refer, return, CF-28, CF-29, reject, sign-off); returns the review after it. */
export const decideReviewUpdate = defineUpdate<ReviewState, [ReviewDecision]>(REVIEW_UPDATES.decide);
/** The importer's answer to the open CF-28 request for information. */
export const answerRequestForInformationUpdate = defineUpdate<ReviewState, [ImporterReply]>(REVIEW_UPDATES.answerRequestForInformation);
/** The importer's response to the CF-29 notice of action that was sent. */
export const respondToNoticeOfActionUpdate = defineUpdate<ReviewState, [ImporterReply]>(REVIEW_UPDATES.respondToNoticeOfAction);
/** The filer's correction of a returned summary, validated by the filings domain; the review starts over at risk. */
export const correctEntrySummaryUpdate = defineUpdate<ReviewState, [EntrySummaryCorrection]>(REVIEW_UPDATES.correct);
/** The review as it stands. */
export const reviewStateQuery = defineQuery<ReviewState>(REVIEW_STATE_QUERY);

const SYSTEM = { actor: 'review-workflow', actorRole: 'SYSTEM' };
type Who = typeof SYSTEM;

function refused(refusal: DecisionRefusal | null): void {
  if (refusal) throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
}

function byActor(actor: Actor): Who {
  return { actor: actor.email ?? actor.subject ?? actor.importerId ?? actor.role, actorRole: actor.role };
}

const copy = (state: ReviewState): ReviewState => JSON.parse(JSON.stringify(state)) as ReviewState;

/** The event a move records: its type, the status it came from, who made it and its note. */
interface MoveEvent {
  type: string;
  from: ReviewFilingStatus | null;
  who: Who;
  note: string | null;
  extra?: Pick<ReviewTransition, 'correction' | 'escalate'>;
}

/** Changes a draft of the review (entering a step through `enter`) and says what to record. */
type Change = (next: ReviewState, enter: (step: ReviewStep, status?: ReviewFilingStatus, responseWindowMs?: number) => void) => MoveEvent;

/**
 * The review of one entry summary (workflow id `review-<entryNumber>`): risk scoring, entry
 * specialist, import specialist with CF-28 and CF-29, supervisor sign-off of adverse actions,
 * acceptance and liquidation. Every staff step has an SLA whose breach escalates once per
 * step. Decisions arrive as Updates whose validators apply the shared rules; every transition
 * is recorded by the filings domain (status, review row, event) exactly once, before the
 * review's state moves.
 */
export async function reviewEntrySummary(input: ReviewInput): Promise<ReviewState> {
  const durations = {
    stepSla: durationToMs(input.durations.stepSla),
    cf28: durationToMs(input.durations.cf28ResponseWindow),
    cf29: durationToMs(input.durations.cf29ResponseWindow),
  };
  // Liquidation counts from the date of entry, not from acceptance.
  const liquidateAt = Date.parse(`${input.entryDate}T00:00:00Z`) + durationToMs(input.durations.liquidationAfterEntry);
  let state: ReviewState = {
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
  /** Counts step entries, so the main loop notices a step re-entered too (IMPORT_REVIEW after a CF-28). */
  let stepEntries = 0;
  /** Moves happen one after another, each on the state the one before it left. */
  let moving: Promise<unknown> = Promise.resolve();

  const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

  /**
   * Applies `change` and records it. Recorded first (on a draft, adopted once the store has
   * it; `check` is asked again on the state the earlier moves left), or, for reviews begun
   * before RECORD_FIRST_PATCH, applied first and recorded after, as their histories did.
   */
  function move(change: Change, check: () => DecisionRefusal | null = () => null): Promise<ReviewState> {
    const recordFirst = patched(RECORD_FIRST_PATCH);
    const step = async (): Promise<ReviewState> => {
      refused(check());
      const next = recordFirst ? copy(state) : state;
      let entered = false;
      const enter = (to: ReviewStep, status: ReviewFilingStatus = next.status, responseWindowMs?: number) => {
        next.step = to;
        next.status = status;
        next.escalated = false;
        next.stepDueAt = STAFF_STEPS.includes(to) ? isoIn(durations.stepSla) : null;
        next.responseDueAt = responseWindowMs === undefined ? null : isoIn(responseWindowMs);
        next.version += 1;
        entered = true;
        if (!recordFirst) stepEntries += 1;
      };
      const event = change(next, enter);
      next.seq += 1;
      const snapshot = copy(next);
      const record = () => run('recordReviewTransition', { state: snapshot, event: { type: event.type, fromStatus: event.from, ...event.who, note: event.note }, ...event.extra });
      if (recordFirst) {
        await record();
        state = next;
        if (entered) stepEntries += 1;
      } else {
        const done = moving.then(record);
        moving = done.catch(() => undefined);
        await done;
      }
      return snapshot;
    };
    if (!recordFirst) return step();
    const done = moving.then(step);
    moving = done.catch(() => undefined);
    return done;
  }

  const accept = (type: string, who: Who, note: string | null): Change => (next, enter) => {
    const from = next.status;
    next.claimedBy = null;
    next.liquidationDate = new Date(liquidateAt).toISOString().slice(0, 10);
    enter('ACCEPTED', 'ACCEPTED');
    return { type, from, who, note };
  };

  /** What a staff decision changes and records. */
  function decisionChange(decision: ReviewDecision): Change {
    const who = byActor(decision.actor);
    const by = actorRef(decision.actor);
    const note = decision.note?.trim() || null;
    const proposal = (next: ReviewState, kind: 'CF28' | 'CF29' | 'REJECTION') => {
      next.pending = { kind, details: note!, changeKind: kind === 'CF29' ? decision.changeKind! : null, proposedBy: by, signedOffBy: null, response: null, respondedAt: null };
    };
    switch (decision.action) {
      case 'CLAIM':
        return (next) => {
          next.claimedBy = by;
          next.version += 1;
          return { type: 'REVIEW_CLAIMED', from: next.status, who, note };
        };
      case 'ACCEPT':
        return accept('ACCEPTED', who, note);
      case 'ACCEPT_WITH_CHANGE':
        return (next, enter) => {
          const notice = next.pending!;
          return accept('ACCEPTED_WITH_CHANGE', who, `${notice.changeKind} change of the notice of action applied: ${notice.details}${note ? `; ${note}` : ''}`)(next, enter);
        };
      case 'REFER_TO_IMPORT_SPECIALIST':
      case 'RETURN_TO_FILER':
        return (next, enter) => {
          const from = next.status;
          next.claimedBy = null;
          if (decision.action === 'RETURN_TO_FILER') enter('RETURNED', 'RETURNED');
          else enter('IMPORT_REVIEW');
          return { type: decision.action === 'RETURN_TO_FILER' ? 'RETURNED' : 'REFERRED', from, who, note };
        };
      case 'REQUEST_INFORMATION':
        return (next, enter) => {
          const from = next.status;
          proposal(next, 'CF28');
          enter('AWAITING_INFORMATION', 'UNDER_REVIEW', durations.cf28);
          return { type: 'CF28_ISSUED', from, who, note };
        };
      case 'PROPOSE_NOTICE_OF_ACTION':
      case 'REJECT':
        return (next, enter) => {
          const from = next.status;
          const cf29 = decision.action === 'PROPOSE_NOTICE_OF_ACTION';
          proposal(next, cf29 ? 'CF29' : 'REJECTION');
          enter('SIGN_OFF');
          return cf29 ? { type: 'CF29_PROPOSED', from, who, note: `${decision.changeKind}: ${note}` } : { type: 'REJECTION_PROPOSED', from, who, note };
        };
      case 'SIGN_OFF':
        return (next, enter) => {
          const from = next.status;
          const pending = next.pending!;
          pending.signedOffBy = by;
          if (pending.kind === 'REJECTION') {
            next.claimedBy = null;
            enter('REJECTED', 'REJECTED');
            return { type: 'REJECTED', from, who, note: `${pending.details}${note ? ` (signed off: ${note})` : ''}` };
          }
          enter('AWAITING_NOTICE_RESPONSE', 'UNDER_REVIEW', durations.cf29);
          return { type: 'CF29_ISSUED', from, who, note };
        };
      case 'DECLINE_SIGN_OFF':
        return (next, enter) => {
          const from = next.status;
          next.pending = null;
          enter('IMPORT_REVIEW');
          return { type: 'SIGN_OFF_DECLINED', from, who, note };
        };
    }
  }

  setHandler(reviewStateQuery, () => copy(state));

  setHandler(
    decideReviewUpdate,
    // Checked again as the move starts: an earlier Update of the same activation may have moved the review.
    (decision) => move(decisionChange(decision), () => checkReviewDecision(state, decision)),
    { validator: (decision) => refused(checkReviewDecision(state, decision)) },
  );

  const importerReply = (kind: 'CF28' | 'CF29', type: string) => (reply: ImporterReply) =>
    move(
      (next, enter) => {
        const text = reply.text.trim();
        next.pending = { ...next.pending!, response: text, respondedAt: new Date(Date.now()).toISOString() };
        enter('IMPORT_REVIEW');
        return { type, from: next.status, who: byActor(reply.actor), note: text };
      },
      () => checkImporterReply(state, reply, kind),
    );
  setHandler(answerRequestForInformationUpdate, importerReply('CF28', 'CF28_ANSWERED'), {
    validator: (reply) => refused(checkImporterReply(state, reply, 'CF28')),
  });
  setHandler(respondToNoticeOfActionUpdate, importerReply('CF29', 'CF29_RESPONDED'), {
    validator: (reply) => refused(checkImporterReply(state, reply, 'CF29')),
  });

  setHandler(
    correctEntrySummaryUpdate,
    (correction) =>
      move(
        (next, enter) => {
          next.claimedBy = null;
          next.pending = null;
          next.risk = null;
          enter('RISK', 'FILED');
          return { type: 'CORRECTED', from: 'RETURNED', who: byActor(correction.actor), note: 'corrected by the filer and validated again', extra: { correction } };
        },
        () => checkCorrection(state, correction.actor),
      ),
    { validator: (correction) => refused(checkCorrection(state, correction.actor)) },
  );

  while (!FINAL_REVIEW_STEPS.includes(state.step)) {
    const entered = stepEntries;
    const moved = () => stepEntries !== entered;
    const until = (iso: string) => Math.max(Date.parse(iso) - Date.now(), 1);
    switch (state.step) {
      case 'RISK': {
        // A correction is scored once it is written.
        await moving;
        const risk = await run('scoreEntrySummaryRisk', input.entrySummaryId);
        await move((next, enter) => {
          next.risk = risk;
          if (risk.lowRisk) return accept('ACCEPTED', SYSTEM, `low risk (score ${risk.score}): accepted automatically`)(next, enter);
          const from = next.status;
          enter('ENTRY_REVIEW', 'UNDER_REVIEW');
          return { type: 'REVIEW_STARTED', from, who: SYSTEM, note: `risk score ${risk.score}: ${risk.reasons.join('; ')}` };
        });
        break;
      }
      case 'ENTRY_REVIEW':
      case 'IMPORT_REVIEW':
      case 'SIGN_OFF': {
        if (!state.escalated && !(await condition(moved, until(state.stepDueAt!))) && !moved()) {
          await move((next) => {
            next.escalated = true;
            return { type: 'ESCALATED', from: next.status, who: SYSTEM, note: `step ${next.step} passed its SLA (due ${next.stepDueAt})`, extra: { escalate: true } };
          });
        }
        await condition(moved);
        break;
      }
      case 'AWAITING_INFORMATION':
      case 'AWAITING_NOTICE_RESPONSE': {
        if (!(await condition(moved, until(state.responseDueAt!))) && !moved()) {
          const cf28 = state.step === 'AWAITING_INFORMATION';
          await move((next, enter) => {
            enter('IMPORT_REVIEW');
            return {
              type: cf28 ? 'CF28_UNANSWERED' : 'CF29_RESPONSE_WINDOW_CLOSED',
              from: next.status,
              who: SYSTEM,
              note: cf28 ? 'no answer to the request for information within its window; the review continues without it' : 'the importer did not respond to the notice of action within its window',
            };
          });
        }
        break;
      }
      case 'RETURNED':
        await condition(moved);
        break;
      case 'ACCEPTED': {
        const wait = liquidateAt - Date.now();
        if (wait > 0) await sleep(wait);
        await move((next, enter) => {
          enter('LIQUIDATED', 'LIQUIDATED');
          return { type: 'LIQUIDATED', from: 'ACCEPTED', who: SYSTEM, note: `liquidated as scheduled on ${next.liquidationDate}` };
        });
        break;
      }
      default:
        break;
    }
  }
  await condition(allHandlersFinished);
  return copy(state);
}
