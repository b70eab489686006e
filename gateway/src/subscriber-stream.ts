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
 * in event order. A hand-written iterator rather than an async generator, because a
 * generator's `return()` waits for a pending `next()`, so an idle subscription could not be
 * ended when its client completes or goes.
 */
export class SubscriberStream implements AsyncIterableIterator<FormattedExecutionResult> {
  private readonly queue: QueuedResult[] = [];
  private wake: (() => void) | undefined;
  /**
   * open: taking results. completing: a last result is queued, then done. cut-off: too slow;
   * the reader waits for the socket to close. ended: done.
   */
  private state: 'open' | 'completing' | 'cut-off' | 'ended' = 'open';
  /** The last event handed to graphql-ws: where the client resumes if it is cut off. */
  private lastHandedOut: string | undefined;

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
    this.stop('completing');
  }

  async next(): Promise<IteratorResult<FormattedExecutionResult>> {
    for (;;) {
      const item = this.queue.shift();
      if (item) {
        addQueuedBytes(this.options.socket, -item.bytes);
        if (item.eventId) this.lastHandedOut = item.eventId;
        return { value: item.result, done: false };
      }
      if (this.state === 'completing' || this.state === 'ended') return { value: undefined, done: true };
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  async return(): Promise<IteratorResult<FormattedExecutionResult>> {
    this.dropQueued();
    this.stop('ended');
    return { value: undefined, done: true };
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
    const firstUnsent = this.queue.find((item) => item.eventId)?.eventId ?? event.eventId;
    const since = this.lastHandedOut ?? (BigInt(firstUnsent) - 1n).toString();
    this.dropQueued();
    this.stop('cut-off');
    const { socket } = this.options;
    setImmediate(() => socket.close(SLOW_CONSUMER_CLOSE_CODE, `Subscriber too slow; resubscribe with since: "${since}"`));
  }

  private enqueue(item: QueuedResult): void {
    this.queue.push(item);
    addQueuedBytes(this.options.socket, item.bytes);
    this.signal();
  }

  private dropQueued(): void {
    for (const item of this.queue.splice(0)) addQueuedBytes(this.options.socket, -item.bytes);
  }

  private stop(state: 'completing' | 'cut-off' | 'ended'): void {
    const wasOpen = this.state === 'open';
    if (this.state !== 'ended') this.state = state;
    if (wasOpen) this.options.onEnd();
    if (state !== 'cut-off') this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
