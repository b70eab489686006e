import { ConflictError, createLogger, type Logger, ServiceUnavailableError } from '@cee-hub/common';
import { checkStepDocuments } from '@cee-hub/common/subgraph';
import { type connectTemporalClient, readWorkflowDurations, refusalError, toGraphQLError } from '@cee-hub/common/temporal';
import {
  type DecisionRefusal,
  type EntrySummaryCorrection,
  type ImporterReply,
  REVIEW_UPDATES,
  REVIEW_WORKFLOW_TYPE,
  type ReviewDecision,
  type ReviewDurations,
  type ReviewInput,
  type ReviewState,
  reviewWorkflowId,
} from '@cee-hub/contracts';
import type { DataSource } from 'typeorm';
import type { EntrySummaryRecord } from '../filing/entry-summary.repository';
import { ReviewRepository, type ReviewStartSummary } from './review.repository';

export type TemporalClient = Awaited<ReturnType<typeof connectTemporalClient>>;

/** How the filings subgraph reaches the review workflows. */
export interface ReviewTemporal {
  client: TemporalClient;
  taskQueue: string;
  /** Durations of new reviews; read from the environment (readWorkflowDurations) at each start when absent. */
  durations?: ReviewDurations;
}

/** How long the graph waits for Temporal to accept a start; past it the sweep starts the review later. */
const START_DEADLINE_MS = 5_000;
/** A summary left FILED without a review row this long was not started (Temporal was unreachable). */
const SWEEP_GRACE_SECONDS = 60;

/**
 * The review side of the filings domain in the graph: starts review workflows, sends them the
 * decisions of staff and the replies of importers as Temporal Updates, and reads the review
 * state the workflow recorded (filings.review) for `EntrySummary.review` and the queues.
 */
export class ReviewService {
  /** The reviews as their workflows recorded them. */
  readonly records: ReviewRepository;
  private readonly logger: Logger;

  /** `temporal` may be a function: the process connects in the background when Temporal was down at start. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporalLink: ReviewTemporal | null | (() => ReviewTemporal | null),
    logger?: Logger,
  ) {
    this.records = new ReviewRepository(dataSource);
    this.logger = logger ?? createLogger('filings');
  }

  private get temporal(): ReviewTemporal | null {
    return typeof this.temporalLink === 'function' ? this.temporalLink() : this.temporalLink;
  }

  /**
   * Starts the review of a filed summary. Harmless when it runs already or ran (the workflow id
   * is the entry number's and duplicates are rejected). Never throws: the summary is stored
   * either way, and `startMissingReviews` starts what could not be started now.
   */
  async start(summary: ReviewStartSummary): Promise<boolean> {
    if (!this.temporal) {
      this.logger.warn({ entryNumber: summary.entryNumber }, 'no Temporal client: the review will be started by the sweep');
      return false;
    }
    const { client, taskQueue } = this.temporal;
    const input: ReviewInput = {
      entrySummaryId: summary.id,
      entryNumber: summary.entryNumber,
      importerId: summary.importerId,
      centerId: summary.processingCenterId,
      entryDate: summary.entryDate,
      durations: this.temporal.durations ?? readWorkflowDurations(process.env).review,
    };
    try {
      await client.connection.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        client.workflow.start(REVIEW_WORKFLOW_TYPE, {
          taskQueue,
          workflowId: reviewWorkflowId(summary.entryNumber),
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error)?.name === 'WorkflowExecutionAlreadyStartedError') return true;
      this.logger.error({ err: error, entryNumber: summary.entryNumber }, 'could not start the review workflow; the sweep will start it');
      return false;
    }
  }

  /**
   * Starts the reviews of summaries that stayed FILED without a review row: their start was
   * missed (Temporal unreachable when they were filed). Run periodically by the filings process.
   */
  async startMissingReviews(limit = 100): Promise<number> {
    if (!this.temporal) return 0;
    let started = 0;
    for (const summary of await this.records.summariesWithoutReview(SWEEP_GRACE_SECONDS, limit)) if (await this.start(summary)) started += 1;
    return started;
  }

  /** The review a decision addresses, refused at once when the rules already say no. */
  private async current(summary: EntrySummaryRecord, check: (state: ReviewState) => DecisionRefusal | undefined): Promise<ReviewState> {
    const [review] = await this.records.reviewsOf([summary.id]);
    if (!review) throw new ConflictError(`The review of entry summary ${summary.entryNumber} has not started yet; try again in a moment`);
    const refusal = check(review.state);
    if (refusal) throw refusalError(refusal);
    return review.state;
  }

  private async update<TArg>(summary: EntrySummaryRecord, name: string, arg: TArg): Promise<ReviewState> {
    if (!this.temporal) throw new ServiceUnavailableError('Reviews are unavailable: the workflow service (Temporal) cannot be reached; try again later');
    const handle = this.temporal.client.workflow.getHandle(reviewWorkflowId(summary.entryNumber));
    try {
      return await handle.executeUpdate<ReviewState, [TArg]>(name, { args: [arg] });
    } catch (error) {
      return toGraphQLError(error);
    }
  }

  /** The documents a step names, checked to be the entry summary's (see checkStepDocuments of the subgraph kit). */
  stepDocuments(entrySummaryId: string, documentIds: readonly string[] | null | undefined): Promise<string[] | undefined> {
    return checkStepDocuments(this.dataSource, { type: 'ENTRY_SUMMARY', id: entrySummaryId, noun: 'entry summary' }, documentIds);
  }

  /** A staff decision; the rules are checked here first and again by the workflow's validator. */
  async decide(summary: EntrySummaryRecord, decision: ReviewDecision, check: (state: ReviewState) => DecisionRefusal | undefined): Promise<ReviewState> {
    await this.current(summary, check);
    return this.update(summary, REVIEW_UPDATES.decide, decision);
  }

  async reply(summary: EntrySummaryRecord, kind: 'CF28' | 'CF29', reply: ImporterReply, check: (state: ReviewState) => DecisionRefusal | undefined): Promise<ReviewState> {
    await this.current(summary, check);
    return this.update(summary, kind === 'CF28' ? REVIEW_UPDATES.answerRequestForInformation : REVIEW_UPDATES.respondToNoticeOfAction, reply);
  }

  async correct(summary: EntrySummaryRecord, correction: EntrySummaryCorrection): Promise<ReviewState> {
    return this.update(summary, REVIEW_UPDATES.correct, correction);
  }

  /** Checks before the (costly) validation of a correction that the review takes one now. */
  async requireState(summary: EntrySummaryRecord, check: (state: ReviewState) => DecisionRefusal | undefined): Promise<ReviewState> {
    return this.current(summary, check);
  }
}
