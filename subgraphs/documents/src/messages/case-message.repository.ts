import { type CaseMessageRow, type CaseParty, type CaseThreadRow, type DocumentRow, DocumentRow as DocumentEntity } from '@cee-hub/db';
import type { EventLogSource, EventNotification, LogReader } from '@cee-hub/common/live';
import { type DataSource, In } from 'typeorm';
import type { DocumentSubject } from '../document/subject-parties';

/** The channel every new message is announced on, with a CaseMessageNotification as the payload. */
export const CASE_MESSAGE_CHANNEL = 'case_message';

/**
 * Held from a message's id being drawn to its transaction's end: messages then commit in id
 * order, so "every message with id > N" is an exact resume point for a live subscription.
 */
const CASE_MESSAGE_ORDER_LOCK = 7_301_776_341;

/** What a live subscriber needs to know of a new message before reading it: its thread, and whether only CBP may see it. */
export interface CaseMessageNotification extends EventNotification {
  subjectType: DocumentSubject['type'];
  subjectId: string;
  internal: boolean;
}

/** A message about to be written: its thread, author and the documents it carries. */
export interface NewCaseMessage {
  subject: DocumentSubject;
  importerId: string;
  centerId: string | null;
  author: { subject: string; email: string | null; role: string };
  side: CaseParty;
  internal: boolean;
  text: string;
  documentIds: readonly string[];
  postedAt: Date;
}

/** Who reads: their identity subject, and whether internal notes are theirs to see (CBP). */
export interface Reader {
  reader: string;
  seesInternal: boolean;
}

const MESSAGE_COLUMNS = `id::text AS id, subject_type AS "subjectType", subject_id AS "subjectId", author, author_email AS "authorEmail",
  author_role AS "authorRole", side, internal, text, posted_at AS "postedAt"`;

const THREAD_COLUMNS = `subject_type AS "subjectType", subject_id AS "subjectId", importer_id AS "importerId", center_id AS "centerId",
  last_message_id::text AS "lastMessageId", last_message_at AS "lastMessageAt", last_public_message_id::text AS "lastPublicMessageId",
  last_public_message_at AS "lastPublicMessageAt", waiting_for AS "waitingFor", waiting_since AS "waitingSince"`;

const keyArrays = (subjects: readonly DocumentSubject[]) => [subjects.map((subject) => subject.type), subjects.map((subject) => subject.id)];
const keyOf = (type: string, id: string) => `${type}:${id}`;

/** The case threads' tables. Plain SQL where a statement keeps a thread's summary row and its messages in step. */
export class CaseMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes a message, its documents, its thread's summary and the author's read mark, and
   * announces it on CASE_MESSAGE_CHANNEL, in one transaction (the notification goes out on
   * commit, never for a message that was rolled back). Answers the message.
   */
  async insert(message: NewCaseMessage): Promise<CaseMessageRow> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CASE_MESSAGE_ORDER_LOCK]);
      const [{ id }] = await manager.query(`SELECT nextval(pg_get_serial_sequence('documents.case_message', 'id'))::text AS id`);
      const waitingFor: CaseParty | null = message.internal ? null : message.side === 'TRADE' ? 'CENTER' : 'TRADE';
      // An internal note moves nothing the trade can see; a public message makes the thread wait
      // for the other side, since now unless it waited for that side already.
      await manager.query(
        `INSERT INTO documents.case_thread AS t (subject_type, subject_id, importer_id, center_id, last_message_id, last_message_at,
                last_public_message_id, last_public_message_at, waiting_for, waiting_since)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::varchar IS NULL THEN NULL ELSE $5::bigint END, CASE WHEN $7::varchar IS NULL THEN NULL ELSE $6::timestamptz END, $7, CASE WHEN $7::varchar IS NULL THEN NULL ELSE $6::timestamptz END)
         ON CONFLICT (subject_type, subject_id) DO UPDATE SET
           center_id = EXCLUDED.center_id, last_message_id = EXCLUDED.last_message_id, last_message_at = EXCLUDED.last_message_at,
           last_public_message_id = COALESCE(EXCLUDED.last_public_message_id, t.last_public_message_id),
           last_public_message_at = COALESCE(EXCLUDED.last_public_message_at, t.last_public_message_at),
           waiting_since = CASE WHEN EXCLUDED.waiting_for IS NULL OR t.waiting_for = EXCLUDED.waiting_for THEN t.waiting_since ELSE EXCLUDED.waiting_since END,
           waiting_for = COALESCE(EXCLUDED.waiting_for, t.waiting_for)`,
        [message.subject.type, message.subject.id, message.importerId, message.centerId, id, message.postedAt, waitingFor],
      );
      const [row] = await manager.query(
        `INSERT INTO documents.case_message (id, subject_type, subject_id, author, author_email, author_role, side, internal, text, posted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${MESSAGE_COLUMNS}`,
        [id, message.subject.type, message.subject.id, message.author.subject, message.author.email, message.author.role, message.side, message.internal, message.text, message.postedAt],
      );
      if (message.documentIds.length) {
        await manager.query(
          `INSERT INTO documents.case_message_document (message_id, document_id, position)
           SELECT $1, document_id, position::smallint FROM unnest($2::uuid[]) WITH ORDINALITY AS d(document_id, position)`,
          [id, message.documentIds],
        );
      }
      await this.markRead(manager, message.subject, message.author.subject, id, message.postedAt);
      const notification: CaseMessageNotification = { eventId: id, subjectType: message.subject.type, subjectId: message.subject.id, internal: message.internal };
      await manager.query('SELECT pg_notify($1, $2)', [CASE_MESSAGE_CHANNEL, JSON.stringify(notification)]);
      return row as CaseMessageRow;
    });
  }

  /** Moves a reader's mark forward to `upTo` (never back). */
  async markRead(manager: DataSource['manager'], subject: DocumentSubject, reader: string, upTo: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO documents.case_read AS r (subject_type, subject_id, reader, last_read_id, read_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (subject_type, subject_id, reader) DO UPDATE SET last_read_id = GREATEST(r.last_read_id, EXCLUDED.last_read_id), read_at = EXCLUDED.read_at`,
      [subject.type, subject.id, reader, upTo, at],
    );
  }

  get manager(): DataSource['manager'] {
    return this.dataSource.manager;
  }

  /** The threads of `subjects` (undefined where no message was written yet), in their order. */
  async threads(subjects: readonly DocumentSubject[]): Promise<Array<CaseThreadRow | undefined>> {
    const rows: CaseThreadRow[] = await this.dataSource.query(
      `SELECT ${THREAD_COLUMNS} FROM documents.case_thread t
        WHERE (subject_type, subject_id) IN (SELECT * FROM unnest($1::varchar[], $2::uuid[]))`,
      keyArrays(subjects),
    );
    const byKey = new Map(rows.map((row) => [keyOf(row.subjectType, row.subjectId), row]));
    return subjects.map((subject) => byKey.get(keyOf(subject.type, subject.id)));
  }

  /** Per subject, how many messages the reader has not read: others' messages after their mark, internal notes only for CBP. */
  async unreadCounts(subjects: readonly DocumentSubject[], reader: Reader): Promise<number[]> {
    const rows: Array<{ subjectType: string; subjectId: string; unread: string }> = await this.dataSource.query(
      `SELECT k.subject_type AS "subjectType", k.subject_id AS "subjectId", count(m.id) AS unread
         FROM unnest($1::varchar[], $2::uuid[]) AS k(subject_type, subject_id)
         JOIN documents.case_message m ON m.subject_type = k.subject_type AND m.subject_id = k.subject_id
         LEFT JOIN documents.case_read r ON r.subject_type = k.subject_type AND r.subject_id = k.subject_id AND r.reader = $3
        WHERE m.id > coalesce(r.last_read_id, 0) AND m.author <> $3 AND ($4 OR NOT m.internal)
        GROUP BY 1, 2`,
      [...keyArrays(subjects), reader.reader, reader.seesInternal],
    );
    const byKey = new Map(rows.map((row) => [keyOf(row.subjectType, row.subjectId), Number(row.unread)]));
    return subjects.map((subject) => byKey.get(keyOf(subject.type, subject.id)) ?? 0);
  }

  /** A page of a thread's messages after message `afterId`, oldest first: `limit` + 1 rows tell whether there is more. */
  async page(subject: DocumentSubject, seesInternal: boolean, afterId: string | null, limit: number): Promise<CaseMessageRow[]> {
    return this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM documents.case_message
        WHERE subject_type = $1 AND subject_id = $2 AND ($3 OR NOT internal) AND id > $4
        ORDER BY id LIMIT $5`,
      [subject.type, subject.id, seesInternal, afterId ?? '0', limit + 1],
    );
  }

  /** One message by id, whatever its thread; undefined for an unknown id. */
  async messageById(id: string): Promise<CaseMessageRow | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const [row] = await this.dataSource.query(`SELECT ${MESSAGE_COLUMNS} FROM documents.case_message WHERE id = $1`, [id]);
    return row;
  }

  /** Up to `limit` messages after `afterId`, in id order: of one thread when given, internal notes only for CBP. */
  async messagesAfter(afterId: string, subject: DocumentSubject | undefined, seesInternal: boolean, limit: number): Promise<CaseMessageRow[]> {
    return this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM documents.case_message
        WHERE id > $1::bigint AND ($2 OR NOT internal) AND ($3::varchar IS NULL OR (subject_type = $3 AND subject_id = $4::uuid))
        ORDER BY id LIMIT $5`,
      [afterId, seesInternal, subject?.type ?? null, subject?.id ?? null, limit],
    );
  }

  /** The message log as the live kit's bus reads it. */
  source(): EventLogSource<CaseMessageNotification, CaseMessageRow> {
    return {
      channel: CASE_MESSAGE_CHANNEL,
      latestEventIdSql: 'SELECT max(id)::text AS id FROM documents.case_message',
      notificationsAfter: async (reader: LogReader, afterId: string, limit: number) =>
        (
          await reader.query<CaseMessageNotification>(
            `SELECT id::text AS "eventId", subject_type AS "subjectType", subject_id AS "subjectId", internal
               FROM documents.case_message WHERE id > $1 ORDER BY id LIMIT ${Number(limit)}`,
            [afterId],
          )
        ).rows,
      eventById: (id) => this.messageById(id),
    };
  }

  /** A message of the thread the reader may see, or undefined. */
  async messageOf(subject: DocumentSubject, id: string, seesInternal: boolean): Promise<CaseMessageRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM documents.case_message WHERE id = $1 AND subject_type = $2 AND subject_id = $3 AND ($4 OR NOT internal)`,
      [id, subject.type, subject.id, seesInternal],
    );
    return row;
  }

  /** The documents (not deleted) attached to each message, in the order attached. */
  async documentsOf(messageIds: readonly string[]): Promise<DocumentRow[][]> {
    const links: Array<{ messageId: string; documentId: string }> = await this.dataSource.query(
      `SELECT message_id::text AS "messageId", document_id AS "documentId" FROM documents.case_message_document
        WHERE message_id = ANY($1::bigint[]) ORDER BY message_id, position`,
      [messageIds],
    );
    const documents = links.length ? await this.dataSource.getRepository(DocumentEntity).findBy({ id: In(links.map((link) => link.documentId)) }) : [];
    const byId = new Map(documents.filter((row) => !row.deletedAt).map((row) => [row.id, row]));
    return messageIds.map((messageId) => links.filter((link) => link.messageId === messageId).flatMap((link) => byId.get(link.documentId) ?? []));
  }

  /** Documents by id (deleted ones too; the caller decides), for checking what a message attaches. */
  documentsById(ids: readonly string[]): Promise<DocumentRow[]> {
    return ids.length ? this.dataSource.getRepository(DocumentEntity).findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }
}
