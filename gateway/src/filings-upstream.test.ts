import { TEST_INTERNAL_TOKEN_SECRET } from '@cee-hub/common/testing';
import type { AddressInfo } from 'node:net';
import { INTERNAL_IDENTITY_HEADER, InternalTokenSigner, InternalTokenVerifier, type Logger } from '@cee-hub/common';
import { buildSchema, type ExecutionResult, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { FilingsUpstream, isRefusal } from './filings-upstream';

const schema = buildSchema(`
  input FilingUpdateFilter { centerId: String }
  type FilingEvent { id: ID! }
  type Query { ping: Int }
  type Subscription { filingUpdated(filter: FilingUpdateFilter, since: ID): FilingEvent }
`);

const silent = { warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined } as unknown as Logger;
const ADMIN = { role: 'ADMIN' as const, email: 'admin@cbp.example' };

/** One upstream subscription as the fake subgraph saw it, and what it answers. */
type Script = (since: string | undefined) => AsyncGenerator<ExecutionResult>;

/**
 * A stand-in for the filings subgraph's graphql-ws endpoint: the n-th subscription gets the
 * n-th script (the last one repeats), and every subscription's `since` is recorded.
 */
async function fakeFilings(scripts: Script[], maxPayload?: number) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload });
  await new Promise((resolve) => server.once('listening', resolve));
  const connections = { count: 0 };
  server.on('connection', () => (connections.count += 1));
  const verifier = new InternalTokenVerifier(TEST_INTERNAL_TOKEN_SECRET);
  const sinces: Array<string | undefined> = [];
  const handle = useServer(
    {
      schema,
      onConnect: async (ctx) => Boolean(await verifier.verify(ctx.connectionParams?.[INTERNAL_IDENTITY_HEADER] as string).catch(() => false)),
      subscribe: (args) => {
        const since = args.variableValues?.since as string | undefined;
        sinces.push(since);
        return scripts[Math.min(sinces.length, scripts.length) - 1]!(since);
      },
    },
    server,
  );
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sinces,
    connections,
    /** Drops every connection, as a subgraph that dies does. */
    dropConnections: () => server.clients.forEach((socket) => socket.terminate()),
    close: async () => {
      await handle.dispose();
    },
  };
}

async function* events(...ids: string[]): AsyncGenerator<ExecutionResult> {
  for (const id of ids) yield { data: { filingUpdated: { id } } };
}

/** Never yields: a subscription that stays open until the client goes. */
async function* idle(): AsyncGenerator<ExecutionResult> {
  await new Promise(() => undefined);
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function open(url: string, since?: string, startedAfter?: string, filter: unknown = { centerId: 'ELECTRONICS' }) {
  const received: string[] = [];
  const refusals: GraphQLError[][] = [];
  const upstream = new FilingsUpstream({
    url,
    identity: ADMIN,
    signer: new InternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET),
    filter,
    since,
    startedAfter,
    logger: silent,
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
  const { refusals, received } = open(filings.url);
  await until(() => refusals.length === 1);
  expect(refusals[0]![0]!.extensions.code).toBe('FORBIDDEN');
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(filings.sinces).toHaveLength(1);
  expect(received).toEqual([]);
  await filings.close();
});

it('ends with a refusal when the subgraph finds the subscription too large (1009), rather than sending it again and again', async () => {
  const filings = await fakeFilings([idle], 4096);
  const { refusals, received } = open(filings.url, undefined, undefined, { centerId: 'x'.repeat(10_000) });
  await until(() => refusals.length === 1);
  expect(refusals[0]![0]!.extensions.code).toBe('BAD_USER_INPUT');
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(filings.connections.count).toBe(1);
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
  await until(() => received.length === 3);
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
  await until(() => received.length === 1);
  filings.dropConnections();
  await until(() => received.length === 2);
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
  await until(() => filings.sinces.length === 1);
  filings.dropConnections();
  await until(() => received.length === 1);
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
  await until(() => received.length === 1);
  await upstream.close();
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(filings.sinces).toHaveLength(1);
  await filings.close();
});
