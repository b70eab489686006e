import { BadUserInputError, ConflictError, createLogger, isIsoTimestamp, isUuid, type Logger, ServiceUnavailableError } from '@cee-hub/common';
import { type connectTemporalClient, readWorkflowDurations, refusalError, toGraphQLError } from '@cee-hub/common/temporal';
import {
  type Actor,
  type DecisionRefusal,
  type EntrySummaryCorrection,
  type ImporterReply,
  REVIEW_UPDATES,
  REVIEW_WORKFLOW_TYPE,
  type ReviewDecision,
  type ReviewDurations,
  type ReviewInput,
  type ReviewState,
  type ReviewStep,
  reviewWorkflowId,
  STAFF_STEPS,
} from '@cee-hub/contracts';
import type { DataSource } from 'typeorm';
import type { EntrySummaryRecord } from './entry-summary.service';

export type TemporalClient = Awaited<ReturnType<typeof connectTemporalClient>>;

/** How the filings subgraph reaches the review workflows. */
export interface ReviewTemporal {
  client: TemporalClient;
  taskQueue: string;
  /** Durations of new reviews; read from the environment (readWorkflowDurations) at each start when absent. */
  durations?: ReviewDurations;
}

/** A row of filings.review as the graph reads it: the workflow's last recorded state. */
export interface ReviewRecord {
  entrySummaryId: string;
  workflowId: string;
  state: ReviewState;
  updatedAt: Date;
}

export interface ReviewQueueRequest {
  /** null: the filings a port processes (CBP admins act for them). */
  centerId: string | null;
  steps: readonly ReviewStep[];
  /** Also the escalated staff steps (the supervisors' queue). */
  includeEscalated: boolean;
  first: number;
  after?: string | null;
}

export interface ReviewQueuePageResult {
  ids: string[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** How long the graph waits for Temporal to accept a start; past it the sweep starts the review later. */
const START_DEADLINE_MS = 5_000;
/** A summary left FILED without a review row this long was not started (Temporal was unreachable). */
const SWEEP_GRACE_SECONDS = 60;
const CURSOR_VERSION = 'q1';

/**
 * The review side of the filings domain in the graph: starts review workflows, sends them the
 * decisions of staff and the replies of importers as Temporal Updates, and reads the review
 * state the workflow recorded (filings.review) for `EntrySummary.review` and the queues.
 */
export class ReviewService {
  private readonly logger: Logger;

  /** `temporal` may be a function: the process connects in the background when Temporal was down at start. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporalLink: ReviewTemporal | null | (() => ReviewTemporal | null),
    logger?: Logger,
  ) {
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
  async start(summary: EntrySummaryRecord): Promise<boolean> {
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
    const rows: EntrySummaryRecord[] = await this.dataSource.query(
      `SELECT s.id, s.entry_number AS "entryNumber", s.importer_id AS "importerId", s.processing_center_id AS "processingCenterId",
              to_char(s.entry_date, 'YYYY-MM-DD') AS "entryDate"
         FROM filings.entry_summary s
        WHERE s.status = 'FILED' AND s.filed_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM filings.review r WHERE r.entry_summary_id = s.id)
        ORDER BY s.filed_at LIMIT $2`,
      [SWEEP_GRACE_SECONDS, limit],
    );
    let started = 0;
    for (const row of rows) if (await this.start(row)) started += 1;
    return started;
  }

  async reviewsOf(ids: readonly string[]): Promise<ReviewRecord[]> {
    return this.dataSource.query(
      `SELECT entry_summary_id AS "entrySummaryId", workflow_id AS "workflowId", state, updated_at AS "updatedAt"
         FROM filings.review WHERE entry_summary_id = ANY($1::uuid[])`,
      [ids.filter((id) => isUuid(id))],
    );
  }

  async reviewOf(id: string): Promise<ReviewRecord | undefined> {
    return (await this.reviewsOf([id]))[0];
  }

  /** The review a decision addresses, refused at once when the rules already say no. */
  private async current(summary: EntrySummaryRecord, check: (state: ReviewState) => DecisionRefusal | null): Promise<ReviewState> {
    const review = await this.reviewOf(summary.id);
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

  /** A staff decision; the rules are checked here first and again by the workflow's validator. */
  async decide(summary: EntrySummaryRecord, decision: ReviewDecision, check: (state: ReviewState) => DecisionRefusal | null): Promise<ReviewState> {
    await this.current(summary, check);
    return this.update(summary, REVIEW_UPDATES.decide, decision);
  }

  async reply(summary: EntrySummaryRecord, kind: 'CF28' | 'CF29', reply: ImporterReply, check: (state: ReviewState) => DecisionRefusal | null): Promise<ReviewState> {
    await this.current(summary, check);
    return this.update(summary, kind === 'CF28' ? REVIEW_UPDATES.answerRequestForInformation : REVIEW_UPDATES.respondToNoticeOfAction, reply);
  }

  async correct(summary: EntrySummaryRecord, correction: EntrySummaryCorrection): Promise<ReviewState> {
    return this.update(summary, REVIEW_UPDATES.correct, correction);
  }

  /** Checks before the (costly) validation of a correction that the review takes one now. */
  async requireState(summary: EntrySummaryRecord, check: (state: ReviewState) => DecisionRefusal | null): Promise<ReviewState> {
    return this.current(summary, check);
  }

  /** One page of a queue, soonest due first (keyset on step_due_at, id). */
  async queue(request: ReviewQueueRequest): Promise<ReviewQueuePageResult> {
    const params: unknown[] = [request.centerId, request.steps];
    const conditions = [
      'r.processing_center_id IS NOT DISTINCT FROM $1',
      request.includeEscalated ? `(r.step = ANY($2) OR (r.escalated AND r.step = ANY($3)))` : 'r.step = ANY($2)',
    ];
    if (request.includeEscalated) params.push(STAFF_STEPS);
    if (request.after) {
      const cursor = decodeQueueCursor(request.after);
      params.push(cursor.dueAt, cursor.id);
      conditions.push(`(r.step_due_at, r.entry_summary_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(request.first + 1);
    const rows: Array<{ id: string; dueAt: string }> = await this.dataSource.query(
      `SELECT r.entry_summary_id AS id, to_char(r.step_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "dueAt"
         FROM filings.review r WHERE ${conditions.join(' AND ')}
        ORDER BY r.step_due_at, r.entry_summary_id LIMIT $${params.length}`,
      params,
    );
    const nodes = rows.slice(0, request.first);
    const last = nodes.at(-1);
    return {
      ids: nodes.map((row) => row.id),
      hasNextPage: rows.length > request.first,
      endCursor: last ? Buffer.from(`${CURSOR_VERSION}|${last.dueAt}|${last.id}`, 'utf8').toString('base64url') : null,
    };
  }
}

function decodeQueueCursor(text: string): { dueAt: string; id: string } {
  const [version, dueAt, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (version !== CURSOR_VERSION || rest.length || !dueAt || !isIsoTimestamp(dueAt) || !id || !isUuid(id)) {
    throw new BadUserInputError({ field: 'after', message: 'is not a cursor this API gave out; pass the endCursor of the previous page' });
  }
  return { dueAt, id };
}

/** The actor a decision is made as: the verified identity of the caller. */
export function actorOfIdentity(identity: { role: Actor['role']; subject?: string; email?: string; centerId?: string; importerId?: string }): Actor {
  return { role: identity.role, subject: identity.subject, email: identity.email, centerId: identity.centerId, importerId: identity.importerId };
}
