import { ENTRY_TYPES, formatHtsNumber } from '@cee-hub/common';
import type { EntrySummaryLineRecord, EntrySummaryRecord } from './entry-summary.repository';
import type { FilingEventRecord } from '../event-log/filing-event-log';
import type { EntrySummary, EntrySummaryLine } from './entry-summary.type';
import type { FilingEvent } from '../event-log/filing-event.type';

/** `lines` and `events` are resolved by FilingResolver through the loaders. */
export function toEntrySummary(row: EntrySummaryRecord): EntrySummary {
  const center = row.processingCenterId ? { id: row.processingCenterId } : null;
  return {
    id: row.id,
    entryNumber: row.entryNumber,
    entryType: row.entryType,
    // Stored codes were validated against this list; a code retired since still shows.
    entryTypeDescription: ENTRY_TYPES[row.entryType] ?? `Entry type ${row.entryType}`,
    filerCode: row.entryNumber.slice(0, 3),
    importer: { id: row.importerId },
    portOfEntry: row.portOfEntry,
    entryDate: row.entryDate,
    releaseDate: row.releaseDate,
    filedAt: row.filedAt,
    status: row.status,
    processingLocation: center ? { kind: 'CENTER', center, port: null } : { kind: 'PORT', center: null, port: row.portOfEntry },
    processingCenter: center,
    totalEnteredValue: row.totalEnteredValue,
    totalDuty: row.totalDuty,
  };
}

export function toEntrySummaryLine(row: EntrySummaryLineRecord): EntrySummaryLine {
  return {
    lineNumber: row.lineNumber,
    htsNumber: formatHtsNumber(row.htsNumber),
    countryOfOrigin: row.countryOfOrigin,
    enteredValue: row.enteredValue,
    dutyRate: row.dutyRate,
    duty: row.duty,
  };
}

export function toFilingEvent(row: FilingEventRecord): FilingEvent {
  return {
    id: row.id,
    entrySummaryId: row.entrySummaryId,
    type: row.type,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    actor: row.actor,
    actorRole: row.actorRole,
    note: row.note,
    occurredAt: row.occurredAt,
    documents: row.documentIds.map((id) => ({ id })),
  };
}
