import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentSubjectType } from './documents';

/** The two sides of a case thread: the trade (importer, later its broker) and the Center (CBP). */
export const CASE_PARTIES = ['CENTER', 'TRADE'] as const;
export type CaseParty = (typeof CASE_PARTIES)[number];

/** The longest message of a case thread, as long as a CF-28 answer may be. */
export const MAX_CASE_MESSAGE_LENGTH = 8000;

/**
 * The thread of an entry summary or an application: one row per subject with at least one
 * message, kept up to date by every message's transaction, so unread counts, inboxes and
 * "waiting for" never read the messages themselves.
 */
@Entity({ schema: 'documents', name: 'case_thread' })
export class CaseThreadRow {
  @PrimaryColumn({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType: DocumentSubjectType;

  @PrimaryColumn({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'importer_id', type: 'uuid' })
  importerId: string;

  /** The Center working the subject when the thread last changed (null: a port, or none yet). */
  @Column({ name: 'center_id', type: 'varchar', length: 16, nullable: true })
  centerId: string | null;

  /** bigint ids are answered by pg as strings. */
  @Column({ name: 'last_message_id', type: 'bigint' })
  lastMessageId: string;

  @Column({ name: 'last_message_at', type: 'timestamptz' })
  lastMessageAt: Date;

  /** The latest message the trade may see (internal notes left out). */
  @Column({ name: 'last_public_message_id', type: 'bigint', nullable: true })
  lastPublicMessageId: string | null;

  @Column({ name: 'last_public_message_at', type: 'timestamptz', nullable: true })
  lastPublicMessageAt: Date | null;

  /** Whose answer the thread waits for: the other side of whoever wrote last (internal notes do not count). */
  @Column({ name: 'waiting_for', type: 'varchar', length: 8, nullable: true })
  waitingFor: CaseParty | null;

  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince: Date | null;
}

/** A message of a case thread; `id` orders every message of every thread in commit order. */
@Entity({ schema: 'documents', name: 'case_message' })
export class CaseMessageRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType: DocumentSubjectType;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** The identity subject of the author. */
  @Column({ type: 'text' })
  author: string;

  @Column({ name: 'author_email', type: 'text', nullable: true })
  authorEmail: string | null;

  @Column({ name: 'author_role', type: 'varchar', length: 32 })
  authorRole: string;

  @Column({ type: 'varchar', length: 8 })
  side: CaseParty;

  /** A note among CBP staff: never shown to the trade, nor counted for it. */
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt: Date;
}

/** A document of the thread's subject attached to a message, in the order the author gave. */
@Entity({ schema: 'documents', name: 'case_message_document' })
export class CaseMessageDocumentRow {
  @PrimaryColumn({ name: 'message_id', type: 'bigint' })
  messageId: string;

  @PrimaryColumn({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ type: 'smallint' })
  position: number;
}

/** How far one person has read one thread. */
@Entity({ schema: 'documents', name: 'case_read' })
export class CaseReadRow {
  @PrimaryColumn({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType: DocumentSubjectType;

  @PrimaryColumn({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @PrimaryColumn({ type: 'text' })
  reader: string;

  @Column({ name: 'last_read_id', type: 'bigint' })
  lastReadId: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt: Date;
}

export const caseMessageEntities = [CaseThreadRow, CaseMessageRow, CaseMessageDocumentRow, CaseReadRow];
