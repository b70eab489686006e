import type { Identity, Logger } from '@cee-hub/common';
import { type FormattedExecutionResult, GraphQLError, parse } from 'graphql';
import type WebSocket from 'ws';
import { MAX_UNSENT_BYTES, SLOW_CONSUMER_CLOSE_CODE, type SubscriberStream } from './subscriber-stream';
import { canonicalJson, identityKey, type OpenUpstream, type ResolveEvent, type SubscriberRequest, SubscriptionHub } from './subscription-hub';
import type { SubscriptionRoute } from './subscription-routes';

const ADMIN: Identity = { role: 'ADMIN', subject: 'admin-1', email: 'admin@cbp.example', name: 'Admin' };
const STAFF: Identity = { role: 'ENTRY_SPECIALIST', subject: 'staff-1', email: 'staff@cbp.example', centerId: 'ELECTRONICS' };
const SELECTION = parse('query($ceeHubEventId: ID!) { filingUpdated: filingEvent(id: $ceeHubEventId) { id toStatus } }');
const OTHER_SELECTION = parse('query($ceeHubEventId: ID!) { filingUpdated: filingEvent(id: $ceeHubEventId) { id type } }');

/** The route of filingUpdated as the supergraph gives it. */
const FILING_UPDATED: SubscriptionRoute = { field: 'filingUpdated', subgraph: 'filings', subgraphUrl: 'http://filings/graphql', eventQueryField: 'filingEvent', arguments: [{ name: 'filter', type: 'FilingUpdateFilter' }] };
const ONBOARDING_UPDATED: SubscriptionRoute = { field: 'onboardingUpdated', subgraph: 'importers', subgraphUrl: 'http://importers/graphql', eventQueryField: 'onboardingEvent', arguments: [{ name: 'filter', type: 'OnboardingUpdateFilter' }] };

const silent = { warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined } as unknown as Logger;

interface FakeUpstream {
  request: Parameters<OpenUpstream>[0];
  lastEventId: string | undefined;
  closed: boolean;
  emit(eventId: string): void;
}

function fakeSocket(): WebSocket & { closedWith?: { code: number; reason: string } } {
  const socket = {
    bufferedAmount: 0,
    close(code: number, reason: string) {
      socket.closedWith = { code, reason };
    },
  } as unknown as WebSocket & { closedWith?: { code: number; reason: string } };
  return socket;
}

/** A hub over fake upstreams and a resolver that answers `{ id, by }` and counts its calls. */
function setUp(resolveEvent?: ResolveEvent) {
  const upstreams: FakeUpstream[] = [];
  const resolutions: Array<{ identity: Identity; eventId: string }> = [];
  const hub = new SubscriptionHub({
    logger: silent,
    openUpstream: (request) => {
      const upstream: FakeUpstream = {
        request,
        lastEventId: undefined,
        closed: false,
        emit(eventId) {
          upstream.lastEventId = eventId;
          request.listener.onEvent(eventId);
        },
      };
      upstreams.push(upstream);
      return {
        get lastEventId() {
          return upstream.lastEventId;
        },
        close: async () => {
          upstream.closed = true;
        },
      };
    },
    resolveEvent:
      resolveEvent ??
      (async ({ identity, eventId }) => {
        resolutions.push({ identity, eventId });
        return { data: { filingUpdated: { id: eventId, by: identity.email } } };
      }),
  });
  const subscribe = (overrides: Partial<SubscriberRequest> = {}): SubscriberStream =>
    hub.subscribe({ identity: ADMIN, route: FILING_UPDATED, arguments: {}, since: undefined, eventQuery: SELECTION, variables: {}, socket: fakeSocket(), ...overrides });
  return { hub, upstreams, resolutions, subscribe };
}

/** Everything a stream has queued now, without waiting for more. */
async function drain(stream: SubscriberStream): Promise<FormattedExecutionResult[]> {
  const results: FormattedExecutionResult[] = [];
  for (;;) {
    const next = await Promise.race([stream.next(), new Promise<'idle'>((resolve) => setTimeout(() => resolve('idle'), 20))]);
    if (next === 'idle' || next.done) return results;
    results.push(next.value);
  }
}

/** The next `count` results of a stream, as they come. */
async function take(stream: SubscriberStream, count: number): Promise<FormattedExecutionResult[]> {
  const results: FormattedExecutionResult[] = [];
  while (results.length < count) {
    const next = await stream.next();
    if (next.done) break;
    results.push(next.value);
  }
  return results;
}

const ids = (results: FormattedExecutionResult[]) => results.map((result) => (result.data as { filingUpdated: { id: string } }).filingUpdated.id);
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

it('shares one upstream and one resolution per event between clients of the same identity and selection', async () => {
  const { hub, upstreams, resolutions, subscribe } = setUp();
  const streams = Array.from({ length: 5 }, () => subscribe());
  expect(upstreams).toHaveLength(1);
  for (const eventId of ['11', '12', '13']) upstreams[0]!.emit(eventId);
  await settle();
  expect(resolutions.map((resolution) => resolution.eventId)).toEqual(['11', '12', '13']);
  for (const stream of streams) expect(ids(await drain(stream))).toEqual(['11', '12', '13']);
  expect(hub.stats()).toEqual({ upstreams: 1, selections: 1, subscribers: 5 });
});

it('keeps identities apart down to a single claim, and resolves different selections separately', async () => {
  const { upstreams, resolutions, subscribe } = setUp();
  const admin = subscribe();
  const renamed = subscribe({ identity: { ...ADMIN, name: 'Another admin' } });
  const staff = subscribe({ identity: STAFF });
  const otherSelection = subscribe({ eventQuery: OTHER_SELECTION });
  expect(upstreams).toHaveLength(3);
  upstreams[0]!.emit('5');
  await settle();
  expect(resolutions).toHaveLength(2);
  expect(await drain(admin)).toHaveLength(1);
  expect(await drain(otherSelection)).toHaveLength(1);
  expect(await drain(renamed)).toHaveLength(0);
  expect(await drain(staff)).toHaveLength(0);
});

it('shares an upstream whatever the order of the filter fields, but not across filters', () => {
  const { upstreams, subscribe } = setUp();
  subscribe({ arguments: { filter: { centerId: 'ELECTRONICS', importerId: 'i-1' } } });
  subscribe({ arguments: { filter: { importerId: 'i-1', centerId: 'ELECTRONICS' } } });
  subscribe({ arguments: { filter: { centerId: 'ELECTRONICS' } } });
  expect(upstreams).toHaveLength(2);
  expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  expect(identityKey(ADMIN)).not.toBe(identityKey({ ...ADMIN, importerId: 'i-1' }));
});

it('gives a subscription with since a replay from it, unless the live upstream has not passed it', async () => {
  const { upstreams, subscribe } = setUp();
  // Nothing live has delivered yet, so nobody knows where it starts: replay.
  const live = subscribe();
  subscribe({ since: '3' });
  expect(upstreams).toHaveLength(2);
  expect(upstreams[1]!.request.since).toBe('3');
  expect(upstreams[0]!.request.since).toBeUndefined();

  upstreams[0]!.emit('10');
  upstreams[1]!.emit('4');
  await settle();
  // Behind both: it missed events neither will send again.
  subscribe({ since: '2' });
  expect(upstreams).toHaveLength(3);
  expect(upstreams[2]!.request.since).toBe('2');
  // At or past the live one: everything after `since` is still to come there.
  const caughtUp = subscribe({ since: '10' });
  const ahead = subscribe({ since: '11' });
  expect(upstreams).toHaveLength(3);
  upstreams[0]!.emit('11');
  upstreams[0]!.emit('12');
  await settle();
  expect(ids(await drain(live))).toEqual(['10', '11', '12']);
  expect(ids(await drain(caughtUp))).toEqual(['11', '12']);
  expect(ids(await drain(ahead))).toEqual(['12']);
});

it('shares a replay with later subscriptions it has not passed, skipping for each what it already has', async () => {
  const { hub, upstreams, subscribe } = setUp();
  const fromZero = Array.from({ length: 3 }, () => subscribe({ since: '0' }));
  const fromTwo = subscribe({ since: '2' });
  expect(upstreams).toHaveLength(1);
  expect(upstreams[0]!.request.since).toBe('0');
  for (const eventId of ['1', '2', '3']) upstreams[0]!.emit(eventId);
  await settle();
  // The replay is at 3 now: one from 3 joins it, one from 1 needs a replay of its own.
  const fromThree = subscribe({ since: '3' });
  subscribe({ since: '1' });
  expect(upstreams).toHaveLength(2);
  upstreams[0]!.emit('4');
  await settle();
  for (const stream of fromZero) expect(ids(await drain(stream))).toEqual(['1', '2', '3', '4']);
  expect(ids(await drain(fromTwo))).toEqual(['3', '4']);
  expect(ids(await drain(fromThree))).toEqual(['4']);
  expect(hub.stats()).toEqual({ upstreams: 2, selections: 2, subscribers: 6 });
  // A replay's last subscriber leaving closes it like any upstream.
  for (const stream of [...fromZero, fromTwo, fromThree]) await stream.return();
  expect(upstreams[0]!.closed).toBe(true);
});

it('ends a subscription once for its caller, however it ends', async () => {
  const { upstreams, subscribe } = setUp();
  const ended: string[] = [];
  const completed = subscribe({ onEnd: () => ended.push('completed') });
  const refused = subscribe({ identity: STAFF, onEnd: () => ended.push('refused') });
  await completed.return();
  await completed.return();
  upstreams[1]!.request.listener.onRefused([new GraphQLError('No', { extensions: { code: 'FORBIDDEN' } })]);
  await refused.return();
  expect(ended).toEqual(['completed', 'refused']);
});

it('tells a new live upstream the latest event any upstream has delivered, where to resume should it go away before its first', async () => {
  const { upstreams, subscribe } = setUp();
  subscribe();
  expect(upstreams[0]!.request.startedAfter).toBeUndefined();
  upstreams[0]!.emit('40');
  subscribe({ identity: STAFF });
  expect(upstreams[1]!.request.startedAfter).toBe('40');
});

it('keeps the fields of different subgraphs apart: an upstream each, and the latest event id per log', async () => {
  const { upstreams, subscribe } = setUp();
  subscribe();
  subscribe({ route: ONBOARDING_UPDATED });
  expect(upstreams.map((upstream) => upstream.request.route.subgraph)).toEqual(['filings', 'importers']);
  upstreams[0]!.emit('9000');
  upstreams[1]!.emit('12');
  // Ids of two logs are unrelated numbers: a filing event's id says nothing about onboarding events.
  subscribe({ identity: STAFF, route: ONBOARDING_UPDATED });
  subscribe({ identity: STAFF });
  expect(upstreams[2]!.request).toMatchObject({ route: { field: 'onboardingUpdated' }, startedAfter: '12' });
  expect(upstreams[3]!.request).toMatchObject({ route: { field: 'filingUpdated' }, startedAfter: '9000' });
});

it('closes an upstream when its last client leaves, and opens a new one for the next client', async () => {
  const { hub, upstreams, subscribe } = setUp();
  const first = subscribe();
  const second = subscribe({ eventQuery: OTHER_SELECTION });
  await first.return();
  expect(upstreams[0]!.closed).toBe(false);
  await second.return();
  expect(upstreams[0]!.closed).toBe(true);
  expect(hub.stats()).toEqual({ upstreams: 0, selections: 0, subscribers: 0 });
  subscribe();
  expect(upstreams).toHaveLength(2);
});

it('sends a refusal to every client of the upstream and ends them', async () => {
  const { hub, upstreams, subscribe } = setUp();
  const streams = [subscribe(), subscribe({ eventQuery: OTHER_SELECTION })];
  upstreams[0]!.request.listener.onRefused([new GraphQLError('You may not see that Center', { extensions: { code: 'FORBIDDEN' } })]);
  for (const stream of streams) {
    await expect(stream.next()).resolves.toEqual({ value: { errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] }, done: false });
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  }
  expect(hub.stats().upstreams).toBe(0);
});

it('delivers in event order even when later events resolve first', async () => {
  const delays: Record<string, number> = { '1': 40, '2': 5, '3': 20 };
  const { upstreams, subscribe } = setUp(async ({ eventId }) => {
    await new Promise((resolve) => setTimeout(resolve, delays[eventId]));
    return { data: { filingUpdated: { id: eventId } } };
  });
  const stream = subscribe();
  for (const eventId of ['1', '2', '3']) upstreams[0]!.emit(eventId);
  expect(ids(await take(stream, 3))).toEqual(['1', '2', '3']);
});

it('tries an event again when its resolution fails outright, not when the client asked for something it may not see', async () => {
  let calls = 0;
  const { upstreams, subscribe } = setUp(async ({ eventId }) => {
    calls += 1;
    if (eventId === '1' && calls === 1) return { data: null, errors: [{ message: 'The filings service is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }] };
    if (eventId === '2') return { data: null, errors: [{ message: 'No', extensions: { code: 'FORBIDDEN' } }] };
    return { data: { filingUpdated: { id: eventId } } };
  });
  const stream = subscribe();
  upstreams[0]!.emit('1');
  upstreams[0]!.emit('2');
  const results = await take(stream, 2);
  expect(results[0]).toEqual({ data: { filingUpdated: { id: '1' } } });
  expect(results[1]?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(calls).toBe(3);
});

it('cuts off a client with too much unsent, naming the last event it was handed, without ending the others', async () => {
  const { upstreams, subscribe } = setUp();
  const slowSocket = fakeSocket();
  const slow = subscribe({ socket: slowSocket });
  const fast = subscribe();
  upstreams[0]!.emit('7');
  await settle();
  await expect(slow.next()).resolves.toMatchObject({ done: false });
  (slowSocket as { bufferedAmount: number }).bufferedAmount = MAX_UNSENT_BYTES;
  upstreams[0]!.emit('8');
  upstreams[0]!.emit('9');
  await settle();
  await new Promise((resolve) => setImmediate(resolve));
  expect(slowSocket.closedWith).toEqual({ code: SLOW_CONSUMER_CLOSE_CODE, reason: 'Subscriber too slow; resubscribe with since: "7"' });
  expect(ids(await drain(fast))).toEqual(['7', '8', '9']);
  // graphql-ws is not told the stream is done (it would send "complete"); the socket's close ends it.
  const pending = slow.next();
  await expect(Promise.race([pending, settle().then(() => 'waiting')])).resolves.toBe('waiting');
  await slow.return();
  await expect(pending).resolves.toEqual({ value: undefined, done: true });
});
