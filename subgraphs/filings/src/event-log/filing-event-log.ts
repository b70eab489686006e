import { isUuid } from '@cee-hub/common';
import { FilingEventRow, type FilingStatus } from '@cee-hub/db';
import { type DataSource, type EntityManager, LessThan } from 'typeorm';
import type { FilingOwnership, FilingScope } from '../access/filing-access';
import { scopeConditions, where } from '../filing/entry-summary.repository';

/** The PostgreSQL channel on which every filing event is announced (LISTEN filing_events). */
export const FILING_EVENTS_CHANNEL = 'filing_events';

/** An event of a filing's log; `id` is a bigint as text: JSON and GraphQL IDs cannot carry it as a number safely. */
export type FilingEventRecord = FilingEventRow;

/** An event of the log with what decides who may see it, and its filing's entry number. */
export interface LoggedFilingEvent extends FilingEventRecord, FilingOwnership {
  entryNumber: string;
}

/**
 * The payload of a notification on FILING_EVENTS_CHANNEL. It carries what a subscriber needs to
 * decide who may receive the event (importer, Center) without reading the filing; the event
 * itself can be read back by `eventId`, which also lets a subscriber resume after a reconnect.
 */
export interface FilingEventNotification extends FilingOwnership {
  eventId: string;
  entrySummaryId: string;
  type: string;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
}

export interface NewFilingEvent {
  /** The filing as it is after the change. */
  summary: { id: string } & FilingOwnership;
  type: string;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
  actor: string;
  actorRole: string;
  note?: string | null;
  /** Documents of the filing the step came with. */
  documentIds?: readonly string[];
}

/**
 * Held from an event's insert to its transaction's end: events then commit in id order, so
 * "every event with id > N" is an exact resume cursor. Without it a transaction that drew id 10
 * could commit after one that drew id 11, and a subscriber that saw 11 would never see 10.
 */
const FILING_EVENT_ORDER_LOCK = 7_301_776_340;

/**
 * Appends an event to a filing's log and announces it on FILING_EVENTS_CHANNEL. Every status
 * change goes through here, inside the transaction that makes the change: PostgreSQL delivers
 * the notification on commit and drops it on rollback, so listeners never hear of a change
 * that did not happen and never miss one that did. It must be the transaction's last write: it
 * takes the lock that makes events commit in id order, held until the commit. The lock and the
 * notification are PostgreSQL functions, called in SQL.
 */
export async function recordFilingEvent(manager: EntityManager, event: NewFilingEvent): Promise<FilingEventRecord> {
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the row and the notification would commit separately.
    throw new Error('recordFilingEvent must run inside the transaction that changes the filing');
  }
  await manager.query('SELECT pg_advisory_xact_lock($1)', [FILING_EVENT_ORDER_LOCK]);
  const values = {
    entrySummaryId: event.summary.id,
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actor: event.actor,
    actorRole: event.actorRole,
    note: event.note ?? null,
    documentIds: [...(event.documentIds ?? [])],
  };
  const result = await manager.createQueryBuilder().insert().into(FilingEventRow).values(values).returning('id, occurred_at').updateEntity(false).execute();
  const [{ id, occurred_at: occurredAt }] = result.raw as Array<{ id: string; occurred_at: Date }>;
  const notification: FilingEventNotification = {
    eventId: id,
    entrySummaryId: event.summary.id,
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    processingCenterId: event.summary.processingCenterId,
    importerId: event.summary.importerId,
  };
  await manager.query('SELECT pg_notify($1, $2)', [FILING_EVENTS_CHANNEL, JSON.stringify(notification)]);
  return { ...values, id, occurredAt };
}

/** A decimal event id that fits a bigint. */
const EVENT_ID = /^\d{1,18}$/;

const EVENT_COLUMNS = `e.id::text AS id, e.entry_summary_id AS "entrySummaryId", e.type, e.from_status AS "fromStatus",
  e.to_status AS "toStatus", e.actor, e.actor_role AS "actorRole", e.note, e.occurred_at AS "occurredAt",
  e.document_ids::text[] AS "documentIds"`;

const LOGGED_EVENT_COLUMNS = `${EVENT_COLUMNS}, s.importer_id AS "importerId", s.processing_center_id AS "processingCenterId", s.entry_number AS "entryNumber"`;

/**
 * Reads of the filing event log. The events loader and the replay of subscriptions read events
 * by the hundred, with the summaries' scope conditions: SQL written out like the summaries' list
 * reads (entry-summary.repository), for the same measured reason. Single events go through the
 * repository.
 */
export class FilingEventLog {
  constructor(private readonly dataSource: DataSource) {}

  /** The events of several filings, each filing's oldest first. */
  async eventsOf(summaryIds: readonly string[]): Promise<FilingEventRecord[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM filings.filing_event e WHERE e.entry_summary_id = ANY($1::uuid[]) ORDER BY e.entry_summary_id, e.id`,
      [summaryIds.filter((id) => isUuid(id))],
    );
  }

  /** One event by id; undefined for an unknown id. */
  async eventById(id: string): Promise<FilingEventRecord | undefined> {
    if (!EVENT_ID.test(id)) return undefined;
    return (await this.dataSource.getRepository(FilingEventRow).findOneBy({ id })) ?? undefined;
  }

  /** One event of the log with the ownership of its filing; undefined for an unknown id. */
  async loggedEventById(id: string): Promise<LoggedFilingEvent | undefined> {
    if (!EVENT_ID.test(id)) return undefined;
    const [row]: LoggedFilingEvent[] = await this.dataSource.query(
      `SELECT ${LOGGED_EVENT_COLUMNS} FROM filings.filing_event e JOIN filings.entry_summary s ON s.id = e.entry_summary_id WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  /**
   * Up to `limit` events of the log with ids greater than `afterId`, in id order, of the filings
   * in a scope (already narrowed to what the caller may see). `afterId` is a decimal event id.
   */
  async eventsAfter(afterId: string, scope: FilingScope, limit: number): Promise<LoggedFilingEvent[]> {
    const params: unknown[] = [afterId];
    const conditions = ['e.id > $1::bigint', ...scopeConditions(scope, params)];
    params.push(limit);
    return this.dataSource.query(
      `SELECT ${LOGGED_EVENT_COLUMNS} FROM filings.filing_event e JOIN filings.entry_summary s ON s.id = e.entry_summary_id
        ${where(conditions)} ORDER BY e.id LIMIT $${params.length}`,
      params,
    );
  }

  /** The note of the latest event of `type` of a filing before the event `beforeId` (filing-audience's lookups). */
  async noteBefore(entrySummaryId: string, beforeId: string, type: string): Promise<string | null> {
    const event = await this.dataSource.getRepository(FilingEventRow).findOne({
      select: { id: true, note: true },
      where: { entrySummaryId, type, id: LessThan(beforeId) },
      order: { id: 'DESC' },
    });
    return event?.note ?? null;
  }
}
