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
} from '@cee-hub/common/workflow-contracts';
import type { ReviewActivities, ReviewTransition } from '@cee-hub/filings/activities';
import {
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

const activityOptions = {
  // Each is a few statements; a worker that dies mid-activity is noticed after this long.
  startToCloseTimeout: '10 seconds',
  // Database hiccups are transient: retry until the database is back.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const;

/**
 * Scoring and recording are a few milliseconds of SQL each, so they run as local activities:
 * in the workflow task that needs them, recorded as markers, instead of each costing an
 * activity task and another workflow task on the Temporal server. A filing's review then
 * takes one workflow task to be scored and recorded, rather than three, which is what bounds
 * how many summaries per second Temporal can take. Reviews started before this change keep
 * the activity tasks their histories recorded (the patch marker tells them apart on replay).
 */
const LOCAL_ACTIVITIES_PATCH = 'review-local-activities';
const remoteActivities = proxyActivities<ReviewActivities>(activityOptions);
const localActivities = proxyLocalActivities<ReviewActivities>(activityOptions);
const activities = (): Pick<ReviewActivities, 'scoreEntrySummaryRisk' | 'recordReviewTransition'> =>
  patched(LOCAL_ACTIVITIES_PATCH) ? localActivities : remoteActivities;

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

function refused(refusal: DecisionRefusal | null): void {
  if (refusal) throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
}

function byActor(actor: Actor): { actor: string; actorRole: string } {
  return { actor: actor.email ?? actor.subject ?? actor.importerId ?? actor.role, actorRole: actor.role };
}

const copy = (state: ReviewState): ReviewState => JSON.parse(JSON.stringify(state)) as ReviewState;

/**
 * The review of one entry summary (workflow id `review-<entryNumber>`): risk scoring, entry
 * specialist, import specialist with CF-28 and CF-29, supervisor sign-off of adverse actions,
 * acceptance and liquidation. Every staff step has an SLA whose breach escalates once per
 * step. Decisions arrive as Updates whose validators apply the shared rules; every transition
 * is recorded by the filings domain (status, review row, event) exactly once.
 */
export async function reviewEntrySummary(input: ReviewInput): Promise<ReviewState> {
  const durations = {
    stepSla: durationToMs(input.durations.stepSla),
    cf28: durationToMs(input.durations.cf28ResponseWindow),
    cf29: durationToMs(input.durations.cf29ResponseWindow),
  };
  // Liquidation counts from the date of entry, not from acceptance.
  const liquidateAt = Date.parse(`${input.entryDate}T00:00:00Z`) + durationToMs(input.durations.liquidationAfterEntry);
  const state: ReviewState = {
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
  /** Transitions are recorded one after another, in the order they happened. */
  let recording: Promise<unknown> = Promise.resolve();

  const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

  function enter(step: ReviewStep, status: ReviewFilingStatus = state.status, responseWindowMs?: number): void {
    state.step = step;
    state.status = status;
    state.escalated = false;
    state.stepDueAt = STAFF_STEPS.includes(step) ? isoIn(durations.stepSla) : null;
    state.responseDueAt = responseWindowMs === undefined ? null : isoIn(responseWindowMs);
    state.version += 1;
    stepEntries += 1;
  }

  /** Records the transition just made to `state`; returns the state it recorded. */
  async function record(
    type: string,
    fromStatus: ReviewFilingStatus | null,
    who: { actor: string; actorRole: string },
    note: string | null,
    extra: Pick<ReviewTransition, 'correction' | 'escalate'> = {},
  ): Promise<ReviewState> {
    state.seq += 1;
    const snapshot = copy(state);
    const done = recording.then(() => activities().recordReviewTransition({ state: snapshot, event: { type, fromStatus, ...who, note }, ...extra }));
    recording = done.catch(() => undefined);
    await done;
    return snapshot;
  }

  function accept(type: string, who: { actor: string; actorRole: string }, note: string | null): Promise<ReviewState> {
    const from = state.status;
    state.claimedBy = null;
    state.liquidationDate = new Date(liquidateAt).toISOString().slice(0, 10);
    enter('ACCEPTED', 'ACCEPTED');
    return record(type, from, who, note);
  }

  setHandler(reviewStateQuery, () => copy(state));

  setHandler(
    decideReviewUpdate,
    async (decision) => {
      // Checked again here: an earlier Update of the same activation may have moved the review.
      refused(checkReviewDecision(state, decision));
      const who = byActor(decision.actor);
      const by = actorRef(decision.actor);
      const note = decision.note?.trim() || null;
      const from = state.status;
      switch (decision.action) {
        case 'CLAIM':
          state.claimedBy = by;
          state.version += 1;
          return record('REVIEW_CLAIMED', from, who, note);
        case 'ACCEPT':
          return accept('ACCEPTED', who, note);
        case 'ACCEPT_WITH_CHANGE': {
          const notice = state.pending!;
          return accept('ACCEPTED_WITH_CHANGE', who, `${notice.changeKind} change of the notice of action applied: ${notice.details}${note ? `; ${note}` : ''}`);
        }
        case 'REFER_TO_IMPORT_SPECIALIST':
          state.claimedBy = null;
          enter('IMPORT_REVIEW');
          return record('REFERRED', from, who, note);
        case 'RETURN_TO_FILER':
          state.claimedBy = null;
          enter('RETURNED', 'RETURNED');
          return record('RETURNED', from, who, note);
        case 'REQUEST_INFORMATION':
          state.pending = { kind: 'CF28', details: note!, changeKind: null, proposedBy: by, signedOffBy: null, response: null, respondedAt: null };
          enter('AWAITING_INFORMATION', 'UNDER_REVIEW', durations.cf28);
          return record('CF28_ISSUED', from, who, note);
        case 'PROPOSE_NOTICE_OF_ACTION':
          state.pending = { kind: 'CF29', details: note!, changeKind: decision.changeKind!, proposedBy: by, signedOffBy: null, response: null, respondedAt: null };
          enter('SIGN_OFF');
          return record('CF29_PROPOSED', from, who, `${decision.changeKind}: ${note}`);
        case 'REJECT':
          state.pending = { kind: 'REJECTION', details: note!, changeKind: null, proposedBy: by, signedOffBy: null, response: null, respondedAt: null };
          enter('SIGN_OFF');
          return record('REJECTION_PROPOSED', from, who, note);
        case 'SIGN_OFF': {
          const pending = state.pending!;
          pending.signedOffBy = by;
          if (pending.kind === 'REJECTION') {
            state.claimedBy = null;
            enter('REJECTED', 'REJECTED');
            return record('REJECTED', from, who, `${pending.details}${note ? ` (signed off: ${note})` : ''}`);
          }
          enter('AWAITING_NOTICE_RESPONSE', 'UNDER_REVIEW', durations.cf29);
          return record('CF29_ISSUED', from, who, note);
        }
        case 'DECLINE_SIGN_OFF':
          state.pending = null;
          enter('IMPORT_REVIEW');
          return record('SIGN_OFF_DECLINED', from, who, note);
      }
    },
    { validator: (decision) => refused(checkReviewDecision(state, decision)) },
  );

  function importerReply(kind: 'CF28' | 'CF29', type: string) {
    return async (reply: ImporterReply): Promise<ReviewState> => {
      refused(checkImporterReply(state, reply, kind));
      state.pending = { ...state.pending!, response: reply.text.trim(), respondedAt: new Date(Date.now()).toISOString() };
      enter('IMPORT_REVIEW');
      return record(type, state.status, byActor(reply.actor), reply.text.trim());
    };
  }
  setHandler(answerRequestForInformationUpdate, importerReply('CF28', 'CF28_ANSWERED'), {
    validator: (reply) => refused(checkImporterReply(state, reply, 'CF28')),
  });
  setHandler(respondToNoticeOfActionUpdate, importerReply('CF29', 'CF29_RESPONDED'), {
    validator: (reply) => refused(checkImporterReply(state, reply, 'CF29')),
  });

  setHandler(
    correctEntrySummaryUpdate,
    async (correction) => {
      refused(checkCorrection(state, correction.actor));
      state.claimedBy = null;
      state.pending = null;
      state.risk = null;
      enter('RISK', 'FILED');
      return record('CORRECTED', 'RETURNED', byActor(correction.actor), 'corrected by the filer and validated again', { correction });
    },
    { validator: (correction) => refused(checkCorrection(state, correction.actor)) },
  );

  while (!FINAL_REVIEW_STEPS.includes(state.step)) {
    const entered = stepEntries;
    const moved = () => stepEntries !== entered;
    const until = (iso: string) => Math.max(Date.parse(iso) - Date.now(), 1);
    switch (state.step) {
      case 'RISK': {
        // A correction is scored once it is written.
        await recording;
        const risk = await activities().scoreEntrySummaryRisk(input.entrySummaryId);
        state.risk = risk;
        if (risk.lowRisk) {
          await accept('ACCEPTED', SYSTEM, `low risk (score ${risk.score}): accepted automatically`);
        } else {
          const from = state.status;
          enter('ENTRY_REVIEW', 'UNDER_REVIEW');
          await record('REVIEW_STARTED', from, SYSTEM, `risk score ${risk.score}: ${risk.reasons.join('; ')}`);
        }
        break;
      }
      case 'ENTRY_REVIEW':
      case 'IMPORT_REVIEW':
      case 'SIGN_OFF': {
        if (!state.escalated && !(await condition(moved, until(state.stepDueAt!))) && !moved()) {
          state.escalated = true;
          await record('ESCALATED', state.status, SYSTEM, `step ${state.step} passed its SLA (due ${state.stepDueAt})`, { escalate: true });
        }
        await condition(moved);
        break;
      }
      case 'AWAITING_INFORMATION':
      case 'AWAITING_NOTICE_RESPONSE': {
        if (!(await condition(moved, until(state.responseDueAt!))) && !moved()) {
          const cf28 = state.step === 'AWAITING_INFORMATION';
          enter('IMPORT_REVIEW');
          await record(
            cf28 ? 'CF28_UNANSWERED' : 'CF29_RESPONSE_WINDOW_CLOSED',
            state.status,
            SYSTEM,
            cf28 ? 'no answer to the request for information within its window; the review continues without it' : 'the importer did not respond to the notice of action within its window',
          );
        }
        break;
      }
      case 'RETURNED':
        await condition(moved);
        break;
      case 'ACCEPTED': {
        const wait = liquidateAt - Date.now();
        if (wait > 0) await sleep(wait);
        enter('LIQUIDATED', 'LIQUIDATED');
        await record('LIQUIDATED', 'ACCEPTED', SYSTEM, `liquidated as scheduled on ${state.liquidationDate}`);
        break;
      }
      default:
        break;
    }
  }
  await condition(allHandlersFinished);
  return copy(state);
}
