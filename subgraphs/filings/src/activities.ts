import type { ReleasedClaim, RiskAssessment } from '@cee-hub/contracts';
import { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { releaseClaimsOf, type ReleaseClaimsInput } from './review/claim-release';
import { assessRisk, randomSampleRate, readRiskFacts } from './review/risk-assessment';
import { type RecordedTransition, type ReviewTransition, ReviewTransitionStore } from './review/review-transitions';

export type { RecordedTransition, ReviewTransition } from './review/review-transitions';
export type { ReleaseClaimsInput } from './review/claim-release';
export { AD_CVD_ENTRY_TYPES, FIRST_FILINGS, HIGH_VALUE_THRESHOLD, REVIEW_RISK_THRESHOLD, SENSITIVE_HEADINGS } from './review/risk-assessment';

/**
 * The filings domain's Temporal activities: all I/O of the review workflow that touches this
 * domain's tables. Registered by the worker in workflows/; the work itself is in review/.
 */
export function createReviewActivities(dataSource: DataSource) {
  const sampleRate = randomSampleRate();
  const transitions = new ReviewTransitionStore(dataSource);

  return {
    /**
     * Scores the risk of an entry summary from what it declares and the importer's history.
     * The random compliance sample is drawn here, never in workflow code: the result is
     * recorded in the workflow history, so a replay sees the same draw.
     */
    async scoreEntrySummaryRisk(entrySummaryId: string): Promise<RiskAssessment> {
      return assessRisk(await readRiskFacts(dataSource, entrySummaryId, sampleRate));
    },

    /**
     * Records one transition of a review in one transaction: the filing's status, its review
     * row and its event (with pg_notify). Keyed by the workflow's transition sequence number: a
     * retried activity whose transition was committed already writes nothing.
     */
    async recordReviewTransition(transition: ReviewTransition): Promise<RecordedTransition> {
      return transitions.record(transition);
    },
  };
}

export type ReviewActivities = ReturnType<typeof createReviewActivities>;

/**
 * The filings domain's activities of a staff deactivation: the person's claims go back to the
 * queues, each through its review workflow (with the worker's own Temporal client).
 */
export function createClaimReleaseActivities(dataSource: DataSource) {
  return {
    releaseReviewClaimsOf(input: ReleaseClaimsInput): Promise<ReleasedClaim[]> {
      return releaseClaimsOf(dataSource, Context.current().client, input);
    },
  };
}

export type ClaimReleaseActivities = ReturnType<typeof createClaimReleaseActivities>;
