import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../errors';
import type { Logger } from '../logger';
import type { BusRegistration, EventBus, EventNotification } from './event-bus';

/** Events a subscriber may have waiting before it counts as too slow. */
export const DEFAULT_SUBSCRIBER_BUFFER = 1000;
const REPLAY_PAGE = 500;

/** Reads `since`: a decimal event id, as the event ids a client has seen. `what` names the log in the message. */
export function parseSince(since: string | null | undefined, what = 'an event'): string | null {
  if (since === null || since === undefined) return null;
  if (!/^\d{1,18}$/.test(since)) {
    throw new BadUserInputError({ field: 'since', message: `must be the id of ${what} (digits only); got '${since}'` });
  }
  return BigInt(since).toString();
}

/** Ends a subscriber that fell behind; it names the `since` to resume with, and the gateway resubscribes with it. */
export class SubscriberTooSlowError extends GraphQLError {
  constructor(since: string) {
    super(`subscriber too slow; resubscribe with since=${since}`, {
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBSCRIBER_TOO_SLOW', since },
    });
  }
}

/** The events of one subscriber, in id order; `return()` ends it at once, also while it waits. */
export type ResumableStream<E> = Repeater<E>;

/**
 * What a domain tells the kit about one subscriber: what it accepts from the bus, how the log
 * reads after an id, and how an event is presented to this viewer (null: not theirs to see).
 */
export interface ResumableStreamOptions<N extends EventNotification, Row extends { id: string }, E> {
  bus: Pick<EventBus<N, unknown>, 'subscribe'>;
  /** Resume after this event id (replaying the log first); null for live events only. */
  since: string | null;
  /** Synchronous first check of a live notification: who may see it and the filter. */
  accept(notification: N): boolean;
  /** Up to `limit` rows of the log after `afterId`, in id order, narrowed by what the database can narrow. */
  replayPage(afterId: string, limit: number): Promise<Row[]>;
  /** A replayed row as this viewer sees it; null to skip it. */
  presentReplayed(row: Row): Promise<E | null>;
  /** A live notification (accepted) as this viewer sees it; null to skip it. */
  presentLive(notification: N): Promise<E | null>;
  /** Runs once the subscriber is on the bus and before the replay (a lookup the filter needs); its failure ends the stream. */
  prepare?(): Promise<void>;
  bufferLimit?: number;
  logger?: Logger;
}

/**
 * Opens the events one subscriber receives: the log after `since` (if given), then live events
 * from the bus, each presented for the viewer by the domain.
 *
 * It joins the bus before reading the log, so an event committed during the replay waits in the
 * subscriber's buffer and is emitted after the replay unless the replay already had it: no gap
 * and no duplicate. Repeaters, not an async generator: a generator's `return()` waits for a
 * pending `next()`, so an idle subscription could not be ended when its client goes.
 */
export async function openResumableStream<N extends EventNotification, Row extends { id: string }, E>(options: ResumableStreamOptions<N, Row, E>): Promise<ResumableStream<E>> {
  const subscriber = new ResumableSubscriber(options);
  try {
    await options.prepare?.();
  } catch (error) {
    await subscriber.notifications.return();
    throw error;
  }
  return new Repeater<E>(async (push, stop) => {
    // Ending the stream (its client went, or the server stops) leaves the bus.
    void stop.then(() => subscriber.notifications.return());
    await subscriber.replay(push);
    for (let next = subscriber.firstNotification; ; next = subscriber.notifications.next()) {
      const { value: notification, done } = await next;
      if (done) break;
      const presented = await subscriber.live(notification);
      if (presented !== null) await push(presented);
    }
    // Dropping the subscriber, not the event: it resumes from the log without a gap.
    if (subscriber.tooSlow) throw new SubscriberTooSlowError(subscriber.lastEventId);
  });
}

/** One subscriber's place on the bus and in the log. */
class ResumableSubscriber<N extends EventNotification, Row extends { id: string }, E> {
  /**
   * Live notifications the subscriber accepted, oldest first, at most `bufferLimit` waiting: one
   * more ends the subscriber as too slow. Started at once (a Repeater runs its executor at the
   * first `next()`), so the subscriber is on the bus before the log is read.
   */
  readonly notifications: Repeater<N>;
  /** The `next()` that started `notifications`: the first live notification. */
  readonly firstNotification: Promise<IteratorResult<N>>;
  tooSlow = false;
  /** The id of the last event emitted (or the point the stream starts after). */
  private cursor: bigint;
  /** How far the replay has read the log, visible or not. */
  private replayedTo: bigint;

  constructor(private readonly options: ResumableStreamOptions<N, Row, E>) {
    const bufferLimit = options.bufferLimit ?? DEFAULT_SUBSCRIBER_BUFFER;
    const buffer = new FixedBuffer(bufferLimit);
    let registration!: BusRegistration;
    this.notifications = new Repeater<N>(async (push, stop) => {
      registration = options.bus.subscribe({
        accept: (event) => options.accept(event),
        push: (event) => {
          if (this.tooSlow) return;
          if (!buffer.full) return void push(event);
          this.tooSlow = true;
          options.logger?.warn({ since: this.lastEventId, buffered: bufferLimit }, 'dropped a subscriber that fell behind');
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

  /** Emits the log after `since`, page by page, as the viewer may see it. */
  async replay(emit: (event: E) => Promise<unknown>): Promise<void> {
    if (this.options.since === null) return;
    for (let pageSize = REPLAY_PAGE; pageSize === REPLAY_PAGE && !this.tooSlow; ) {
      const rows = await this.options.replayPage(this.replayedTo.toString(), REPLAY_PAGE);
      pageSize = rows.length;
      for (const row of rows) {
        if (this.tooSlow) return;
        this.replayedTo = BigInt(row.id);
        const presented = await this.options.presentReplayed(row);
        if (presented !== null) {
          this.cursor = BigInt(row.id);
          await emit(presented);
        }
      }
    }
  }

  /** A live notification as the event the viewer may see; null when it is not theirs or was emitted already. */
  async live(notification: N): Promise<E | null> {
    const id = BigInt(notification.eventId);
    if (id <= this.cursor) return null; // the replay emitted it already
    // Not the viewer's to see (the trade is not shown internal steps): skipped, not a gap.
    const presented = await this.options.presentLive(notification);
    if (presented !== null) this.cursor = id;
    return presented;
  }
}
