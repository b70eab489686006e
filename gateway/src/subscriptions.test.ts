import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@cee-hub/common/testing';
import { ApolloGateway } from '@apollo/gateway';
import type { ApolloServer } from '@apollo/server';
import { type Identity, InternalTokenSigner, issueUserToken, JWT_AUDIENCE, JWT_ISSUER } from '@cee-hub/common';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SUPERGRAPH_FILE } from './compose';
import type { GatewayConfig } from './config';
import { silentLogger, startFakeFilings } from './fake-filings-subgraph';
import { createQueryLimits } from './query-limits';
import type { GatewayContext } from './server';
import { type SubscriptionRouting, subscriptionRouting } from './subscription-routes';
import { attachSubscriptions } from './subscriptions';
import { UserTokenVerifier } from './user-token';

const JWT_SECRET = randomBytes(32).toString('hex');
const STAFF: Identity = { role: 'ENTRY_SPECIALIST', subject: 'staff-1', email: 'staff@cbp.example', centerId: 'ELECTRONICS' };
const OTHER_STAFF: Identity = { ...STAFF, subject: 'staff-2', email: 'other@cbp.example' };
const LIMITS: GatewayConfig['limits'] = { maxDepth: 12, maxAliases: 15, maxCost: 20_000, maxTokens: 2000, maxDirectives: 20 };
const SUBSCRIPTION_LIMITS: GatewayConfig['subscriptions'] = { maxPayloadBytes: 64 * 1024, maxPerSocket: 3, maxPerIdentity: 5 };
const SUBSCRIBE = 'subscription($since: ID) { filingUpdated(since: $since) { id } }';

/**
 * The filings subgraph holding events 1…n: a subscription with `since` replays those after it,
 * then everything published. While `held`, nothing is sent, so a test decides when replays start.
 */
async function fakeFilings(eventCount: number) {
  const events = Array.from({ length: eventCount }, (_, index) => String(index + 1));
  const waiting = new Set<() => void>();
  const state = { held: true };
  const filings = await startFakeFilings({
    subscribe: async function* (since): AsyncGenerator<ExecutionResult> {
      let next = since === undefined ? events.length : events.filter((id) => BigInt(id) <= BigInt(since)).length;
      for (;;) {
        while (!state.held && next < events.length) yield { data: { filingUpdated: { id: events[next++] } } };
        await new Promise<void>((resolve) => waiting.add(resolve));
      }
    },
  });
  return {
    ...filings,
    get connections() {
      return filings.connections;
    },
    release: () => {
      state.held = false;
      for (const resolve of [...waiting]) resolve();
      waiting.clear();
    },
  };
}

/** Answers each event's query with the event id, as the supergraph would resolve `{ id }`. */
const fakeApollo = {
  executeOperation: async ({ variables }: { variables: Record<string, unknown> }) => ({
    body: { kind: 'single', singleResult: { data: { filingUpdated: { id: variables.ceeHubEventId } } } },
  }),
} as unknown as ApolloServer<GatewayContext>;

let apiSchema: GraphQLSchema;
let routing: SubscriptionRouting;
let filings: Awaited<ReturnType<typeof fakeFilings>>;
let server: http.Server;
let gatewayUrl: string;
let subscriptions: { dispose(): Promise<void> };
const clients: Client[] = [];

beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8') });
  apiSchema = (await gateway.load()).schema;
  routing = subscriptionRouting(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  await gateway.stop();
});

beforeEach(async () => {
  filings = await fakeFilings(30);
  server = http.createServer();
  subscriptions = attachSubscriptions({
    server,
    apollo: fakeApollo,
    schema: () => apiSchema,
    routing: () => routing,
    verifier: new UserTokenVerifier({ secret: JWT_SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE }),
    signer: new InternalTokenSigner(randomBytes(32).toString('hex')),
    subgraphWsUrl: (subgraph) => (subgraph === 'filings' ? filings.url : 'ws://127.0.0.1:1/unreachable'),
    limits: createQueryLimits(LIMITS, false),
    subscriptionLimits: SUBSCRIPTION_LIMITS,
    logger: silentLogger,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await subscriptions.dispose();
  await new Promise((resolve) => server.close(resolve));
  await filings.close();
});

/** A graphql-ws client as `identity`, recording how its connection closes. */
async function connect(identity: Identity, lifetime = '1h'): Promise<{ client: Client; closes: number[] }> {
  const token = await issueUserToken(identity, JWT_SECRET, lifetime);
  const closes: number[] = [];
  const client = createClient({
    url: gatewayUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: (event) => void closes.push((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  return { client, closes };
}

interface Watched {
  ids: string[];
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
  ended: boolean;
  stop: () => void;
}

function watch(client: Client, query: string, variables?: Record<string, unknown>): Watched {
  const watched: Watched = { ids: [], errors: [], ended: false, stop: () => undefined };
  watched.stop = client.subscribe<{ filingUpdated: { id: string } }>(
    { query, variables },
    {
      next: (result) => {
        if (result.data?.filingUpdated) watched.ids.push(result.data.filingUpdated.id);
        if (result.errors) watched.errors.push(...(result.errors as Watched['errors']));
      },
      error: (error) => {
        // An `error` message comes as its errors; a closed connection as its close event.
        const code = (error as { code?: unknown })?.code;
        watched.errors.push(...(Array.isArray(error) ? error : [{ message: typeof code === 'number' ? `closed with ${code}` : String(error) }]));
        watched.ended = true;
      },
      complete: () => void (watched.ended = true),
    },
  );
  return watched;
}

it('closes a connection whose message is larger than WS_MAX_PAYLOAD_BYTES with 1009, before authentication, and keeps serving', async () => {
  const socket = new WebSocket(gatewayUrl, 'graphql-transport-ws');
  await new Promise((resolve) => socket.once('open', resolve));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(SUBSCRIPTION_LIMITS.maxPayloadBytes + 1) } }));
  expect(await closed).toBe(1009);

  filings.release();
  const { client } = await connect(STAFF);
  const live = watch(client, SUBSCRIBE, { since: '28' });
  await eventually('the two events after since', () => live.ids.length === 2);
  expect(live.ids).toEqual(['29', '30']);
});

it('closes a connection with 4403 when its token expires, and refuses the expired token on a new one', async () => {
  filings.release();
  const { client, closes } = await connect(STAFF, '2s');
  const live = watch(client, SUBSCRIBE, { since: '29' });
  await eventually('the event after since', () => live.ids.length === 1);
  await eventually('the connection to close', () => closes.length > 0);
  expect(closes).toEqual([4403]);
  // Subscribing again on the same client connects again with the same token, now refused.
  const later = watch(client, SUBSCRIBE, { since: '29' });
  await eventually('the subscription on the expired token to end', () => later.ended);
  expect(later.errors[0]?.message).toBe('closed with 4403');

  const again = createClient({
    url: gatewayUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${await issueUserToken(STAFF, JWT_SECRET, '-1s')}` },
  });
  clients.push(again);
  const refused = watch(again, SUBSCRIBE, { since: '29' });
  await eventually('the refusal of the expired token', () => refused.ended);
  expect(refused.ids).toEqual([]);
  expect(refused.errors[0]?.message).toBe('closed with 4403');
});

it('holds at most MAX_SUBSCRIPTIONS_PER_SOCKET subscriptions on one connection; completing one makes room', async () => {
  const { client } = await connect(STAFF);
  const held = Array.from({ length: 3 }, () => watch(client, SUBSCRIBE));
  const fourth = watch(client, SUBSCRIBE);
  await eventually('the refusal of the fourth subscription', () => fourth.ended);
  expect(fourth.errors[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
  expect(fourth.errors[0]!.message).toContain('at most 3 subscriptions');
  held[0]!.stop();
  const fifth = watch(client, SUBSCRIBE, { since: '29' });
  filings.release();
  await eventually('an event on the subscription that took the freed place', () => fifth.ids.length === 1);
  expect(held.slice(1).every((watched) => !watched.ended)).toBe(true);
});

it('holds at most MAX_SUBSCRIPTIONS_PER_IDENTITY subscriptions per identity over all its connections, and frees them when a connection closes', async () => {
  const first = await connect(STAFF);
  const second = await connect(STAFF);
  const other = await connect(OTHER_STAFF);
  const held = [...Array.from({ length: 3 }, () => watch(first.client, SUBSCRIBE)), ...Array.from({ length: 2 }, () => watch(second.client, SUBSCRIBE))];
  const sixth = watch(second.client, SUBSCRIBE);
  await eventually('the refusal of the sixth subscription', () => sixth.ended);
  expect(sixth.errors[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
  expect(sixth.errors[0]!.message).toContain('at most 5 subscriptions');
  // Another identity has its own quota.
  const others = watch(other.client, SUBSCRIBE, { since: '29' });
  filings.release();
  await eventually('an event for the other identity', () => others.ids.length === 1);

  await first.client.dispose();
  const third = await connect(STAFF);
  const after = Array.from({ length: 3 }, () => watch(third.client, SUBSCRIBE, { since: '29' }));
  await eventually('an event on each subscription of the new connection', () => after.every((watched) => watched.ids.length === 1));
  expect(held.slice(3).every((watched) => !watched.ended)).toBe(true);
});

it('shares one replay between subscriptions from the same point, rather than an upstream each', async () => {
  const { client } = await connect(STAFF);
  const replays = Array.from({ length: 3 }, () => watch(client, SUBSCRIBE, { since: '0' }));
  await eventually('the replay to connect', () => filings.connections >= 1);
  filings.release();
  await eventually('the whole replay on every subscription', () => replays.every((watched) => watched.ids.length === 30));
  expect(filings.connections).toBe(1);
  for (const watched of replays) expect(watched.ids).toEqual(Array.from({ length: 30 }, (_, index) => String(index + 1)));
});

it('applies the query limits when a subscription starts: aliases, depth and the cost with its variables', async () => {
  const { client } = await connect(STAFF);
  const aliases = watch(client, `subscription { filingUpdated { ${Array.from({ length: 41 }, (_, index) => `a${index}: id`).join(' ')} } }`);
  const deep = watch(client, `subscription { filingUpdated { filing { processingCenter { ${'coverage { center { '.repeat(6)} id ${'} } '.repeat(6)} } } } }`);
  const costly = watch(client, 'subscription($n: Int) { filingUpdated { filing { importer { filings(first: $n) { nodes { id } } } } } }', { n: 100_000 });
  await eventually('the three refusals', () => aliases.ended && deep.ended && costly.ended);
  expect(aliases.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(aliases.errors[0]!.message).toContain('Aliases limit of 15');
  expect(deep.errors[0]!.message).toContain('Query depth limit of 12');
  expect(costly.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 20_000 } });
  expect(costly.errors[0]!.message).toContain('above the limit of 20000');

  // At the limit of the subscription itself, the query of each event (one alias more) decides, at the start.
  const edge = watch(client, `subscription { filingUpdated { ${Array.from({ length: 15 }, (_, index) => `a${index}: id`).join(' ')} } }`);
  await eventually('the refusal at the edge', () => edge.ended);
  expect(edge.errors[0]!.message).toContain('In the query that resolves each event');
  // Nothing refused held a place: three good ones still fit on this connection.
  const good = Array.from({ length: 3 }, () => watch(client, SUBSCRIBE, { since: '29' }));
  filings.release();
  await eventually('an event on each good subscription', () => good.every((watched) => watched.ids.length === 1));
});
