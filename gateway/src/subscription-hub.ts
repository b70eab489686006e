import { type Identity, type Logger, type RetryPolicy, retryWithBackoff } from '@cee-hub/common';
import { type DocumentNode, type FormattedExecutionResult, type GraphQLError, print } from 'graphql';
import type WebSocket from 'ws';
import type { UpstreamListener } from './subgraph-upstream';
import type { SubscriptionRoute } from './subscription-routes';
import { type ResolvedEvent, SubscriberStream } from './subscriber-stream';

/** Events of one selection resolved at the same time, delivered in order all the same. */
const MAX_RESOLUTIONS_IN_FLIGHT = 4;
/**
 * An event whose resolution failed outright (a subgraph unreachable) is tried six times,
 * waiting 250 ms, then twice as long each time: 7.75 s in all, enough to ride out a subgraph
 * restart, and bounded, as the events after it wait.
 */
const RESOLVE_RETRY: RetryPolicy = { firstDelayMs: 250, maxDelayMs: 4_000, attempts: 6 };
/** What a subgraph accepts as `since`; anything else is left to it to refuse. */
const EVENT_ID = /^\d{1,18}$/;

/** One client subscription, checked and prepared by the graphql-ws server. */
export interface SubscriberRequest {
  identity: Identity;
  /** The subscription field and where it goes. */
  route: SubscriptionRoute;
  /** The field's arguments but `since`, coerced. */
  arguments: Readonly<Record<string, unknown>>;
  /** The client's `since`: it has every event up to this id. */
  since: string | undefined;
  /** The query that resolves the client's selection for one event (see eventQueryFor). */
  eventQuery: DocumentNode;
  /** The event query's own variables, without the event id. */
  variables: Record<string, unknown>;
  socket: WebSocket;
  /** Called once when the subscription ends, however it ends (the gateway's count of subscriptions per identity). */
  onEnd?: () => void;
}

/** Resolves one event with a selection, for an identity, through the supergraph. */
export type ResolveEvent = (request: { identity: Identity; eventQuery: DocumentNode; variables: Record<string, unknown>; eventId: string }) => Promise<FormattedExecutionResult>;

/** An upstream subscription as the hub uses it: a SubgraphUpstream (a fake in unit tests). */
export interface Upstream {
  readonly lastEventId: string | undefined;
  close(): Promise<void>;
}

export type OpenUpstream = (request: {
  identity: Identity;
  route: SubscriptionRoute;
  arguments: Readonly<Record<string, unknown>>;
  /** The client's `since`, for an upstream of its own. */
  since: string | undefined;
  /** For a live upstream: the latest event of the same log the gateway had seen, where to resume if it goes away before its first event. */
  startedAfter: string | undefined;
  listener: UpstreamListener;
}) => Upstream;

export interface SubscriptionHubOptions {
  resolveEvent: ResolveEvent;
  openUpstream: OpenUpstream;
  logger: Logger;
}

/**
 * Every field of the verified identity: what a subgraph lets a caller see can depend on any of
 * them, so only the very same caller shares an upstream or a result.
 */
export function identityKey(identity: Identity): string {
  const { role, subject, email, name, centerId, importerId } = identity;
  return JSON.stringify([role, subject ?? null, email ?? null, name ?? null, centerId ?? null, importerId ?? null]);
}

/** JSON with object keys sorted, so equal values give equal keys whatever the order the client wrote them in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Codes of failures on the way (a subgraph unreachable or failing), as opposed to answers such as FORBIDDEN. */
const TRANSIENT_CODES: ReadonlySet<unknown> = new Set([undefined, 'INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/** No data at all, and only failures on the way: another try may well succeed. */
function failedOutright(result: FormattedExecutionResult): boolean {
  if (!result.errors?.length) return false;
  if (Object.values(result.data ?? {}).some((value) => value !== null && value !== undefined)) return false;
  return result.errors.every((error) => TRANSIENT_CODES.has(error.extensions?.code));
}

/** A result worth another try, carried as the failure of an attempt. */
class FailedOutright extends Error {
  constructor(readonly result: FormattedExecutionResult) {
    super('a subscription event failed to resolve');
  }
}

/**
 * The subscribers that share identity, selection and variables: each event is resolved once
 * for all of them, and the one result goes to each, in event order.
 */
class SharedSelection {
  readonly subscribers = new Set<SubscriberStream>();
  /** Events in order; the first few are being resolved. */
  private readonly pending: Array<{ eventId: string; resolved?: Promise<ResolvedEvent> }> = [];
  private delivering = false;
  private closed = false;

  constructor(private readonly resolve: (eventId: string) => Promise<ResolvedEvent>) {}

  enqueue(eventId: string): void {
    this.pending.push({ eventId });
    this.startResolutions();
    if (!this.delivering) void this.deliverInOrder();
  }

  /** Gives every subscriber the refusal; each then leaves. */
  refuse(result: FormattedExecutionResult): void {
    for (const subscriber of [...this.subscribers]) subscriber.fail(result);
  }

  close(): void {
    this.closed = true;
    this.pending.length = 0;
  }

  private startResolutions(): void {
    for (const item of this.pending.slice(0, MAX_RESOLUTIONS_IN_FLIGHT)) item.resolved ??= this.resolve(item.eventId);
  }

  private async deliverInOrder(): Promise<void> {
    this.delivering = true;
    try {
      while (!this.closed && this.pending.length > 0) {
        const event = await this.pending[0]!.resolved!;
        if (this.closed) return;
        this.pending.shift();
        // A subscriber that joined while the event was resolved gets it too: it is live, and
        // one that came with `since` skips what it has.
        for (const subscriber of [...this.subscribers]) subscriber.push(event);
        this.startResolutions();
      }
    } finally {
      this.delivering = false;
    }
  }
}

/** The subscribers of one upstream subscription (one identity, field and arguments), by selection. */
class UpstreamGroup implements UpstreamListener {
  readonly selections = new Map<string, SharedSelection>();
  readonly upstream: Upstream;

  constructor(
    /** Identity, field and arguments. */
    readonly key: string,
    /** Where a replay started (its first subscriber's `since`); undefined for a live upstream or one of a single subscriber. */
    readonly since: bigint | undefined,
    open: (listener: UpstreamListener) => Upstream,
    private readonly onAnyEvent: (eventId: string) => void,
  ) {
    this.upstream = open(this);
  }

  /**
   * The id up to which this upstream has handed out every event, or undefined when that is not
   * known (a live upstream before its first event). A subscriber with `since` at or after it
   * misses nothing by joining: whatever it still needs is yet to come here.
   */
  get position(): bigint | undefined {
    const last = this.upstream.lastEventId;
    return last !== undefined ? BigInt(last) : this.since;
  }

  onEvent(eventId: string): void {
    this.onAnyEvent(eventId);
    for (const selection of this.selections.values()) selection.enqueue(eventId);
  }

  onRefused(errors: readonly GraphQLError[]): void {
    const result: FormattedExecutionResult = { errors: errors.map((error) => error.toJSON()) };
    for (const selection of [...this.selections.values()]) selection.refuse(result);
  }
}

/**
 * Shares the work of subscriptions between clients: one upstream subscription to the owning
 * subgraph per identity, field and arguments, and one resolution of each event per identity, selection
 * and variables. A subscription with `since` needs the events it missed first: it joins an
 * upstream of its identity, field and arguments, the live one or a replay, that has not yet passed
 * `since` (then everything that upstream delivers from now on and after `since` is what it
 * needs, and nothing in between is missing); otherwise it opens a replay from `since`, which
 * later ones may join in turn, so a burst of subscriptions from one point shares one replay. A
 * live upstream that loses the subgraph before its first event resumes after the latest event
 * of the same log (the same field) any upstream had delivered when it opened: a few events from
 * just before the client came may then arrive, but none after it is lost, for every event log
 * commits in id order (see the live kit's EventLogSource), whichever replica announced it. The
 * latest id is kept per field: two logs' ids are unrelated numbers.
 */
export class SubscriptionHub {
  /** The live upstreams, by identity, field and arguments. */
  private readonly shared = new Map<string, UpstreamGroup>();
  /** The replays, by identity, field and arguments. */
  private readonly replays = new Map<string, Set<UpstreamGroup>>();
  /** Every group, live or replay, for closing. */
  private readonly groups = new Set<UpstreamGroup>();
  /** By field, the highest event id any of its upstreams has delivered (ids grow across its whole log). */
  private readonly latestEventIds = new Map<string, bigint>();

  constructor(private readonly options: SubscriptionHubOptions) {}

  /** Upstream subscriptions, event resolutions (selections) and subscribers now open: for tests. */
  stats(): { upstreams: number; selections: number; subscribers: number } {
    let selections = 0;
    let subscribers = 0;
    for (const group of this.groups) {
      selections += group.selections.size;
      for (const selection of group.selections.values()) subscribers += selection.subscribers.size;
    }
    return { upstreams: this.groups.size, selections, subscribers };
  }

  /** Adds a client subscription; it leaves when graphql-ws ends the returned stream. */
  subscribe(request: SubscriberRequest): SubscriberStream {
    const upstreamKey = `${identityKey(request.identity)} ${request.route.field} ${canonicalJson(request.arguments)}`;
    const { group, after } = this.groupFor(upstreamKey, request);
    const selectionKey = `${print(request.eventQuery)} ${canonicalJson(request.variables)}`;
    let selection = group.selections.get(selectionKey);
    if (!selection) {
      const { identity, eventQuery, variables } = request;
      selection = new SharedSelection((eventId) => this.resolve({ identity, eventQuery, variables, eventId }));
      group.selections.set(selectionKey, selection);
    }
    const joined = selection;
    const stream = new SubscriberStream({
      socket: request.socket,
      after,
      onEnd: () => {
        request.onEnd?.();
        joined.subscribers.delete(stream);
        if (joined.subscribers.size > 0) return;
        joined.close();
        group.selections.delete(selectionKey);
        if (group.selections.size === 0) this.closeGroup(group);
      },
    });
    joined.subscribers.add(stream);
    return stream;
  }

  /** Ends every upstream subscription (the gateway is stopping). */
  async close(): Promise<void> {
    const groups = [...this.groups];
    this.groups.clear();
    this.shared.clear();
    this.replays.clear();
    await Promise.all(groups.map((group) => group.upstream.close()));
  }

  private groupFor(upstreamKey: string, request: SubscriberRequest): { group: UpstreamGroup; after?: bigint } {
    const live = this.shared.get(upstreamKey);
    if (request.since === undefined) return { group: live ?? this.openGroup(request, upstreamKey, 'live') };
    // A `since` that is not an event id is the subgraph's to refuse, on an upstream of its own.
    if (!EVENT_ID.test(request.since)) return { group: this.openGroup(request, upstreamKey, 'alone') };
    const since = BigInt(request.since);
    // Of the upstreams that have not passed `since`, the one furthest along skips the fewest events.
    let best: { group: UpstreamGroup; position: bigint } | undefined;
    for (const group of [...(live ? [live] : []), ...(this.replays.get(upstreamKey) ?? [])]) {
      const position = group.position;
      if (position !== undefined && position <= since && (!best || position > best.position)) best = { group, position };
    }
    if (best) return { group: best.group, after: since };
    return { group: this.openGroup(request, upstreamKey, 'replay') };
  }

  /** A live group (shared by its key), a replay from the request's `since` (joinable, see groupFor), or one for this request alone. */
  private openGroup(request: SubscriberRequest, upstreamKey: string, kind: 'live' | 'replay' | 'alone'): UpstreamGroup {
    const { identity, route, arguments: args } = request;
    const since = kind === 'live' ? undefined : request.since;
    const startedAfter = this.latestEventIds.get(route.field)?.toString();
    const group = new UpstreamGroup(
      upstreamKey,
      kind === 'replay' ? BigInt(since!) : undefined,
      (listener) => this.options.openUpstream({ identity, route, arguments: args, since, startedAfter, listener }),
      (eventId) => {
        const latest = this.latestEventIds.get(route.field);
        if (latest === undefined || BigInt(eventId) > latest) this.latestEventIds.set(route.field, BigInt(eventId));
      },
    );
    this.groups.add(group);
    if (kind === 'live') this.shared.set(upstreamKey, group);
    if (kind === 'replay') {
      const replays = this.replays.get(upstreamKey) ?? new Set<UpstreamGroup>();
      replays.add(group);
      this.replays.set(upstreamKey, replays);
    }
    return group;
  }

  private closeGroup(group: UpstreamGroup): void {
    this.groups.delete(group);
    if (this.shared.get(group.key) === group) this.shared.delete(group.key);
    const replays = this.replays.get(group.key);
    if (replays?.delete(group) && replays.size === 0) this.replays.delete(group.key);
    void group.upstream.close();
  }

  /** One event's result for a selection; never rejects, so a broken resolution cannot stall the others. */
  private async resolve(request: Parameters<ResolveEvent>[0]): Promise<ResolvedEvent> {
    const { eventId } = request;
    const result = await retryWithBackoff(
      async () => {
        const attempted = await this.resolveOnce(request);
        if (failedOutright(attempted)) throw new FailedOutright(attempted);
        return attempted;
      },
      RESOLVE_RETRY,
      (failure, attemptsMade) => {
        if (attemptsMade < RESOLVE_RETRY.attempts) this.options.logger.warn({ eventId, attempt: attemptsMade, errors: (failure as FailedOutright).result.errors }, 'a subscription event failed to resolve; trying again');
        return true;
      },
    ).catch((failure: FailedOutright) => failure.result);
    return { eventId, result, bytes: Buffer.byteLength(JSON.stringify(result)) };
  }

  private async resolveOnce(request: Parameters<ResolveEvent>[0]): Promise<FormattedExecutionResult> {
    try {
      return await this.options.resolveEvent(request);
    } catch (error) {
      this.options.logger.error({ err: error, eventId: request.eventId }, 'could not resolve a subscription event');
      return { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
    }
  }
}
