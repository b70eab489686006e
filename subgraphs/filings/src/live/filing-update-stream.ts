import { canSeeImporterData, type Identity, type Logger } from '@cee-hub/common';
import { openResumableStream, parseSince as parseEventSince, type ResumableStream } from '@cee-hub/common/live';
import type { FilingScope } from '../access/filing-access';
import { type AudienceLookups, type FilingSetting, presentFilingEvent } from '../access/filing-audience';
import type { FilingEventLog, FilingEventNotification, FilingEventRecord, LoggedFilingEvent } from '../event-log/filing-event-log';
import type { EntrySummaryRepository } from '../filing/entry-summary.repository';
import type { FilingEventBus } from './filing-event-bus';

export interface FilingUpdateStreamOptions {
  identity: Identity;
  /** The caller's filter, already narrowed to what it may see (scopeOfFilingList). */
  scope: FilingScope;
  /** Resume after this event id (replaying the log first); null for live events only. */
  since: string | null;
  bus: Pick<FilingEventBus, 'subscribe' | 'eventById'>;
  summaries: Pick<EntrySummaryRepository, 'byIds' | 'byEntryNumber'>;
  eventLog: Pick<FilingEventLog, 'eventsAfter'>;
  audience: AudienceLookups;
  bufferLimit?: number;
  logger?: Logger;
}

/** The events one subscriber receives, in id order; `return()` ends it at once, also while it waits. */
export type FilingUpdateStream = ResumableStream<FilingEventRecord>;

/** Reads `since`: a decimal event id, as the FilingEvent ids a client has seen. */
export function parseSince(since: string | null | undefined): string | null {
  return parseEventSince(since, 'a filing event');
}

/**
 * Opens the events one subscriber receives on the live kit's resumable stream: the log after
 * `since` (if given), then live events from the bus, each checked against the caller's identity
 * and filter and presented for its audience (filing-audience): the trade never receives what
 * CBP keeps internal.
 */
export function openFilingUpdateStream(options: FilingUpdateStreamOptions): Promise<FilingUpdateStream> {
  const filter = new FilingSubscriberFilter(options);
  return openResumableStream<FilingEventNotification, LoggedFilingEvent, FilingEventRecord>({
    bus: options.bus,
    since: options.since,
    bufferLimit: options.bufferLimit,
    logger: options.logger,
    prepare: () => filter.findFiling(),
    accept: (notification) => filter.accept(notification),
    replayPage: (afterId, limit) => options.eventLog.eventsAfter(afterId, options.scope, limit),
    presentReplayed: (row) => filter.replayed(row),
    presentLive: (notification) => filter.live(notification),
  });
}

/** What decides, for one subscriber, which filing events are its own and how it sees them. */
class FilingSubscriberFilter {
  /**
   * With an entry number filter: that filing's id once known, null while it is not filed yet.
   * Undefined without the filter.
   */
  private summaryId: string | null | undefined;

  constructor(private readonly options: FilingUpdateStreamOptions) {
    this.summaryId = options.scope.entryNumber ? null : undefined;
  }

  /** With an entry number filter, the filing it names if it is filed already. */
  async findFiling(): Promise<void> {
    if (!this.options.scope.entryNumber) return;
    const filing = await this.options.summaries.byEntryNumber(this.options.scope.entryNumber);
    // A filing the caller may not see is followed like an unused entry number: silently, for
    // every event is checked against the caller anyway; refusing it would tell that the number is used.
    if (filing) this.summaryId = filing.id;
  }

  accept(event: FilingEventNotification): boolean {
    const { identity, scope } = this.options;
    // Checked for every event whatever the filter: the filter only ever narrows.
    if (!canSeeImporterData(identity, event.importerId, [event.processingCenterId])) return false;
    if (scope.centerId !== undefined && event.processingCenterId !== scope.centerId) return false;
    if (scope.importerId !== undefined && event.importerId !== scope.importerId) return false;
    // While the entry number is not filed, every visible event waits; live() checks it.
    if (typeof this.summaryId === 'string' && event.entrySummaryId !== this.summaryId) return false;
    return true;
  }

  /** A replayed event of the log (already narrowed to the scope) as the viewer may see it. */
  async replayed(row: LoggedFilingEvent): Promise<FilingEventRecord | null> {
    const { importerId, processingCenterId, entryNumber: _entryNumber, ...event } = row;
    if (!canSeeImporterData(this.options.identity, importerId, [processingCenterId])) return null;
    if (this.summaryId === null) this.summaryId = event.entrySummaryId;
    return this.present(event, { processingCenterId });
  }

  /** A live notification as the event the viewer may see; null when it is not theirs. */
  async live(notification: FilingEventNotification): Promise<FilingEventRecord | null> {
    if (!(await this.matchesEntryNumber(notification))) return null;
    const record = await this.options.bus.eventById(notification.eventId);
    return record ? this.present(record, notification) : null;
  }

  /** The event as this subscriber may see it (filing-audience); null when it may not. */
  private present(event: FilingEventRecord, setting: FilingSetting): Promise<FilingEventRecord | null> {
    return presentFilingEvent(this.options.identity, event, setting, this.options.audience);
  }

  private async matchesEntryNumber(event: FilingEventNotification): Promise<boolean> {
    if (this.summaryId === undefined) return true;
    if (this.summaryId !== null) return event.entrySummaryId === this.summaryId;
    // The filing was not there when the subscription started; its first event names it.
    const [filing] = await this.options.summaries.byIds([event.entrySummaryId]);
    if (!filing || filing.entryNumber !== this.options.scope.entryNumber) return false;
    this.summaryId = filing.id;
    return true;
  }
}
