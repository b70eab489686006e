import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents carried by a review's steps: a CF-28 request may come with documents from the
 * Center, and the importer's CF-28 answer or CF-29 response with its own. The filing's event
 * of that step names them.
 *
 * The documents domain publishes `documents.live_document_ids` for the filings domain to check
 * that named documents are documents of the entry summary: the documents subgraph already reads
 * filings (for who may see an entry's paperwork), so a package the other way would make a cycle.
 */
export class ReviewDocuments1764600003000 implements MigrationInterface {
  name = 'ReviewDocuments1764600003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE filings.filing_event ADD COLUMN document_ids uuid[] NOT NULL DEFAULT '{}'`);
    // Which documents are attached to some step: a GIN index answers "is any of these attached" at once.
    await queryRunner.query(`CREATE INDEX filing_event_documents ON filings.filing_event USING gin (document_ids) WHERE document_ids <> '{}'`);
    await queryRunner.query(`
      CREATE FUNCTION documents.live_document_ids(subject_type text, subject_id uuid, ids uuid[]) RETURNS uuid[]
        LANGUAGE sql STABLE AS $$
          SELECT coalesce(array_agg(d.id), '{}') FROM documents.document d
           WHERE d.id = ANY(ids) AND d.subject_type = $1 AND d.subject_id = $2 AND d.deleted_at IS NULL
        $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION documents.live_document_ids(text, uuid, uuid[])`);
    await queryRunner.query(`DROP INDEX filings.filing_event_documents`);
    await queryRunner.query(`ALTER TABLE filings.filing_event DROP COLUMN document_ids`);
  }
}
