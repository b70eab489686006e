import { type Logger, retryWithBackoff } from '@cee-hub/common';
import { Client, type Notification } from 'pg';
import { FILING_EVENTS_CHANNEL, type FilingEventLog, type FilingEventNotification, type FilingEventRecord } from '../event-log/filing-event-log';

export interface FilingEventBusOptions {
  databaseUrl: string;
  /** Reads full events of the log for subscribers. */
  eventLog: FilingEventLog;
  logger: Logger;
  /** First wait before reconnecting; doubled after every failed attempt up to maxReconnectDelayMs. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  applicationName?: string;
}

/** One listener on the bus: `accept` decides (synchronously, from the notification) what it receives. */
export interface BusSubscriber {
  accept(notification: FilingEventNotification): boolean;
  /** Called in commit (= id) order, once per event; never throws back into the bus. */
  push(notification: FilingEventNotification): void;
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
 * The process's one LISTEN connection on FILING_EVENTS_CHANNEL, fanned out to every subscriber.
 * If the connection drops it reconnects with backoff and catches up from the event log by id,
 * so subscribers see every event exactly once and in id order across the gap (recordFilingEvent
 * makes events commit in id order).
 */
export class FilingEventBus {
  private readonly subscribers = new Set<BusSubscriber>();
  private client: Client | null = null;
  /** The highest event id handed to subscribers (or known to predate them all). */
  private lastEventId = 0n;
  private started = false;
  private closed = false;
  /** While catching up after a reconnect, live notifications wait here. */
  private held: FilingEventNotification[] | null = null;
  /** The wait before the first reconnect attempt, while a connection was just lost. */
  private reconnecting = false;
  private readonly recent = new Map<string, Promise<FilingEventRecord | undefined>>();
  private connecting: Promise<void> | null = null;

  constructor(private readonly options: FilingEventBusOptions) {}

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

  subscribe(subscriber: BusSubscriber): BusRegistration {
    if (this.closed) throw new Error('The filing event bus is closed');
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
  eventById(id: string): Promise<FilingEventRecord | undefined> {
    let pending = this.recent.get(id);
    if (!pending) {
      pending = this.options.eventLog.eventById(id);
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
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: this.options.applicationName ?? 'cee-hub-filings-listener' });
    // Until the catch-up below is done, live notifications are held back so they follow it in order.
    this.held = [];
    client.on('notification', (message: Notification) => this.onNotification(message));
    client.on('error', (error) => this.onConnectionLost(client, error));
    client.on('end', () => this.onConnectionLost(client, undefined));
    try {
      await client.connect();
      await client.query(`LISTEN ${FILING_EVENTS_CHANNEL}`);
      this.client = client;
      if (catchUp) {
        await this.catchUp(client);
      } else {
        // Nobody has subscribed yet: everything up to now predates every subscriber.
        const [row] = (await client.query<{ id: string | null }>('SELECT max(id)::text AS id FROM filings.filing_event')).rows;
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
      const { rows } = await client.query<FilingEventNotification>(
        `SELECT e.id::text AS "eventId", e.entry_summary_id AS "entrySummaryId", e.type, e.from_status AS "fromStatus",
                e.to_status AS "toStatus", s.processing_center_id AS "processingCenterId", s.importer_id AS "importerId"
           FROM filings.filing_event e JOIN filings.entry_summary s ON s.id = e.entry_summary_id
          WHERE e.id > $1 ORDER BY e.id LIMIT ${CATCH_UP_PAGE}`,
        [this.lastEventId.toString()],
      );
      for (const notification of rows) this.deliver(notification);
      if (rows.length < CATCH_UP_PAGE) return;
    }
  }

  private onNotification(message: Notification): void {
    if (message.channel !== FILING_EVENTS_CHANNEL || !message.payload) return;
    let notification: FilingEventNotification;
    try {
      notification = JSON.parse(message.payload) as FilingEventNotification;
    } catch (error) {
      this.options.logger.error({ err: error, payload: message.payload }, 'unreadable filing event notification');
      return;
    }
    if (this.held) this.held.push(notification);
    else this.deliver(notification);
  }

  private deliver(notification: FilingEventNotification): void {
    const id = BigInt(notification.eventId);
    // A notification can also arrive through the catch-up; the first of the two counts.
    if (id <= this.lastEventId) return;
    this.lastEventId = id;
    for (const subscriber of [...this.subscribers]) {
      try {
        if (subscriber.accept(notification)) subscriber.push(notification);
      } catch (error) {
        this.options.logger.error({ err: error, eventId: notification.eventId }, 'a filing event subscriber failed');
      }
    }
  }

  private onConnectionLost(client: Client, error: Error | undefined): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.options.logger.warn({ err: error }, 'lost the filing events LISTEN connection; reconnecting');
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
        this.options.logger.warn({ err: error }, 'could not restore the filing events LISTEN connection; retrying');
        return true;
      },
    )
      .then(
        () => {
          if (!this.closed) this.options.logger.info({ lastEventId: this.lastEventId.toString() }, 'filing events LISTEN connection restored');
        },
        () => undefined,
      )
      .finally(() => {
        this.reconnecting = false;
      });
  }
}
