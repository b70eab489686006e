import { Client, type Notification } from 'pg';
import type { Logger } from '../logger';
import { retryWithBackoff } from '../retry';

/** What every notification of an event log carries: the event's bigint id, as text. */
export interface EventNotification {
  eventId: string;
}

/** A connection the bus reads the log on (a pg Client). */
export type LogReader = Pick<Client, 'query'>;

/**
 * One event log the bus announces. Its events must commit in id order: the writer takes a
 * transaction-scoped advisory lock of the log before the id is drawn and holds it to the commit
 * (recordFilingEvent does, and so does the trigger on importers.onboarding_event). The bus, its
 * subscribers and the gateway resume after the last id they handed out, and with ids committed
 * out of order "every event after N" would skip one that took a lower id but committed later.
 */
export interface EventLogSource<N extends EventNotification, R> {
  /** The PostgreSQL channel the log's writer `pg_notify`s on, in the writing transaction. */
  channel: string;
  /** A query answering the log's latest event id as a column `id` (text; null when empty). */
  latestEventIdSql: string;
  /** Up to `limit` notifications of the events after `afterId`, in id order: the catch-up after a reconnect. */
  notificationsAfter(reader: LogReader, afterId: string, limit: number): Promise<N[]>;
  /** One full event by id, for subscribers (shared by those of a process). */
  eventById(id: string): Promise<R | undefined>;
}

export interface EventBusOptions<N extends EventNotification, R> {
  databaseUrl: string;
  source: EventLogSource<N, R>;
  logger: Logger;
  /** First wait before reconnecting; doubled after every failed attempt up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  applicationName?: string;
}

/** One listener on the bus: `accept` decides (synchronously, from the notification) what it receives. */
export interface BusSubscriber<N extends EventNotification = EventNotification> {
  accept(notification: N): boolean;
  /** Called in commit (= id) order, once per event; never throws back into the bus. */
  push(notification: N): void;
}

/** What a subscriber holds to leave the bus. */
export interface BusRegistration {
  /** The last event the bus had handed out when the subscriber joined: it receives every accepted event after it. */
  readonly joinedAfter: bigint;
  unsubscribe(): void;
}

const CATCH_UP_PAGE = 1000;
const RECENT_EVENTS = 1000;

/**
 * The process's one LISTEN connection on an event log's channel, fanned out to every subscriber.
 * If the connection drops it reconnects with backoff and catches up from the event log by id,
 * so subscribers see every event exactly once and in id order across the gap (the log's writer
 * makes events commit in id order).
 */
export class EventBus<N extends EventNotification = EventNotification, R = unknown> {
  private readonly subscribers = new Set<BusSubscriber<N>>();
  private client: Client | null = null;
  /** The highest event id handed to subscribers (or known to predate them all). */
  private lastEventId = 0n;
  private started = false;
  private closed = false;
  /** While catching up after a reconnect, live notifications wait here. */
  private held: N[] | null = null;
  /** The wait before the first reconnect attempt, while a connection was just lost. */
  private reconnecting = false;
  private readonly recent = new Map<string, Promise<R | undefined>>();
  private connecting: Promise<void> | null = null;

  constructor(private readonly options: EventBusOptions<N, R>) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Whether the LISTEN connection is up (for readiness checks and tests). */
  get listening(): boolean {
    return this.client !== null && this.held === null;
  }

  /** Connects and LISTENs; events committed before this resolves are not announced live. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.connect(false);
  }

  subscribe(subscriber: BusSubscriber<N>): BusRegistration {
    if (this.closed) throw new Error(`The event bus of ${this.options.source.channel} is closed`);
    this.subscribers.add(subscriber);
    return {
      joinedAfter: this.lastEventId,
      unsubscribe: () => {
        this.subscribers.delete(subscriber);
      },
    };
  }

  /**
   * One event of the log by id. Every subscriber of a process that receives a live event asks
   * for it, so the last few lookups are shared rather than repeated per subscriber.
   */
  eventById(id: string): Promise<R | undefined> {
    let pending = this.recent.get(id);
    if (!pending) {
      pending = this.options.source.eventById(id);
      // A failed read is not remembered: the next subscriber tries again.
      pending.catch(() => this.recent.delete(id));
      this.recent.set(id, pending);
      if (this.recent.size > RECENT_EVENTS) this.recent.delete(this.recent.keys().next().value!);
    }
    return pending;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connect(catchUp: boolean): Promise<void> {
    this.connecting = this.openClient(catchUp).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async openClient(catchUp: boolean): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName ?? `cee-hub-${this.options.source.channel}-listener` });
    // Until the catch-up below is done, live notifications are held back so they follow it in order.
    this.held = [];
    client.on('notification', (message: Notification) => this.onNotification(message));
    client.on('error', (error) => this.onConnectionLost(client, error));
    client.on('end', () => this.onConnectionLost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.source.channel}`);
      this.client = client;
      if (catchUp) {
        await this.catchUp(client);
      } else {
        // Nobody has subscribed yet: everything up to now predates every subscriber.
        const [row] = (await client.query<{ id: string | null }>(this.options.source.latestEventIdSql)).rows;
        if (row?.id) this.lastEventId = BigInt(row.id);
      }
      const held = this.held;
      this.held = null;
      for (const notification of held) this.deliver(notification);
    } catch (error) {
      this.held = null;
      if (this.client === client) this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** Hands out, in id order, every event committed since the last one handed out. */
  private async catchUp(client: Client): Promise<void> {
    for (;;) {
      const rows = await this.options.source.notificationsAfter(client, this.lastEventId.toString(), CATCH_UP_PAGE);
      for (const notification of rows) this.deliver(notification);
      if (rows.length < CATCH_UP_PAGE) return;
    }
  }

  private onNotification(message: Notification): void {
    if (message.channel !== this.options.source.channel || !message.payload) return;
    let notification: N;
    try {
      notification = JSON.parse(message.payload) as N;
    } catch (error) {
      this.options.logger.error({ err: error, payload: message.payload, channel: message.channel }, 'unreadable event notification');
      return;
    }
    if (this.held) this.held.push(notification);
    else this.deliver(notification);
  }

  private deliver(notification: N): void {
    const id = BigInt(notification.eventId);
    // A notification can also arrive through the catch-up; the first of the two counts.
    if (id <= this.lastEventId) return;
    this.lastEventId = id;
    for (const subscriber of [...this.subscribers]) {
      try {
        if (subscriber.accept(notification)) subscriber.push(notification);
      } catch (error) {
        this.options.logger.error({ err: error, eventId: notification.eventId }, 'an event subscriber failed');
      }
    }
  }

  private onConnectionLost(client: Client, error: Error | undefined): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.options.logger.warn({ err: error, channel: this.options.source.channel }, 'lost the events LISTEN connection; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  /**
   * Reconnects with backoff (the first attempt after reconnectDelayMs: the server that dropped
   * the connection may be restarting) until it succeeds or the bus closes.
   */
  private scheduleReconnect(): void {
    if (this.closed || this.reconnecting) return;
    this.reconnecting = true;
    const policy = { firstDelayMs: this.options.reconnectDelayMs ?? 100, maxDelayMs: this.options.maxReconnectDelayMs ?? 5_000, attempts: Infinity, waitFirst: true };
    retryWithBackoff(
      async () => {
        if (!this.closed) await this.connect(true);
      },
      policy,
      (error) => {
        if (this.closed) return false;
        this.options.logger.warn({ err: error, channel: this.options.source.channel }, 'could not restore the events LISTEN connection; retrying');
        return true;
      },
    )
      .then(
        () => {
          if (!this.closed) this.options.logger.info({ lastEventId: this.lastEventId.toString(), channel: this.options.source.channel }, 'events LISTEN connection restored');
        },
        () => undefined,
      )
      .finally(() => {
        this.reconnecting = false;
      });
  }
}
