import { isUuid } from '@cee-hub/common';
import type { DataSource } from 'typeorm';

/** Who an entry summary belongs to: its importer of record and the Center processing it (null: a port). */
export interface EntrySummaryParties {
  importerId: string;
  processingCenterId: string | null;
  /** Whether its review has been decided (accepted, rejected, liquidated): its paperwork is then part of the record. */
  decided: boolean;
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
              status IN ('ACCEPTED', 'REJECTED', 'LIQUIDATED') AS decided
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
}
