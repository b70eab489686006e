import { type Identity, INTERNAL_IDENTITY_HEADER, type InternalTokenSigner, type Logger, type RetryPolicy, retryDelayMs, retryWithBackoff } from '@cee-hub/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SINCE_ARGUMENT, type SubscriptionRoute, upstreamSubscription } from './subscription-routes';

/**
 * Codes with which a subgraph refuses a subscription before its first event: asking
 * again cannot help, so the subscribers get the errors. Anything else is trouble on the way
 * (a restart, a dropped socket, a subscriber dropped as too slow) and is resubscribed.
 */
const REFUSAL_CODES: ReadonlySet<string> = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'NOT_FOUND']);

/** WebSocket close code of a message larger than the receiver takes (RFC 6455). */
const MESSAGE_TOO_BIG_CLOSE_CODE = 1009;

/**
 * The waits before subscribing again: 500 ms, doubled after each attempt that delivered
 * nothing, up to 2 s, so many upstreams do not hammer a subgraph that is starting; for as long
 * as the upstream is open.
 */
const RESUBSCRIBE_RETRY: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 2_000, attempts: Infinity, waitFirst: true };

/** How one subscription ended: refused for good, lost (after delivering events or not), or closed by the gateway. */
type Lost = { kind: 'lost'; reason: unknown; delivered: boolean };
type Ending = { kind: 'refused'; errors: readonly GraphQLError[] } | Lost | { kind: 'closed' };

/** Whether errors a subgraph answered a subscription with refuse it for good. */
export function isRefusal(errors: readonly GraphQLFormattedError[]): boolean {
  return errors.some((error) => typeof error.extensions?.code === 'string' && REFUSAL_CODES.has(error.extensions.code));
}

/** What a SubgraphUpstream reports to the gateway. */
export interface UpstreamListener {
  /** An event the identity may see, in id order, once each, across resubscriptions. */
  onEvent(eventId: string): void;
  /** The subgraph refused the subscription; the upstream has ended. */
  onRefused(errors: readonly GraphQLError[]): void;
}

export interface SubgraphUpstreamOptions {
  /** The owning subgraph's graphql-ws endpoint. */
  url: string;
  /** The subscription field, its subgraph and its arguments. */
  route: SubscriptionRoute;
  identity: Identity;
  signer: InternalTokenSigner;
  /** The field's arguments but `since`, as the client gave them (already coerced). */
  arguments: Readonly<Record<string, unknown>>;
  /** Start after this event id (the client's `since`), or live from now when undefined. */
  since?: string;
  /**
   * For a live subscription: an event id known to come before it started (the latest the
   * gateway had seen). Should the subgraph go away before the first event, the resubscription
   * starts after it, so what was committed while the subgraph was away is not lost.
   */
  startedAfter?: string;
  listener: UpstreamListener;
  logger: Logger;
}

/**
 * One graphql-ws subscription to a route's field on its subgraph, for one identity and its
 * arguments, asking only for event ids (each event's selection is resolved through the supergraph). When the subgraph goes away (restart, socket closed, an
 * error that is not a refusal) it subscribes again with `since` set to the last event it
 * received, so its listener sees every event once and in order; a refusal ends it.
 */
export class SubgraphUpstream {
  private client: Client | undefined;
  private closed = false;
  /** The id of the last event handed to the listener; where a resubscription starts. */
  private last: string | undefined;
  /** Whether a subscription was attempted already: the ones after it resume instead of starting. */
  private attempted = false;

  /** Settles when the upstream subscribes no more: after a refusal, or once closed. */
  readonly stopped: Promise<void>;

  constructor(private readonly options: SubgraphUpstreamOptions) {
    this.stopped = this.run();
  }

  /** The last event id delivered, or undefined before the first. */
  get lastEventId(): string | undefined {
    return this.last;
  }

  /**
   * Ends the upstream subscription and its connection. A wait to subscribe again runs out
   * first (2 s at most), and then nothing is subscribed.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.client?.dispose();
  }

  /**
   * Subscribes until refused or closed. Each loss starts a round of retries whose first wait is
   * the shortest; an attempt that delivered events (a healthy one) ends the round, so the waits
   * start over after it.
   */
  private async run(): Promise<void> {
    let ending = await this.attempt();
    while (ending.kind === 'lost' && !this.closed) {
      this.logLoss(ending, 0);
      ending = await retryWithBackoff<Ending>(
        async () => {
          const next = await this.attempt();
          if (next.kind === 'lost' && !next.delivered) throw next;
          return next;
        },
        RESUBSCRIBE_RETRY,
        (failure, attemptsMade) => {
          if (this.closed) return false;
          this.logLoss(failure as Lost, attemptsMade);
          return true;
        },
      ).catch((failure: Ending) => failure);
    }
    if (ending.kind === 'refused') {
      this.closed = true;
      this.options.listener.onRefused(ending.errors);
    }
  }

  private logLoss(loss: Lost, attemptsMade: number): void {
    const retryInMs = retryDelayMs(RESUBSCRIBE_RETRY, attemptsMade);
    const { field, subgraph } = this.options.route;
    this.options.logger.warn({ field, subgraph, since: this.resumeAfter(), reason: describe(loss.reason), retryInMs }, 'upstream subscription lost; subscribing again');
  }

  /** One subscription, from its start to its end. */
  private async attempt(): Promise<Ending> {
    if (this.closed) return { kind: 'closed' };
    const receivedBefore = this.last;
    let reason: unknown = `the ${this.options.route.subgraph} subgraph completed the subscription`;
    try {
      const refusal = await this.subscribeOnce();
      if (refusal) return { kind: 'refused', errors: refusal };
    } catch (error) {
      reason = error;
    } finally {
      await this.client?.dispose();
      this.client = undefined;
    }
    return { kind: 'lost', reason, delivered: this.last !== receivedBefore };
  }

  /**
   * Subscribes once and hands every event to the listener until the subscription ends. Returns
   * the errors of a refusal; throws (or returns nothing) for trouble worth subscribing again.
   */
  private async subscribeOnce(): Promise<readonly GraphQLError[] | undefined> {
    const { identity, signer } = this.options;
    const client = createClient({
      url: this.options.url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      // Signed per connection: the internal token is short-lived and read once by the subgraph.
      connectionParams: async () => ({ [INTERNAL_IDENTITY_HEADER]: await signer.sign(identity) }),
    });
    this.client = client;
    let beforeFirstResult = true;
    try {
      const since = this.attempted ? this.resumeAfter() : this.options.since;
      this.attempted = true;
      const { route } = this.options;
      const results = client.iterate<Record<string, { id: string }>>({ query: upstreamSubscription(route), variables: { ...this.options.arguments, [SINCE_ARGUMENT]: since } });
      for await (const result of results) {
        if (result.errors?.length || !result.data) {
          // A refusal comes as the first result; later errors (SUBSCRIBER_TOO_SLOW, a lost
          // database) end this subscription, and the next one resumes from the last event.
          if (beforeFirstResult && isRefusal(result.errors ?? [])) return toGraphQLErrors(result.errors ?? []);
          throw new Error(`the ${route.subgraph} subgraph ended the subscription: ${(result.errors ?? []).map((error) => error.message).join('; ')}`);
        }
        beforeFirstResult = false;
        const eventId = result.data[route.field]!.id;
        // The subgraph replays from `since` without overlap; this guard keeps "never twice" local.
        if (this.last !== undefined && BigInt(eventId) <= BigInt(this.last)) continue;
        this.last = eventId;
        this.options.listener.onEvent(eventId);
      }
    } catch (error) {
      // graphql-ws throws the errors of an `error` message as an array.
      if (Array.isArray(error) && beforeFirstResult && isRefusal(error as GraphQLFormattedError[])) return toGraphQLErrors(error as GraphQLFormattedError[]);
      // A message the subgraph finds too large would be too large again on every resubscription.
      if ((error as { code?: unknown } | null)?.code === MESSAGE_TOO_BIG_CLOSE_CODE) {
        return [new GraphQLError(`The subscription is too large for the ${this.options.route.subgraph} service: shorten its arguments`, { extensions: { code: 'BAD_USER_INPUT' } })];
      }
      throw error;
    }
    return undefined;
  }

  /** Where a resubscription starts: after the last event, or before the first one if none came yet. */
  private resumeAfter(): string | undefined {
    return this.last ?? this.options.since ?? this.options.startedAfter;
  }
}

function toGraphQLErrors(errors: readonly GraphQLFormattedError[]): GraphQLError[] {
  return errors.map((error) => new GraphQLError(error.message, { extensions: error.extensions }));
}

/** A loggable reason: graphql-ws rejects with close events, error events and error arrays as well as Errors. */
function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (Array.isArray(reason)) return reason.map((error: { message?: string }) => error.message).join('; ');
  if (reason && typeof reason === 'object') {
    const { code, reason: text, message, error } = reason as { code?: unknown; reason?: unknown; message?: unknown; error?: unknown };
    if (typeof code === 'number') return `socket closed with ${code}${text ? ` (${String(text)})` : ''}`;
    if (error instanceof Error) return error.message;
    if (typeof message === 'string') return message;
  }
  return String(reason);
}
