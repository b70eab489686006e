import { isUuid } from '@cee-hub/common';
import type { EventLogSource, EventNotification, LogReader } from '@cee-hub/common/live';
import type { OnboardingEventRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';

/** The PostgreSQL channel on which the trigger of importers.onboarding_event announces each row. */
export const ONBOARDING_EVENTS_CHANNEL = 'onboarding_events';

/** The payload of a notification (see the migration OnboardingNotify): the event, and who may see it. */
export interface OnboardingEventNotification extends EventNotification {
  onboardingId: string;
  type: string;
  importerId: string;
  /** The Center reviewing the application when the event was written. */
  centerId: string | null;
}

/** An event of the log with the application's importer and Center as they are now. */
export interface LoggedOnboardingEvent extends OnboardingEventRow {
  importerId: string;
  centerId: string | null;
}

/** What narrows a subscription, already checked against the caller. */
export interface OnboardingEventScope {
  importerId?: string;
  centerId?: string;
}

const EVENT_ID = /^\d{1,18}$/;
const LOGGED_COLUMNS = `e.id::text AS id, e.onboarding_id AS "onboardingId", e.seq, e.type, e.actor, e.actor_role AS "actorRole", e.note, e.at,
  e.document_ids::text[] AS "documentIds", o.importer_id AS "importerId", o.center_id AS "centerId"`;

/** Reads of the onboarding event log for subscriptions and `onboardingEvent(id)`. */
export class OnboardingEventLog {
  constructor(private readonly dataSource: DataSource) {}

  /** One event with its application's importer and Center; undefined for an unknown id. */
  async eventById(id: string): Promise<LoggedOnboardingEvent | undefined> {
    if (!EVENT_ID.test(id)) return undefined;
    const [row]: LoggedOnboardingEvent[] = await this.dataSource.query(
      `SELECT ${LOGGED_COLUMNS} FROM importers.onboarding_event e JOIN importers.onboarding o ON o.id = e.onboarding_id WHERE e.id = $1`,
      [id],
    );
    return row;
  }

  /** Up to `limit` events after `afterId`, in id order, of the applications in a scope. */
  async eventsAfter(afterId: string, scope: OnboardingEventScope, limit: number): Promise<LoggedOnboardingEvent[]> {
    const params: unknown[] = [afterId];
    const conditions = ['e.id > $1::bigint'];
    if (scope.importerId !== undefined) {
      // A malformed importer id matches nothing, as in every other read.
      params.push(isUuid(scope.importerId) ? scope.importerId : null);
      conditions.push(`o.importer_id = $${params.length}`);
    }
    if (scope.centerId !== undefined) {
      params.push(scope.centerId);
      conditions.push(`o.center_id = $${params.length}`);
    }
    params.push(limit);
    return this.dataSource.query(
      `SELECT ${LOGGED_COLUMNS} FROM importers.onboarding_event e JOIN importers.onboarding o ON o.id = e.onboarding_id
        WHERE ${conditions.join(' AND ')} ORDER BY e.id LIMIT $${params.length}`,
      params,
    );
  }

  /** The log as the live kit's bus reads it. */
  source(): EventLogSource<OnboardingEventNotification, LoggedOnboardingEvent> {
    return {
      channel: ONBOARDING_EVENTS_CHANNEL,
      latestEventIdSql: 'SELECT max(id)::text AS id FROM importers.onboarding_event',
      notificationsAfter: async (reader: LogReader, afterId: string, limit: number) =>
        (
          await reader.query<OnboardingEventNotification>(
            `SELECT e.id::text AS "eventId", e.onboarding_id AS "onboardingId", e.type, o.importer_id AS "importerId", o.center_id AS "centerId"
               FROM importers.onboarding_event e JOIN importers.onboarding o ON o.id = e.onboarding_id
              WHERE e.id > $1 ORDER BY e.id LIMIT ${Number(limit)}`,
            [afterId],
          )
        ).rows,
      eventById: (id) => this.eventById(id),
    };
  }
}
