import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents carried by an application's steps: the importer's answer to the Center's question
 * may come with documents of the application, and its history entry names them. Such a
 * document stays part of the record (the documents domain refuses to remove it). The names
 * are checked through `documents.live_document_ids` (migration ReviewDocuments), with the
 * subject type 'ONBOARDING'.
 */
export class OnboardingDocuments1764600004000 implements MigrationInterface {
  name = 'OnboardingDocuments1764600004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE importers.onboarding_event ADD COLUMN document_ids uuid[] NOT NULL DEFAULT '{}'`);
    // "Is any of these documents attached to a step" is answered from the index at once.
    await queryRunner.query(
      `CREATE INDEX onboarding_event_documents ON importers.onboarding_event USING gin (document_ids) WHERE document_ids <> '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX importers.onboarding_event_documents`);
    await queryRunner.query(`ALTER TABLE importers.onboarding_event DROP COLUMN document_ids`);
  }
}
