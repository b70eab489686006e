import { BadUserInputError, canSeeImporterData, type Identity, type Logger } from '@cee-hub/common';
import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import type { FilingScope } from '../access/filing-access';
import { type AudienceLookups, type FilingSetting, presentFilingEvent } from '../access/filing-audience';
import { SubscriberTooSlowError } from '../errors';
import type { FilingEventLog, FilingEventNotification, FilingEventRecord } from '../event-log/filing-event-log';
import type { EntrySummaryRepository } from '../filing/entry-summary.repository';
import type { BusRegistration, FilingEventBus } from './filing-event-bus';

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
  summaries: Pick<EntrySummaryRepository, 'byIds' | 'byEntryNumber'>;
  eventLog: Pick<FilingEventLog, 'eventsAfter'>;
  audience: AudienceLookups;
  bufferLimit?: number;
  logger?: Logger;
}

/** The events one subscriber receives, in id order; `return()` ends it at once, also while it waits. */
export type FilingUpdateStream = Repeater<FilingEventRecord>;

/** Reads `since`: a decimal event id, as the FilingEvent ids a client has seen. */
export function parseSince(since: string | null | undefined): string | null {
  if (since === null || since === undefined) return null;
  if (!/^\d{1,18}$/.test(since)) {
    throw new BadUserInputError({ field: 'since', message: `must be the id of a filing event (digits only); got '${since}'` });
  }
  return BigInt(since).toString();
}

/**
 * Opens the events one subscriber receives: the log after `since` (if given), then live events
 * from the bus, each checked against the caller's identity and filter and presented for its
 * audience (filing-audience): the trade never receives what CBP keeps internal.
 *
 * It joins the bus before reading the log, so an event committed during the replay waits in the
 * subscriber's buffer and is emitted after the replay unless the replay already had it: no gap
 * and no duplicate. Repeaters, not an async generator: a generator's `return()` waits for a
 * pending `next()`, so an idle subscription could not be ended when its client goes.
 */
export async function openFilingUpdateStream(options: FilingUpdateStreamOptions): Promise<FilingUpdateStream> {
  const subscriber = new FilingSubscriber(options);
  try {
    await subscriber.findFiling();
  } catch (error) {
    await subscriber.notifications.return();
    throw error;
  }
  return new Repeater<FilingEventRecord>(async (push, stop) => {
    // Ending the stream (its client went, or the server stops) leaves the bus.
    void stop.then(() => subscriber.notifications.return());
    await subscriber.replay(push);
    for (let next = subscriber.firstNotification; ; next = subscriber.notifications.next()) {
      const { value: notification, done } = await next;
      if (done) break;
      const presented = await subscriber.live(notification);
      if (presented) await push(presented);
    }
    // Dropping the subscriber, not the event: it resumes from the log without a gap.
    if (subscriber.tooSlow) throw new SubscriberTooSlowError(subscriber.lastEventId);
  });
}

/** One subscriber's place on the bus and in the log. */
class FilingSubscriber {
  /**
   * Live notifications the subscriber accepted, oldest first, at most `bufferLimit` waiting: one
   * more ends the subscriber as too slow. Started at once (a Repeater runs its executor at the
   * first `next()`), so the subscriber is on the bus before the log is read.
   */
  readonly notifications: Repeater<FilingEventNotification>;
  /** The `next()` that started `notifications`: the first live notification. */
  readonly firstNotification: Promise<IteratorResult<FilingEventNotification>>;
  tooSlow = false;
  /** The id of the last event emitted (or the point the stream starts after). */
  private cursor: bigint;
  /** How far the replay has read the log, visible or not. */
  private replayedTo: bigint;
  /**
   * With an entry number filter: that filing's id once known, null while it is not filed yet.
   * Undefined without the filter.
   */
  private summaryId: string | null | undefined;

  constructor(private readonly options: FilingUpdateStreamOptions) {
    this.summaryId = options.scope.entryNumber ? null : undefined;
    const buffer = new FixedBuffer(options.bufferLimit ?? DEFAULT_SUBSCRIBER_BUFFER);
    let registration!: BusRegistration;
    this.notifications = new Repeater<FilingEventNotification>(async (push, stop) => {
      registration = options.bus.subscribe({
        accept: (event) => this.accept(event),
        push: (event) => {
          if (this.tooSlow) return;
          if (!buffer.full) return void push(event);
          this.tooSlow = true;
          options.logger?.warn({ since: this.lastEventId, buffered: options.bufferLimit ?? DEFAULT_SUBSCRIBER_BUFFER }, 'dropped a filing subscriber that fell behind');
          void this.notifications.return();
        },
      });
      await stop;
      registration.unsubscribe();
    }, buffer);
    this.firstNotification = this.notifications.next();
    this.cursor = options.since !== null ? BigInt(options.since) : registration.joinedAfter;
    this.replayedTo = this.cursor;
  }

  /** The id to resume after: the last event emitted. */
  get lastEventId(): string {
    return this.cursor.toString();
  }

  /** With an entry number filter, the filing it names if it is filed already. */
  async findFiling(): Promise<void> {
    if (!this.options.scope.entryNumber) return;
    const filing = await this.options.summaries.byEntryNumber(this.options.scope.entryNumber);
    // A filing the caller may not see is followed like an unused entry number: silently, for
    // every event is checked against the caller anyway; refusing it would tell that the number is used.
    if (filing) this.summaryId = filing.id;
  }

  /** Emits the log after `since`, page by page, as the viewer may see it. */
  async replay(emit: (event: FilingEventRecord) => Promise<unknown>): Promise<void> {
    if (this.options.since === null) return;
    const { eventLog, scope, identity } = this.options;
    for (let pageSize = REPLAY_PAGE; pageSize === REPLAY_PAGE && !this.tooSlow; ) {
      const rows = await eventLog.eventsAfter(this.replayedTo.toString(), scope, REPLAY_PAGE);
      pageSize = rows.length;
      for (const { importerId, processingCenterId, entryNumber: _entryNumber, ...event } of rows) {
        if (this.tooSlow) return;
        this.replayedTo = BigInt(event.id);
        if (!canSeeImporterData(identity, importerId, [processingCenterId])) continue;
        if (this.summaryId === null) this.summaryId = event.entrySummaryId;
        const presented = await this.present(event, { processingCenterId });
        if (presented) {
          this.cursor = BigInt(presented.id);
          await emit(presented);
        }
      }
    }
  }

  /** A live notification as the event the viewer may see; null when it is not theirs or was emitted already. */
  async live(notification: FilingEventNotification): Promise<FilingEventRecord | null> {
    const id = BigInt(notification.eventId);
    if (id <= this.cursor) return null; // the replay emitted it already
    if (!(await this.matchesEntryNumber(notification))) return null;
    const record = await this.options.bus.eventById(notification.eventId);
    // Not the viewer's to see (the trade is not shown internal steps): skipped, not a gap.
    const presented = record ? await this.present(record, notification) : null;
    if (presented) this.cursor = id;
    return presented;
  }

  private accept(event: FilingEventNotification): boolean {
    const { identity, scope } = this.options;
    // Checked for every event whatever the filter: the filter only ever narrows.
    if (!canSeeImporterData(identity, event.importerId, [event.processingCenterId])) return false;
    if (scope.centerId !== undefined && event.processingCenterId !== scope.centerId) return false;
    if (scope.importerId !== undefined && event.importerId !== scope.importerId) return false;
    // While the entry number is not filed, every visible event waits; live() checks it.
    if (typeof this.summaryId === 'string' && event.entrySummaryId !== this.summaryId) return false;
    return true;
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
