import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { caseMessageEntities } from './messages';
import { numericTransformer } from './transformers';

/** The paperwork CBP practice attaches to an entry summary or an application. */
export const DOCUMENT_KINDS = [
  'COMMERCIAL_INVOICE',
  'PACKING_LIST',
  'BILL_OF_LADING',
  'CERTIFICATE_OF_ORIGIN',
  'CF28_RESPONSE',
  'CF29_RESPONSE',
  'PGA_FORM',
  'POWER_OF_ATTORNEY',
  'OTHER',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a document belongs to; its parties decide who may see it. */
export const DOCUMENT_SUBJECT_TYPES = ['ENTRY_SUMMARY', 'ONBOARDING'] as const;
export type DocumentSubjectType = (typeof DOCUMENT_SUBJECT_TYPES)[number];

/** Where a document's bytes are kept. */
export const DOCUMENT_STORAGES = ['POSTGRES', 'S3'] as const;
export type DocumentStorage = (typeof DOCUMENT_STORAGES)[number];

export const DOCUMENT_EVENT_TYPES = ['UPLOADED', 'DELETED'] as const;
export type DocumentEventType = (typeof DOCUMENT_EVENT_TYPES)[number];

/**
 * What a document is declared to be, as the upload declaring it and the document it becomes
 * both keep it: its subject, kind, name, type, size and SHA-256.
 */
abstract class DeclaredDocumentColumns {
  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType: DocumentSubjectType;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: DocumentKind;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** The MIME type; a document's bytes were checked to be of it. */
  @Column({ name: 'content_type', type: 'varchar', length: 128 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: numericTransformer })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;
}

/**
 * The declaration a client makes before sending bytes: what is coming, for which subject and
 * by whom. The upload URL carries a random token whose SHA-256 is kept here, so the table
 * alone cannot be used to upload.
 */
@Entity({ schema: 'documents', name: 'upload' })
export class DocumentUploadRow extends DeclaredDocumentColumns {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'token_sha256', type: 'char', length: 64, unique: true })
  tokenSha256: string;

  /** The identity subject of whoever asked; only the same person may send the bytes. */
  @Column({ name: 'requested_by', type: 'text' })
  requestedBy: string;

  @Column({ name: 'requested_by_email', type: 'text', nullable: true })
  requestedByEmail: string | null;

  @Column({ name: 'requested_by_role', type: 'varchar', length: 32 })
  requestedByRole: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** Set once bytes were sent, whatever the outcome: the URL works once. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}

/** A document whose bytes arrived and matched their declaration. */
@Entity({ schema: 'documents', name: 'document' })
export class DocumentRow extends DeclaredDocumentColumns {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  storage: DocumentStorage;

  /** The bytes' key in their storage: the upload's id. */
  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @Column({ name: 'uploaded_by_email', type: 'text', nullable: true })
  uploadedByEmail: string | null;

  @Column({ name: 'uploaded_by_role', type: 'varchar', length: 32 })
  uploadedByRole: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;

  /** A deleted document stays, out of every list, with its history. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}

/** The history of a document: who added it and who removed it. */
@Entity({ schema: 'documents', name: 'document_event' })
export class DocumentEventRow {
  /** bigint: pg answers it as a string, which is what the graph shows. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ type: 'varchar', length: 16 })
  type: DocumentEventType;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_email', type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}

/** The documents schema: the paperwork and (messages.ts) the conversation of a case. */
export const documentsEntities = [DocumentUploadRow, DocumentRow, DocumentEventRow, ...caseMessageEntities];
