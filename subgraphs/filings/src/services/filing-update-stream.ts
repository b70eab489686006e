import { BadUserInputError, canSeeImporterData, type Identity, type Logger } from '@cee-hub/common';
import { SubscriberTooSlowError } from '../errors';
import type { EntrySummaryService } from './entry-summary.service';
import type { FilingScope } from './filing-access';
import { type FilingSetting, presentFilingEvent } from './filing-audience';
import type { BusRegistration, FilingEventBus } from './filing-event-bus';
import type { FilingEventNotification, FilingEventRecord } from './filing-events';

/** Events a subscriber may have waiting before it counts as too slow. */
export const DEFAULT_SUBSCRIBER_BUFFER = 1000;
const REPLAY_PAGE = 500;

export interface FilingUpdateStreamOptions {
  identity: Identity;
  /** The caller's filter, already narrowed to what it may see (scopeOfFilingList). */
  scope: FilingScope;
  /** Resume after this event id (replaying the log first); null for live events only. */
  since: string | null;
  bus: FilingEventBus;
  filings: EntrySummaryService;
  bufferLimit?: number;
  logger?: Logger;
}

/** Reads `since`: a decimal event id, as the FilingEvent ids a client has seen. */
export function parseSince(since: string | null | undefined): string | null {
  if (since === null || since === undefined) return null;
  if (!/^\d{1,18}$/.test(since)) {
    throw new BadUserInputError({ field: 'since', message: `must be the id of a filing event (digits only); got '${since}'` });
  }
  return BigInt(since).toString();
}

/**
 * The events one subscriber receives: the log after `since` (if given), then live events from
 * the bus, each checked against the caller's identity and filter and presented for its
 * audience (filing-audience): the trade never receives what CBP keeps internal.
 *
 * It joins the bus before reading the log, so an event committed during the replay is held in
 * its buffer and emitted after the replay unless the replay already had it: no gap and no
 * duplicate. A hand-written iterator rather than an async generator: a generator's `return()`
 * waits for a pending `next()`, so an idle subscription could not be ended when its client goes.
 */
export class FilingUpdateStream implements AsyncIterableIterator<FilingEventRecord> {
  private readonly registration: BusRegistration;
  private readonly bufferLimit: number;
  private queue: FilingEventNotification[] = [];
  private wake: (() => void) | null = null;
  /** The id of the last event emitted (or the point the stream starts after). */
  private cursor: bigint;
  /** How far the replay has read the log, visible or not. */
  private replayedTo: bigint;
  private replayDone: boolean;
  private replayPage: FilingEventRecord[] = [];
  private failure: Error | null = null;
  private done = false;
  /**
   * With an entry number filter: that filing's id once known, null while it is not filed yet.
   * Undefined without the filter.
   */
  private summaryId: string | null | undefined;

  private constructor(private readonly options: FilingUpdateStreamOptions) {
    this.bufferLimit = options.bufferLimit ?? DEFAULT_SUBSCRIBER_BUFFER;
    this.summaryId = options.scope.entryNumber ? null : undefined;
    this.registration = options.bus.subscribe({ accept: (event) => this.accept(event), push: (event) => this.push(event) });
    this.cursor = options.since !== null ? BigInt(options.since) : this.registration.joinedAfter;
    this.replayedTo = this.cursor;
    this.replayDone = options.since === null;
  }

  /** Joins the bus, then checks what needs the database (the filing an entry number names). */
  static async open(options: FilingUpdateStreamOptions): Promise<FilingUpdateStream> {
    const stream = new FilingUpdateStream(options);
    try {
      if (options.scope.entryNumber) {
        const filing = await options.filings.byEntryNumber(options.scope.entryNumber);
        // A filing the caller may not see is followed like an unused entry number: silently, for
        // every event is checked against the caller anyway; refusing it would tell that the number is used.
        if (filing) stream.summaryId = filing.id;
      }
    } catch (error) {
      stream.finish();
      throw error;
    }
    return stream;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<FilingEventRecord>> {
    while (!this.done) {
      if (this.failure) {
        const failure = this.failure;
        this.finish();
        throw failure;
      }
      const replayed = this.replayPage.shift();
      if (replayed) {
        this.cursor = BigInt(replayed.id);
        return { value: replayed, done: false };
      }
      if (!this.replayDone) {
        await this.readLogPage();
        continue;
      }
      const notification = this.queue.shift();
      if (!notification) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      const id = BigInt(notification.eventId);
      if (id <= this.cursor) continue; // the replay emitted it already
      if (!(await this.matchesEntryNumber(notification))) continue;
      const record = await this.options.bus.eventById(notification.eventId);
      if (!record || this.done) continue;
      const presented = await this.present(record, notification);
      // Not the viewer's to see (the trade is not shown internal steps): skipped, not a gap.
      if (!presented || this.done) continue;
      this.cursor = id;
      return { value: presented, done: false };
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<FilingEventRecord>> {
    this.finish();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<FilingEventRecord>> {
    this.finish();
    throw error;
  }

  /** The id to resume after: the last event emitted. */
  get lastEventId(): string {
    return this.cursor.toString();
  }

  private accept(event: FilingEventNotification): boolean {
    const { identity, scope } = this.options;
    // Checked for every event whatever the filter: the filter only ever narrows.
    if (!canSeeImporterData(identity, event.importerId, [event.processingCenterId])) return false;
    if (scope.centerId !== undefined && event.processingCenterId !== scope.centerId) return false;
    if (scope.importerId !== undefined && event.importerId !== scope.importerId) return false;
    // While the entry number is not filed, every visible event waits; next() checks it.
    if (typeof this.summaryId === 'string' && event.entrySummaryId !== this.summaryId) return false;
    return true;
  }

  private push(event: FilingEventNotification): void {
    if (this.done || this.failure) return;
    if (this.queue.length >= this.bufferLimit) {
      // Dropping the subscriber, not the event: it resumes from the log without a gap.
      this.failure = new SubscriberTooSlowError(this.lastEventId);
      this.queue = [];
      this.registration.unsubscribe();
      this.options.logger?.warn({ since: this.lastEventId, buffered: this.bufferLimit }, 'dropped a filing subscriber that fell behind');
    } else {
      this.queue.push(event);
    }
    this.signal();
  }

  private async readLogPage(): Promise<void> {
    const { filings, scope, identity } = this.options;
    const rows = await filings.eventsAfter(this.replayedTo.toString(), scope, REPLAY_PAGE);
    if (this.done) return;
    if (rows.length < REPLAY_PAGE) this.replayDone = true;
    for (const row of rows) {
      this.replayedTo = BigInt(row.id);
      if (!canSeeImporterData(identity, row.importerId, [row.processingCenterId])) continue;
      if (this.summaryId === null) this.summaryId = row.entrySummaryId;
      const { importerId: _importerId, processingCenterId, entryNumber: _entryNumber, ...event } = row;
      const presented = await this.present(event, { processingCenterId });
      if (this.done) return;
      if (presented) this.replayPage.push(presented);
    }
  }

  /** The event as this subscriber may see it (filing-audience); null when it may not. */
  private present(event: FilingEventRecord, setting: FilingSetting): Promise<FilingEventRecord | null> {
    return presentFilingEvent(this.options.identity, event, setting, this.options.filings);
  }

  private async matchesEntryNumber(event: FilingEventNotification): Promise<boolean> {
    if (this.summaryId === undefined) return true;
    if (this.summaryId !== null) return event.entrySummaryId === this.summaryId;
    // The filing was not there when the subscription started; its first event names it.
    const [filing] = await this.options.filings.byIds([event.entrySummaryId]);
    if (!filing || filing.entryNumber !== this.options.scope.entryNumber) return false;
    this.summaryId = filing.id;
    return true;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.queue = [];
    this.replayPage = [];
    this.registration.unsubscribe();
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
