import { EventBus, type EventLogSource, type LogReader } from '@cee-hub/common/live';
import type { Logger } from '@cee-hub/common';
import { FILING_EVENTS_CHANNEL, type FilingEventLog, type FilingEventNotification, type FilingEventRecord } from '../event-log/filing-event-log';

/** The process's one LISTEN connection on the filing events (the live kit's EventBus on filings.filing_event). */
export type FilingEventBus = EventBus<FilingEventNotification, FilingEventRecord>;

/** The filing event log as the live kit reads it: its channel, its latest id, its catch-up and its events by id. */
function filingEventSource(eventLog: FilingEventLog): EventLogSource<FilingEventNotification, FilingEventRecord> {
  return {
    channel: FILING_EVENTS_CHANNEL,
    latestEventIdSql: 'SELECT max(id)::text AS id FROM filings.filing_event',
    notificationsAfter: async (reader: LogReader, afterId: string, limit: number) =>
      (
        await reader.query<FilingEventNotification>(
          `SELECT e.id::text AS "eventId", e.entry_summary_id AS "entrySummaryId", e.type, e.from_status AS "fromStatus",
                  e.to_status AS "toStatus", s.processing_center_id AS "processingCenterId", s.importer_id AS "importerId"
             FROM filings.filing_event e JOIN filings.entry_summary s ON s.id = e.entry_summary_id
            WHERE e.id > $1 ORDER BY e.id LIMIT ${Number(limit)}`,
          [afterId],
        )
      ).rows,
    eventById: (id) => eventLog.eventById(id),
  };
}

export interface FilingEventBusOptions {
  databaseUrl: string;
  eventLog: FilingEventLog;
  logger: Logger;
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

/** The bus of filing events for one filings process. */
export function createFilingEventBus({ eventLog, ...options }: FilingEventBusOptions): FilingEventBus {
  return new EventBus({ ...options, source: filingEventSource(eventLog), applicationName: 'cee-hub-filings-listener' });
}
