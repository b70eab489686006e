/**
 * The review rules under the names subgraphs/filings still calls them by, with their old
 * null-when-allowed results. Filings is being restructured on another branch; when that branch
 * is merged onto this one, its calls move to the refuse* functions and this file is deleted.
 */
import type { Actor } from './actor';
import type { DecisionRefusal } from './refusal';
import { type ImporterReply, refuseCorrection, refuseImporterReply, refuseReviewDecision, type ReviewDecision, type ReviewState } from './review';

/** @deprecated use {@link refuseReviewDecision} (undefined when allowed). */
export function checkReviewDecision(state: ReviewState, decision: ReviewDecision): DecisionRefusal | null {
  return refuseReviewDecision(state, decision) ?? null;
}

/** @deprecated use {@link refuseImporterReply} (undefined when allowed). */
export function checkImporterReply(state: ReviewState, reply: ImporterReply, kind: 'CF28' | 'CF29'): DecisionRefusal | null {
  return refuseImporterReply(state, reply, kind) ?? null;
}

/** @deprecated use {@link refuseCorrection} (undefined when allowed). */
export function checkCorrection(state: ReviewState, actor: Actor): DecisionRefusal | null {
  return refuseCorrection(state, actor) ?? null;
}
