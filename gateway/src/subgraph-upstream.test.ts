import { eventually, TEST_INTERNAL_TOKEN_SECRET } from '@cee-hub/common/testing';
import { InternalTokenSigner } from '@cee-hub/common';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { type FakeFilings, silentLogger, startFakeFilings } from './fake-filings-subgraph';
import { isRefusal, SubgraphUpstream } from './subgraph-upstream';
import type { SubscriptionRoute } from './subscription-routes';

const FILING_UPDATED: SubscriptionRoute = { field: 'filingUpdated', subgraph: 'filings', subgraphUrl: 'http://127.0.0.1/graphql', eventQueryField: 'filingEvent', arguments: [{ name: 'filter', type: 'FilingUpdateFilter' }] };

const ADMIN = { role: 'ADMIN' as const, email: 'admin@cbp.example' };

/** One upstream subscription as the fake subgraph saw it, and what it answers. */
type Script = (since: string | undefined) => AsyncGenerator<ExecutionResult>;

/** The filings subgraph where the n-th subscription gets the n-th script (the last one repeats). */
function fakeFilings(scripts: Script[], maxPayload?: number): Promise<FakeFilings> {
  let subscriptions = 0;
  return startFakeFilings({
    maxPayload,
    internalTokenSecret: TEST_INTERNAL_TOKEN_SECRET,
    subscribe: (since) => scripts[Math.min(++subscriptions, scripts.length) - 1]!(since),
  });
}

async function* events(...ids: string[]): AsyncGenerator<ExecutionResult> {
  for (const id of ids) yield { data: { filingUpdated: { id } } };
}

/** Never yields: a subscription that stays open until the client goes. */
async function* idle(): AsyncGenerator<ExecutionResult> {
  await new Promise(() => undefined);
}

function open(url: string, since?: string, startedAfter?: string, filter: unknown = { centerId: 'ELECTRONICS' }) {
  const received: string[] = [];
  const refusals: GraphQLError[][] = [];
  const upstream = new SubgraphUpstream({
    url,
    route: FILING_UPDATED,
    identity: ADMIN,
    signer: new InternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET),
    arguments: { filter },
    since,
    startedAfter,
    logger: silentLogger,
    listener: { onEvent: (eventId) => received.push(eventId), onRefused: (errors) => refusals.push([...errors]) },
  });
  return { upstream, received, refusals };
}

it('tells a refusal from trouble on the way by its code', () => {
  expect(isRefusal([{ message: 'no', extensions: { code: 'FORBIDDEN' } }])).toBe(true);
  expect(isRefusal([{ message: 'bad since', extensions: { code: 'BAD_USER_INPUT' } }])).toBe(true);
  expect(isRefusal([{ message: 'too slow', extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBSCRIBER_TOO_SLOW' } }])).toBe(false);
  expect(isRefusal([{ message: 'Internal server error' }])).toBe(false);
  expect(isRefusal([])).toBe(false);
});

it('ends with the refusal when the first result refuses, without subscribing again', async () => {
  const filings = await fakeFilings([
    async function* () {
      yield { errors: [new GraphQLError('You may not see that Center', { extensions: { code: 'FORBIDDEN' } })] };
    },
  ]);
  const { upstream, refusals, received } = open(filings.url);
  await eventually('the refusal', () => refusals.length === 1);
  expect(refusals[0]![0]!.extensions.code).toBe('FORBIDDEN');
  await upstream.stopped;
  expect(filings.sinces).toHaveLength(1);
  expect(received).toEqual([]);
  await filings.close();
});

it('ends with a refusal when the subgraph finds the subscription too large (1009), rather than sending it again and again', async () => {
  const filings = await fakeFilings([idle], 4096);
  const { upstream, refusals, received } = open(filings.url, undefined, undefined, { centerId: 'x'.repeat(10_000) });
  await eventually('the refusal', () => refusals.length === 1);
  expect(refusals[0]![0]!.extensions.code).toBe('BAD_USER_INPUT');
  await upstream.stopped;
  expect(filings.connections).toBe(1);
  expect(received).toEqual([]);
  await filings.close();
});

it('subscribes again from the last event after an error that is not a refusal: nothing lost, nothing twice', async () => {
  const filings = await fakeFilings([
    async function* () {
      yield* events('1', '2');
      throw new GraphQLError('subscriber too slow; resubscribe with since=2', { extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBSCRIBER_TOO_SLOW' } });
    },
    // The replay overlaps what was delivered: the upstream must not pass it on twice.
    async function* () {
      yield* events('2', '3');
      yield* idle();
    },
  ]);
  const { upstream, received, refusals } = open(filings.url);
  await eventually('three events', () => received.length === 3);
  expect(received).toEqual(['1', '2', '3']);
  expect(filings.sinces).toEqual([undefined, '2']);
  expect(upstream.lastEventId).toBe('3');
  expect(refusals).toEqual([]);
  await upstream.close();
  await filings.close();
});

it('subscribes again when errors that are not a refusal come first, and when the connection drops', async () => {
  let attempt = 0;
  const filings = await fakeFilings([
    async function* () {
      attempt += 1;
      yield { errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    },
    async function* (since) {
      yield* events(since === '7' ? '8' : '7');
      yield* idle();
    },
  ]);
  const { upstream, received } = open(filings.url, '6');
  await eventually('the first event', () => received.length === 1);
  filings.dropConnections();
  await eventually('the event after the drop', () => received.length === 2);
  expect(attempt).toBe(1);
  expect(received).toEqual(['7', '8']);
  // The client's since first; then each resumption starts after the last event received.
  expect(filings.sinces).toEqual(['6', '6', '7']);
  await upstream.close();
  await filings.close();
});

it('resumes a live subscription that went away before its first event after the latest event the gateway had seen', async () => {
  const filings = await fakeFilings([idle, (since) => events(since === '20' ? '21' : 'wrong')]);
  const { upstream, received } = open(filings.url, undefined, '20');
  await eventually('the first subscription', () => filings.sinces.length === 1);
  filings.dropConnections();
  await eventually('the first event', () => received.length === 1);
  // Live first (no replay of old events), then from the point known to precede the start.
  expect(filings.sinces).toEqual([undefined, '20']);
  expect(received).toEqual(['21']);
  await upstream.close();
  await filings.close();
});

it('stops for good when closed, also while waiting to subscribe again', async () => {
  const filings = await fakeFilings([
    async function* () {
      yield* events('1');
    },
  ]);
  const { upstream, received } = open(filings.url);
  await eventually('the first event', () => received.length === 1);
  await upstream.close();
  await upstream.stopped;
  expect(filings.sinces).toHaveLength(1);
  await filings.close();
});
