import { FINAL_REVIEW_STEPS, type ReviewInput, type ReviewState } from '@cee-hub/contracts';
import { allHandlersFinished, condition } from '@temporalio/workflow';
import { registerReviewHandlers } from './review/handlers';
import { copy, EntrySummaryReview } from './review/state';
import { type OpenReviewStep, STEP_WAITS } from './review/steps';

export * from './review/messages';

/**
 * The review of one entry summary (workflow id `review-<entryNumber>`): risk scoring, entry
 * specialist, import specialist with CF-28 and CF-29, supervisor sign-off of adverse actions,
 * acceptance and liquidation. Every staff step has an SLA whose breach escalates once per
 * step. Decisions arrive as Updates whose validators apply the shared rules; every transition
 * is recorded by the filings domain (status, review row, event) exactly once, before the
 * review's state moves.
 */
export async function reviewEntrySummary(input: ReviewInput): Promise<ReviewState> {
  const review = new EntrySummaryReview(input);
  registerReviewHandlers(review);
  while (!FINAL_REVIEW_STEPS.includes(review.state.step)) {
    const entered = review.stepEntries;
    // The loop's condition leaves only open steps.
    await STEP_WAITS[review.state.step as OpenReviewStep](review, () => review.stepEntries !== entered);
  }
  await condition(allHandlersFinished);
  return copy(review.state);
}
