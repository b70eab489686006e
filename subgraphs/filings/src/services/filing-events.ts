import type { Identity } from '@cee-hub/common';
import type { FilingStatus } from '@cee-hub/db';
import type { EntityManager } from 'typeorm';

/** The PostgreSQL channel on which every filing event is announced (LISTEN filing_events). */
export const FILING_EVENTS_CHANNEL = 'filing_events';

/** A row of filings.filing_event as read by this subgraph. */
export interface FilingEventRecord {
  /** bigint as text: JSON and GraphQL IDs cannot carry it as a number safely. */
  id: string;
  entrySummaryId: string;
  type: string;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
  actor: string;
  actorRole: string;
  note: string | null;
  occurredAt: Date;
}

/**
 * The payload of a notification on FILING_EVENTS_CHANNEL. It carries what a subscriber needs to
 * decide who may receive the event (importer, Center) without reading the filing; the event
 * itself can be read back by `eventId`, which also lets a subscriber resume after a reconnect.
 */
export interface FilingEventNotification {
  eventId: string;
  entrySummaryId: string;
  type: string;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
  processingCenterId: string | null;
  importerId: string;
}

export interface NewFilingEvent {
  /** The filing as it is after the change. */
  summary: { id: string; importerId: string; processingCenterId: string | null };
  type: string;
  fromStatus: FilingStatus | null;
  toStatus: FilingStatus;
  actor: string;
  actorRole: string;
  note?: string | null;
}

/**
 * Held from an event's insert to its transaction's end: events then commit in id order, so
 * "every event with id > N" is an exact resume cursor. Without it a transaction that drew id 10
 * could commit after one that drew id 11, and a subscriber that saw 11 would never see 10.
 */
const FILING_EVENT_ORDER_LOCK = 7_301_776_340;

export const FILING_EVENT_COLUMNS = `e.id::text AS id, e.entry_summary_id AS "entrySummaryId", e.type, e.from_status AS "fromStatus",
  e.to_status AS "toStatus", e.actor, e.actor_role AS "actorRole", e.note, e.occurred_at AS "occurredAt"`;

/** Who an identity is in the event log: its email where known, else its subject. */
export function actorOf(identity: Identity): { actor: string; actorRole: string } {
  return { actor: identity.email ?? identity.subject ?? identity.importerId ?? identity.role, actorRole: identity.role };
}

/**
 * Appends an event to a filing's log and announces it on FILING_EVENTS_CHANNEL. Every status
 * change goes through here, inside the transaction that makes the change: PostgreSQL delivers
 * the notification on commit and drops it on rollback, so listeners never hear of a change
 * that did not happen and never miss one that did. It must be the transaction's last write: it
 * takes the lock that makes events commit in id order, held until the commit.
 */
export async function recordFilingEvent(manager: EntityManager, event: NewFilingEvent): Promise<FilingEventRecord> {
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the row and the notification would commit separately.
    throw new Error('recordFilingEvent must run inside the transaction that changes the filing');
  }
  // Taken last in the transaction (recordFilingEvent is its final write), so it is held only until commit.
  await manager.query('SELECT pg_advisory_xact_lock($1)', [FILING_EVENT_ORDER_LOCK]);
  const [row]: FilingEventRecord[] = await manager.query(
    `INSERT INTO filings.filing_event AS e (entry_summary_id, type, from_status, to_status, actor, actor_role, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${FILING_EVENT_COLUMNS}`,
    [event.summary.id, event.type, event.fromStatus, event.toStatus, event.actor, event.actorRole, event.note ?? null],
  );
  const notification: FilingEventNotification = {
    eventId: row!.id,
    entrySummaryId: event.summary.id,
    type: event.type,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    processingCenterId: event.summary.processingCenterId,
    importerId: event.summary.importerId,
  };
  await manager.query('SELECT pg_notify($1, $2)', [FILING_EVENTS_CHANNEL, JSON.stringify(notification)]);
  return row!;
}
