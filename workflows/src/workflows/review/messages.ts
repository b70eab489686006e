import { type ClaimRelease, type EntrySummaryCorrection, type ImporterReply, REVIEW_STATE_QUERY, REVIEW_UPDATES, type ReviewDecision, type ReviewState } from '@cee-hub/contracts';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

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
/** A deactivated person's claim goes back to the queue (the staff deactivation workflow sends it). */
export const releaseReviewClaimUpdate = defineUpdate<ReviewState, [ClaimRelease]>(REVIEW_UPDATES.releaseClaim);
