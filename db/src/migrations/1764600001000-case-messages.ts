import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case threads: the conversation between the trade and the Center about an entry summary or an
 * application, in the documents schema beside the paperwork. A thread row keeps what lists and
 * inboxes ask for (who it waits for, since when, the latest message), maintained in the
 * transaction of every message, so no list ever has to read messages to know it.
 */
export class CaseMessages1764600001000 implements MigrationInterface {
  name = 'CaseMessages1764600001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const subjectTypes = `subject_type varchar(16) NOT NULL CHECK (subject_type IN ('ENTRY_SUMMARY', 'ONBOARDING'))`;
    await queryRunner.query(`
      CREATE TABLE documents.case_thread (
        ${subjectTypes},
        subject_id uuid NOT NULL,
        importer_id uuid NOT NULL,
        center_id varchar(16),
        last_message_id bigint NOT NULL,
        last_message_at timestamptz NOT NULL,
        last_public_message_id bigint,
        last_public_message_at timestamptz,
        waiting_for varchar(8) CHECK (waiting_for IN ('CENTER', 'TRADE')),
        waiting_since timestamptz,
        PRIMARY KEY (subject_type, subject_id),
        CHECK ((waiting_for IS NULL) = (waiting_since IS NULL))
      )`);
    // The staff inbox (oldest waiting first, per Center) and the importer's (what CBP wrote last).
    await queryRunner.query(`CREATE INDEX case_thread_waiting_center ON documents.case_thread (center_id, waiting_since, subject_type, subject_id) WHERE waiting_for = 'CENTER'`);
    await queryRunner.query(`CREATE INDEX case_thread_waiting_trade ON documents.case_thread (importer_id, waiting_since) WHERE waiting_for = 'TRADE'`);
    await queryRunner.query(`
      CREATE TABLE documents.case_message (
        id bigserial PRIMARY KEY,
        ${subjectTypes},
        subject_id uuid NOT NULL,
        author text NOT NULL,
        author_email text,
        author_role varchar(32) NOT NULL,
        side varchar(8) NOT NULL CHECK (side IN ('TRADE', 'CENTER')),
        internal boolean NOT NULL DEFAULT false,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 8000),
        posted_at timestamptz NOT NULL,
        FOREIGN KEY (subject_type, subject_id) REFERENCES documents.case_thread (subject_type, subject_id),
        CHECK (NOT internal OR side = 'CENTER')
      )`);
    await queryRunner.query(`CREATE INDEX case_message_thread ON documents.case_message (subject_type, subject_id, id)`);
    await queryRunner.query(`
      CREATE TABLE documents.case_message_document (
        message_id bigint NOT NULL REFERENCES documents.case_message (id),
        document_id uuid NOT NULL REFERENCES documents.document (id),
        position smallint NOT NULL,
        PRIMARY KEY (message_id, document_id)
      )`);
    // Per person, not per role: each reader's own mark in each thread.
    await queryRunner.query(`
      CREATE TABLE documents.case_read (
        ${subjectTypes},
        subject_id uuid NOT NULL,
        reader text NOT NULL,
        last_read_id bigint NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (subject_type, subject_id, reader),
        FOREIGN KEY (subject_type, subject_id) REFERENCES documents.case_thread (subject_type, subject_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE documents.case_read, documents.case_message_document, documents.case_message, documents.case_thread`);
  }
}
