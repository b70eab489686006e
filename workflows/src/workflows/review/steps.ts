import { type ReviewStep, SYSTEM_ACTORS } from '@cee-hub/contracts';
import { condition, sleep } from '@temporalio/workflow';
import { run } from './activities';
import type { EntrySummaryReview } from './state';

const SYSTEM = SYSTEM_ACTORS.review;
const until = (iso: string) => Math.max(Date.parse(iso) - Date.now(), 1);

/** A wait of the review's main loop; `moved` says whether a step was entered since it began. */
type Wait = (review: EntrySummaryReview, moved: () => boolean) => Promise<void>;

/** Scores the filing: low risk is accepted at once, the rest goes to an entry specialist. */
const scoreRisk: Wait = async (review) => {
  // A correction is scored once it is written.
  await review.moving;
  const risk = await run('scoreEntrySummaryRisk', review.state.entrySummaryId);
  await review.move((next, enter) => {
    next.risk = risk;
    if (risk.lowRisk) return review.accept('ACCEPTED', SYSTEM, `low risk (score ${risk.score}): accepted automatically`)(next, enter);
    const from = next.status;
    enter('ENTRY_REVIEW', 'UNDER_REVIEW');
    return { type: 'REVIEW_STARTED', from, who: SYSTEM, note: `risk score ${risk.score}: ${risk.reasons.join('; ')}` };
  });
};

/** Waits for staff to decide; a step left past its SLA escalates once to the supervisors. */
const awaitStaff: Wait = async (review, moved) => {
  if (!review.state.escalated && !(await condition(moved, until(review.state.stepDueAt!))) && !moved()) {
    await review.move((next) => {
      next.escalated = true;
      return { type: 'ESCALATED', from: next.status, who: SYSTEM, note: `step ${next.step} passed its SLA (due ${next.stepDueAt})`, extra: { escalate: true } };
    });
  }
  await condition(moved);
};

/** Waits for the importer's CF-28 answer or CF-29 response; without one the review continues. */
const awaitImporter: Wait = async (review, moved) => {
  if ((await condition(moved, until(review.state.responseDueAt!))) || moved()) return;
  const cf28 = review.state.step === 'AWAITING_INFORMATION';
  await review.move((next, enter) => {
    enter('IMPORT_REVIEW');
    return {
      type: cf28 ? 'CF28_UNANSWERED' : 'CF29_RESPONSE_WINDOW_CLOSED',
      from: next.status,
      who: SYSTEM,
      note: cf28 ? 'no answer to the request for information within its window; the review continues without it' : 'the importer did not respond to the notice of action within its window',
    };
  });
};

/** Liquidates the accepted summary on its scheduled date. */
const liquidate: Wait = async (review) => {
  const wait = review.liquidateAt - Date.now();
  if (wait > 0) await sleep(wait);
  await review.move((next, enter) => {
    enter('LIQUIDATED', 'LIQUIDATED');
    return { type: 'LIQUIDATED', from: 'ACCEPTED', who: SYSTEM, note: `liquidated as scheduled on ${next.liquidationDate}` };
  });
};

/** The steps the review goes on from (FINAL_REVIEW_STEPS are the others). */
export type OpenReviewStep = Exclude<ReviewStep, 'REJECTED' | 'LIQUIDATED'>;

/** What the review does at each step that is not final. */
export const STEP_WAITS: Record<OpenReviewStep, Wait> = {
  RISK: scoreRisk,
  ENTRY_REVIEW: awaitStaff,
  IMPORT_REVIEW: awaitStaff,
  SIGN_OFF: awaitStaff,
  AWAITING_INFORMATION: awaitImporter,
  AWAITING_NOTICE_RESPONSE: awaitImporter,
  // The filer corrects it: the correction's Update moves it.
  RETURNED: (_review, moved) => condition(moved),
  ACCEPTED: liquidate,
};
