import type { CaseThreadRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';

/** Which threads waiting for CBP a staff inbox lists: one Center's (its entries, the applications it reviews now), or all (admins). */
export type CenterScope = { centerId: string; onboardingIds: readonly string[] } | 'ALL';

/** Where the previous page of an inbox ended: the sort key of its last thread. */
export interface InboxKey {
  waitingSince: string;
  subjectType: string;
  subjectId: string;
}

const THREAD_COLUMNS = `subject_type AS "subjectType", subject_id AS "subjectId", importer_id AS "importerId", center_id AS "centerId",
  last_message_id::text AS "lastMessageId", last_message_at AS "lastMessageAt", last_public_message_id::text AS "lastPublicMessageId",
  last_public_message_at AS "lastPublicMessageAt", waiting_for AS "waitingFor", waiting_since AS "waitingSince"`;

/** The inboxes' reads of case threads: by whose answer they wait for, from the threads' summary rows alone. */
export class CaseInboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Threads waiting for the Center's answer, oldest waiting first, after `after`; `limit` rows at most. */
  async waitingForCenter(scope: CenterScope, after: InboxKey | null, limit: number): Promise<CaseThreadRow[]> {
    const params: unknown[] = [limit];
    const where = [`waiting_for = 'CENTER'`];
    if (scope !== 'ALL') {
      params.push(scope.centerId, scope.onboardingIds);
      where.push(`((subject_type = 'ENTRY_SUMMARY' AND center_id = $2) OR (subject_type = 'ONBOARDING' AND subject_id = ANY($3::uuid[])))`);
    }
    if (after) {
      params.push(after.waitingSince, after.subjectType, after.subjectId);
      const n = params.length;
      where.push(`(waiting_since, subject_type, subject_id) > ($${n - 2}::timestamptz, $${n - 1}::varchar, $${n}::uuid)`);
    }
    return this.dataSource.query(
      `SELECT ${THREAD_COLUMNS} FROM documents.case_thread WHERE ${where.join(' AND ')} ORDER BY waiting_since, subject_type, subject_id LIMIT $1`,
      params,
    );
  }

  /** An importer's threads waiting for its answer (CBP wrote last), longest waiting first, at most `limit`, and how many in all. */
  async waitingForImporter(importerId: string, limit: number): Promise<{ rows: CaseThreadRow[]; total: number }> {
    const rows: Array<CaseThreadRow & { total: string }> = await this.dataSource.query(
      `SELECT ${THREAD_COLUMNS}, count(*) OVER () AS total FROM documents.case_thread
        WHERE importer_id = $1 AND waiting_for = 'TRADE' ORDER BY waiting_since, subject_type, subject_id LIMIT $2`,
      [importerId, limit],
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]?.total ?? 0) };
  }
}
