import { type Actor, type ClaimRelease, FINAL_REVIEW_STEPS, type ReleasedClaim, REVIEW_UPDATES } from '@cee-hub/contracts';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';

export interface ReleaseClaimsInput {
  /** The staff member whose claims go back to the queues. */
  staffMemberId: string;
  /** Their email: claims made with a token without a subject are remembered by it. */
  email: string;
  actor: Actor;
  reason: string;
}

/** Whether an Update failed because the workflow refused it as a conflict (the claim moved on meanwhile). */
function isConflictRefusal(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ApplicationFailure && current.type === 'CONFLICT') return true;
  }
  return false;
}

/**
 * Releases every claim a person holds on an open review, each through its review workflow's
 * `releaseReviewClaim` Update (the workflow checks the claim is still theirs and records the
 * release in the filing's history like any transition). A claim that moved on meanwhile (its
 * step was decided, or it was released already) is skipped: retrying is safe.
 */
export async function releaseClaimsOf(dataSource: DataSource, client: Client, input: ReleaseClaimsInput): Promise<ReleasedClaim[]> {
  const claimed: Array<{ entrySummaryId: string; entryNumber: string; workflowId: string; claimedBy: string }> = await dataSource.query(
    `SELECT r.entry_summary_id AS "entrySummaryId", s.entry_number AS "entryNumber", r.workflow_id AS "workflowId", r.claimed_by AS "claimedBy"
       FROM filings.review r JOIN filings.entry_summary s ON s.id = r.entry_summary_id
      WHERE (r.claimed_by = $1 OR r.claimed_by_email = $2) AND r.step <> ALL($3)
      ORDER BY s.entry_number`,
    [input.staffMemberId, input.email.toLowerCase(), FINAL_REVIEW_STEPS],
  );
  const released: ReleasedClaim[] = [];
  for (const review of claimed) {
    const release: ClaimRelease = { actor: input.actor, claimantId: review.claimedBy, reason: input.reason };
    try {
      await client.workflow.getHandle(review.workflowId).executeUpdate(REVIEW_UPDATES.releaseClaim, { args: [release] });
      released.push({ entrySummaryId: review.entrySummaryId, entryNumber: review.entryNumber });
    } catch (error) {
      if (!isConflictRefusal(error)) throw error;
    }
  }
  return released;
}
