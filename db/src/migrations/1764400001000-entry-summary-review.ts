import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review of each entry summary, as its Temporal workflow last recorded it: the graph reads
 * steps, claims, due dates and pending CF-28/CF-29 actions from here (and the queues of the
 * Centers), and `last_seq` makes every recorded transition idempotent.
 */
export class EntrySummaryReview1764400001000 implements MigrationInterface {
  name = 'EntrySummaryReview1764400001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE filings.review (
        entry_summary_id uuid PRIMARY KEY REFERENCES filings.entry_summary(id) ON DELETE CASCADE,
        workflow_id text NOT NULL,
        step varchar(32) NOT NULL,
        processing_center_id varchar(16),
        risk_score int,
        risk_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
        claimed_by text,
        claimed_by_email text,
        step_due_at timestamptz,
        escalated boolean NOT NULL DEFAULT false,
        pending_kind varchar(16) CHECK (pending_kind IN ('CF28', 'CF29', 'REJECTION')),
        pending_details text,
        pending_change_kind varchar(16) CHECK (pending_change_kind IN ('RATE', 'VALUE', 'CLASSIFICATION')),
        proposed_by text,
        proposed_by_email text,
        signed_off_by text,
        signed_off_by_email text,
        importer_response text,
        responded_at timestamptz,
        response_due_at timestamptz,
        liquidation_date date,
        version int NOT NULL DEFAULT 0,
        last_seq int NOT NULL DEFAULT 0,
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The queues: a Center's filings at a step, soonest due first.
    await queryRunner.query(`CREATE INDEX review_queue ON filings.review (processing_center_id, step, step_due_at, entry_summary_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE filings.review`);
  }
}
