import { isUuid } from '@cee-hub/common';
import type { DataSource } from 'typeorm';

/** Who an entry summary belongs to: its importer of record and the Center processing it (null: a port). */
export interface EntrySummaryParties {
  importerId: string;
  processingCenterId: string | null;
  /** Whether its review has been decided (accepted, rejected, liquidated): its paperwork is then part of the record. */
  decided: boolean;
  /** Whether its case is over (rejected or liquidated): nothing more is said about it but by a protest. */
  closed: boolean;
}

/** What an entry summary waits for from its importer: an open CF-28, an issued CF-29, a correction. */
export const IMPORTER_PENDING_KINDS = ['CF28_REQUEST', 'CF29_NOTICE', 'RETURNED_SUMMARY'] as const;
export type ImporterPendingKind = (typeof IMPORTER_PENDING_KINDS)[number];

/** One entry summary waiting for its importer, since when and until when (null: no deadline). */
export interface ImporterPendingItem {
  entrySummaryId: string;
  kind: ImporterPendingKind;
  since: Date;
  dueAt: Date | null;
}

/**
 * What other domains may read of the filings domain: the documents subgraph decides who may
 * see an entry summary's paperwork by its parties. The filings domain owns these queries, so
 * its tables stay its own; plain SQL because a reader's DataSource registers only its own entities.
 */
export class EntrySummaryDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** Parties in the order of `ids`, undefined for unknown ids. */
  async partiesOf(ids: readonly string[]): Promise<Array<EntrySummaryParties | undefined>> {
    const rows: Array<EntrySummaryParties & { id: string }> = await this.dataSource.query(
      `SELECT id, importer_id AS "importerId", processing_center_id AS "processingCenterId",
              status IN ('ACCEPTED', 'REJECTED', 'LIQUIDATED') AS decided,
              status IN ('REJECTED', 'LIQUIDATED') AS closed
         FROM filings.entry_summary WHERE id = ANY($1::uuid[])`,
      [ids.filter(isUuid)],
    );
    const byId = new Map(rows.map(({ id, ...parties }) => [id, parties]));
    return ids.map((id) => byId.get(id));
  }

  /** Of `documentIds`, those a step of a review came with (a CF-28 request, an answer, a response): part of the record for good. */
  async attachedDocumentIds(documentIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(document_ids)::text AS id FROM filings.filing_event WHERE document_ids && $1::uuid[]`,
      [documentIds.filter(isUuid)],
    );
    const asked = new Set(documentIds);
    return new Set(rows.map((row) => row.id).filter((id) => asked.has(id)));
  }

  /**
   * What waits for the importer's answer, soonest due first (then longest waiting), at most
   * `limit` of them, and how many there are in all. Only what the importer has been sent: a
   * CF-28 issued, a CF-29 signed off and issued (a proposal waiting for sign-off is CBP's), a
   * summary returned for correction. The review's step says which, as the workflow recorded it.
   */
  async pendingForImporter(importerId: string, limit: number): Promise<{ items: ImporterPendingItem[]; total: number }> {
    if (!isUuid(importerId)) return { items: [], total: 0 };
    const rows: Array<ImporterPendingItem & { total: string }> = await this.dataSource.query(
      `SELECT s.id AS "entrySummaryId",
              CASE r.step WHEN 'AWAITING_INFORMATION' THEN 'CF28_REQUEST' WHEN 'AWAITING_NOTICE_RESPONSE' THEN 'CF29_NOTICE' ELSE 'RETURNED_SUMMARY' END AS kind,
              r.updated_at AS since, CASE WHEN r.step = 'RETURNED' THEN NULL ELSE r.response_due_at END AS "dueAt",
              count(*) OVER () AS total
         FROM filings.entry_summary s JOIN filings.review r ON r.entry_summary_id = s.id
        WHERE s.importer_id = $1 AND r.step IN ('AWAITING_INFORMATION', 'AWAITING_NOTICE_RESPONSE', 'RETURNED')
        ORDER BY "dueAt" ASC NULLS LAST, since ASC, s.id
        LIMIT $2`,
      [importerId, limit],
    );
    return { items: rows.map(({ total: _total, ...item }) => item), total: Number(rows[0]?.total ?? 0) };
  }
}
