import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer onboarding: one row per application (the workflow records every state change) and
 * its history, plus the account manager a participating importer gets on approval.
 */
export class Onboarding1764400000000 implements MigrationInterface {
  name = 'Onboarding1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE importers.importer ADD COLUMN account_manager_id uuid`);
    await queryRunner.query(`
      CREATE TABLE importers.onboarding (
        id uuid PRIMARY KEY,
        importer_id uuid NOT NULL REFERENCES importers.importer(id),
        notice_id varchar(32) NOT NULL REFERENCES importers.federal_register_notice(id),
        chosen_center_id varchar(16) NOT NULL,
        proposed_center_id varchar(16),
        center_id varchar(16),
        state varchar(24) NOT NULL CHECK (state IN ('APPLIED', 'INELIGIBLE', 'AWAITING_REVIEW', 'AWAITING_IMPORTER', 'APPROVED', 'REJECTED', 'LAPSED', 'WITHDRAWN')),
        step varchar(24) NOT NULL CHECK (step IN ('ELIGIBILITY_CHECK', 'CENTER_REVIEW', 'IMPORTER_ANSWER', 'COMPLETE')),
        workflow_id text NOT NULL,
        reasons text[] NOT NULL DEFAULT '{}',
        proposal_basis varchar(16) CHECK (proposal_basis IN ('FILED_LINES', 'CHOSEN')),
        proposal_note text,
        account_manager_id uuid,
        question text,
        answer text,
        decision_note text,
        review_due_at timestamptz,
        escalates_at timestamptz,
        information_due_at timestamptz,
        effective_date date,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX onboarding_importer ON importers.onboarding (importer_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX onboarding_center ON importers.onboarding (center_id, created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX onboarding_created ON importers.onboarding (created_at DESC, id)`);
    await queryRunner.query(`
      CREATE TABLE importers.onboarding_event (
        id bigserial PRIMARY KEY,
        onboarding_id uuid NOT NULL REFERENCES importers.onboarding(id) ON DELETE CASCADE,
        seq int NOT NULL,
        type varchar(32) NOT NULL,
        actor text NOT NULL,
        actor_role varchar(24) NOT NULL,
        note text,
        at timestamptz NOT NULL,
        UNIQUE (onboarding_id, seq)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE importers.onboarding_event`);
    await queryRunner.query(`DROP TABLE importers.onboarding`);
    await queryRunner.query(`ALTER TABLE importers.importer DROP COLUMN account_manager_id`);
  }
}
