import { decodeCursor, encodeCursor, isUuid } from '@cee-hub/common';
import { type ReviewState, type ReviewStep, STAFF_STEPS } from '@cee-hub/contracts';
import { EntrySummaryRow, ReviewRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { EntrySummaryRecord } from '../filing/entry-summary.repository';

/** A review as the graph reads it: the state the workflow last recorded. */
export type ReviewRecord = Pick<ReviewRow, 'entrySummaryId' | 'workflowId' | 'updatedAt'> & { state: ReviewState };

/** What a review start needs of a summary. */
export type ReviewStartSummary = Pick<EntrySummaryRecord, 'id' | 'entryNumber' | 'importerId' | 'processingCenterId' | 'entryDate'>;

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

/** The reviews as their workflows recorded them (filings.review), read for the graph. */
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The reviews of several summaries, for the review loader: SQL written out like the other
   * loaders' reads (entry-summary.repository), for the same measured reason.
   */
  async reviewsOf(ids: readonly string[]): Promise<ReviewRecord[]> {
    return this.dataSource.query(
      `SELECT entry_summary_id AS "entrySummaryId", workflow_id AS "workflowId", state, updated_at AS "updatedAt"
         FROM filings.review WHERE entry_summary_id = ANY($1::uuid[])`,
      [ids.filter((id) => isUuid(id))],
    );
  }

  /** One page of a queue, soonest due first (keyset on step_due_at, id). */
  async queue(request: ReviewQueueRequest): Promise<ReviewQueuePageResult> {
    const query = this.dataSource
      .getRepository(ReviewRow)
      .createQueryBuilder('r')
      .select('r.entry_summary_id', 'id')
      // To the microsecond, as PostgreSQL keeps it: the key of the cursor.
      .addSelect(`to_char(r.step_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'dueAt')
      .where('r.processing_center_id IS NOT DISTINCT FROM :centerId', { centerId: request.centerId })
      .andWhere(request.includeEscalated ? '(r.step = ANY(:steps) OR (r.escalated AND r.step = ANY(:staffSteps)))' : 'r.step = ANY(:steps)', {
        steps: request.steps,
        staffSteps: STAFF_STEPS,
      });
    if (request.after) {
      const [dueAt, id] = decodeCursor(request.after, ['timestamp', 'uuid']);
      query.andWhere('(r.step_due_at, r.entry_summary_id) > (CAST(:dueAt AS timestamptz), CAST(:id AS uuid))', { dueAt, id });
    }
    const rows: Array<{ id: string; dueAt: string }> = await query
      .orderBy('r.step_due_at')
      .addOrderBy('r.entry_summary_id')
      .limit(request.first + 1)
      .getRawMany();
    const nodes = rows.slice(0, request.first);
    const last = nodes.at(-1);
    return { ids: nodes.map((row) => row.id), hasNextPage: rows.length > request.first, endCursor: last ? encodeCursor([last.dueAt, last.id]) : null };
  }

  /**
   * Summaries that stayed FILED without a review row for `graceSeconds`: their start was missed
   * (Temporal unreachable when they were filed), oldest first.
   */
  async summariesWithoutReview(graceSeconds: number, limit: number): Promise<ReviewStartSummary[]> {
    return this.dataSource
      .getRepository(EntrySummaryRow)
      .createQueryBuilder('s')
      .select(['s.id', 's.entryNumber', 's.importerId', 's.processingCenterId', 's.entryDate'])
      .where(`s.status = 'FILED' AND s.filed_at < now() - make_interval(secs => :graceSeconds)`, { graceSeconds })
      .andWhere('NOT EXISTS (SELECT 1 FROM filings.review r WHERE r.entry_summary_id = s.id)')
      .orderBy('s.filed_at')
      .limit(limit)
      .getMany();
  }
}
