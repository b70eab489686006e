import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The documents domain: declared uploads, documents whose bytes arrived and matched, their
 * history, and (in the default storage) the bytes themselves in chunks of at most 1 MiB, so
 * neither a write nor a read ever holds a whole file.
 */
export class Documents1764500000000 implements MigrationInterface {
  name = 'Documents1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS documents`);
    const kinds = `'COMMERCIAL_INVOICE', 'PACKING_LIST', 'BILL_OF_LADING', 'CERTIFICATE_OF_ORIGIN', 'CF28_RESPONSE', 'CF29_RESPONSE', 'PGA_FORM', 'POWER_OF_ATTORNEY', 'OTHER'`;
    await queryRunner.query(`
      CREATE TABLE documents.upload (
        id uuid PRIMARY KEY,
        token_sha256 char(64) NOT NULL UNIQUE,
        subject_type varchar(16) NOT NULL CHECK (subject_type IN ('ENTRY_SUMMARY', 'ONBOARDING')),
        subject_id uuid NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN (${kinds})),
        file_name text NOT NULL,
        content_type varchar(128) NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        requested_by text NOT NULL,
        requested_by_email text,
        requested_by_role varchar(32) NOT NULL,
        requested_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    // The sweep finds uploads whose bytes never came (or came and failed) once they expire.
    await queryRunner.query(`CREATE INDEX upload_expiry ON documents.upload (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE documents.document (
        id uuid PRIMARY KEY,
        subject_type varchar(16) NOT NULL CHECK (subject_type IN ('ENTRY_SUMMARY', 'ONBOARDING')),
        subject_id uuid NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN (${kinds})),
        file_name text NOT NULL,
        content_type varchar(128) NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        storage varchar(8) NOT NULL CHECK (storage IN ('POSTGRES', 'S3')),
        storage_key text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_by_email text,
        uploaded_by_role varchar(32) NOT NULL,
        uploaded_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX document_subject ON documents.document (subject_type, subject_id, uploaded_at)`);
    await queryRunner.query(`
      CREATE TABLE documents.document_event (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents.document(id),
        type varchar(16) NOT NULL CHECK (type IN ('UPLOADED', 'DELETED')),
        actor text NOT NULL,
        actor_email text,
        actor_role varchar(32) NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX document_event_document ON documents.document_event (document_id, id)`);
    // Keyed by the upload, not the document: bytes are written before they are known to match.
    await queryRunner.query(`
      CREATE TABLE documents.blob_chunk (
        storage_key text NOT NULL,
        seq int NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (storage_key, seq)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA documents CASCADE`);
  }
}
