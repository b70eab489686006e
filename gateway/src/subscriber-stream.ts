import { FixedBuffer, type Push, Repeater, type Stop } from '@repeaterjs/repeater';
import type { FormattedExecutionResult } from 'graphql';
import type WebSocket from 'ws';

/** A subscriber whose socket holds more than this many unsent bytes is cut off. */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;
/** Close code for a subscriber too slow to keep up (4400–4499 are graphql-ws's own). */
export const SLOW_CONSUMER_CLOSE_CODE = 4503;

/** One event's result, resolved once and shared by every subscriber of a selection. */
export interface ResolvedEvent {
  eventId: string;
  result: FormattedExecutionResult;
  /** The result's size as JSON: what it adds to a subscriber's unsent bytes. */
  bytes: number;
}

/** An event's result, or a last result that belongs to no event (a refusal). */
type QueuedResult = Pick<ResolvedEvent, 'result' | 'bytes'> & { eventId?: string };

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Bytes queued for a socket but not yet handed to it, over all its subscriptions: with the
 * socket's own buffer, what its client has not taken yet.
 */
const queuedBytesBySocket = new WeakMap<WebSocket, number>();

function addQueuedBytes(socket: WebSocket, bytes: number): void {
  queuedBytesBySocket.set(socket, (queuedBytesBySocket.get(socket) ?? 0) + bytes);
}

export interface SubscriberStreamOptions {
  socket: WebSocket;
  /** Events up to this id are skipped: the client has them (it subscribed with `since`). */
  after?: bigint;
  /** Called once when the stream stops taking results, however it stops. */
  onEnd: () => void;
}

/**
 * What graphql-ws reads for one client subscription: the results its shared resolution pushes,
 * in event order, through a Repeater (whose `return()` ends a pending `next()`, so an idle
 * subscription ends as soon as its client completes or goes). Around it, what a Repeater does
 * not know: the bytes a socket has not taken yet, and the cut-off of a client too slow.
 */
export class SubscriberStream implements AsyncIterableIterator<FormattedExecutionResult> {
  private pushResult!: Push<QueuedResult>;
  private stopResults!: Stop;
  /**
   * The byte limit cuts a client off long before the buffer fills (every result is at least a
   * byte), and the buffer spares each push a pending promise, of which a Repeater holds 1024.
   */
  private readonly results = new Repeater<QueuedResult>((push, stop) => {
    this.pushResult = push;
    this.stopResults = stop;
  }, new FixedBuffer(MAX_UNSENT_BYTES));
  /**
   * Asked at once, so the Repeater runs its executor (lazily, at the first `next()`) and takes
   * results from the start; the first `next()` of graphql-ws answers with it.
   */
  private firstResult: Promise<IteratorResult<QueuedResult>> | undefined = this.results.next();
  /** open: taking results. completing: a last result is queued, then done. cut-off: too slow; the reader waits for the socket to close. ended: done. */
  private state: 'open' | 'completing' | 'cut-off' | 'ended' = 'open';
  /** Bytes of results queued here and not handed to graphql-ws yet. */
  private unsentBytes = 0;
  /** The first event queued: where a client cut off before it was handed anything resumes. */
  private firstQueued: string | undefined;
  /** The last event handed to graphql-ws: where the client resumes if it is cut off. */
  private lastHandedOut: string | undefined;
  private markReturned!: () => void;
  private readonly returned = new Promise<void>((resolve) => (this.markReturned = resolve));

  constructor(private readonly options: SubscriberStreamOptions) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Queues one event's result, or cuts the client off with 4503 when it has too much unsent. */
  push(event: ResolvedEvent): void {
    if (this.state !== 'open') return;
    const { after, socket } = this.options;
    if (after !== undefined && BigInt(event.eventId) <= after) return;
    const unsent = socket.bufferedAmount + (queuedBytesBySocket.get(socket) ?? 0) + event.bytes;
    if (unsent <= MAX_UNSENT_BYTES) this.enqueue(event);
    else this.cutOff(event);
  }

  /** Sends a last result (the errors of a refusal), then completes. */
  fail(result: FormattedExecutionResult): void {
    if (this.state !== 'open') return;
    this.enqueue({ result, bytes: 0 });
    this.end('completing');
    this.stopResults();
  }

  async next(): Promise<IteratorResult<FormattedExecutionResult>> {
    const step = this.state === 'cut-off' ? undefined : await (this.firstResult ?? this.results.next());
    this.firstResult = undefined;
    // Nothing more reaches a client cut off, not even what was on its way: its socket's close ends the subscription.
    if (this.state === 'cut-off') {
      await this.returned;
      return DONE;
    }
    if (!step || step.done || this.state === 'ended') return DONE;
    const { result, bytes, eventId } = step.value;
    this.unsentBytes -= bytes;
    addQueuedBytes(this.options.socket, -bytes);
    if (eventId) this.lastHandedOut = eventId;
    return { value: result, done: false };
  }

  async return(): Promise<IteratorResult<FormattedExecutionResult>> {
    this.dropUnsent();
    this.end('ended');
    this.markReturned();
    await this.results.return();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<FormattedExecutionResult>> {
    await this.return();
    throw error;
  }

  /**
   * Closes the client's socket with 4503 and the `since` to resume with: the last event handed
   * to graphql-ws, as the queued ones are dropped. graphql-ws writes what it was handed within
   * the same turn, so the close waits for the next one; and the reader is not told the stream
   * is done, or graphql-ws would send "complete" and the client would not know to resume.
   */
  private cutOff(event: ResolvedEvent): void {
    const since = this.lastHandedOut ?? (BigInt(this.firstQueued ?? event.eventId) - 1n).toString();
    this.dropUnsent();
    this.end('cut-off');
    const { socket } = this.options;
    setImmediate(() => socket.close(SLOW_CONSUMER_CLOSE_CODE, `Subscriber too slow; resubscribe with since: "${since}"`));
  }

  private enqueue(item: QueuedResult): void {
    this.firstQueued ??= item.eventId;
    this.unsentBytes += item.bytes;
    addQueuedBytes(this.options.socket, item.bytes);
    void this.pushResult(item);
  }

  private dropUnsent(): void {
    addQueuedBytes(this.options.socket, -this.unsentBytes);
    this.unsentBytes = 0;
  }

  private end(state: 'completing' | 'cut-off' | 'ended'): void {
    const wasOpen = this.state === 'open';
    if (this.state !== 'ended') this.state = state;
    if (wasOpen) this.options.onEnd();
  }
}
