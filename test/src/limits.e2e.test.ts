import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { issueUserToken } from '@cee-hub/common';
import { type GraphQLResponse, postGraphQL } from '@cee-hub/common/testing';
import { type DocumentNode, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { seededIdentity, startSystem, type System } from './support/system';

/**
 * The gateway's limits on what one caller may make it hold or compute (issue 10, items 3, 5, 6
 * and 7), over the real processes: WebSocket message sizes, a token's expiry on an open
 * connection, subscriptions per connection and per identity, and list sizes and the cost of an
 * operation with its variables. The requests come from bench/src/drills/resource-limits.ts,
 * which runs them at the attack's scale.
 */

// Tokens are signed here, so one can be made to expire within the test.
const JWT_SECRET = randomBytes(32).toString('hex');
const ADMIN = 'admin@cbp.example';
const STAFF = 'entry-specialist.electronics@cbp.example';
/** Used by the quota test alone, so no other test's subscriptions count against it. */
const SUPERVISOR = 'supervisor.electronics@cbp.example';
const SUBSCRIPTION = 'subscription($since: ID) { filingUpdated(since: $since) { id toStatus } }';
const REPO_ROOT = path.resolve(__dirname, '..', '..');

let system: System;
const clients: Client[] = [];

beforeAll(async () => {
  system = await startSystem({ env: { JWT_SECRET, MAX_SUBSCRIPTIONS_PER_SOCKET: '20', MAX_SUBSCRIPTIONS_PER_IDENTITY: '50' } });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await system?.stop();
});

const token = (email: string, lifetime = '1h') => issueUserToken(seededIdentity(email), JWT_SECRET, lifetime);

async function query(document: string, variables?: Record<string, unknown>, as?: string): Promise<GraphQLResponse> {
  return postGraphQL(system.gatewayUrl, document, variables, as ? { authorization: `Bearer ${await token(as)}` } : {});
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const wsUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/graphql`;

/** Opens a raw graphql-ws socket, sends one message, and resolves with the close code. */
async function closeCodeFor(url: string, message: string): Promise<number> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  // Writing on after the server closed may fail; the close code is what counts.
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('open', resolve));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send(message);
  return closed;
}

interface Watched {
  events: string[];
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
  ended: boolean;
  stop: () => void;
}

function watch(client: Client, variables: Record<string, unknown> = {}, subscription = SUBSCRIPTION): Watched {
  const watched: Watched = { events: [], errors: [], ended: false, stop: () => undefined };
  watched.stop = client.subscribe<{ filingUpdated: { id: string } }>(
    { query: subscription, variables },
    {
      next: (result) => {
        if (result.data?.filingUpdated) watched.events.push(result.data.filingUpdated.id);
        if (result.errors) watched.errors.push(...(result.errors as Watched['errors']));
      },
      error: (error) => {
        const code = (error as { code?: unknown })?.code;
        watched.errors.push(...(Array.isArray(error) ? error : [{ message: typeof code === 'number' ? `closed with ${code}` : String(error) }]));
        watched.ended = true;
      },
      complete: () => void (watched.ended = true),
    },
  );
  return watched;
}

async function connect(email: string, lifetime = '1h'): Promise<{ client: Client; closes: number[] }> {
  const authorization = `Bearer ${await token(email, lifetime)}`;
  const closes: number[] = [];
  const client = createClient({
    url: wsUrl(system.stack.urls.gateway),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization },
    on: { closed: (event) => void closes.push((event as { code: number }).code) },
  });
  clients.push(client);
  return { client, closes };
}

describe('WebSocket message size', () => {
  it('closes the gateway and the filings subgraph connections with 1009 on a 2 MiB connection_init, before authentication, and both keep serving', async () => {
    const init = JSON.stringify({ type: 'connection_init', payload: { authorization: 'x'.repeat(2 * 1024 * 1024) } });
    expect(await closeCodeFor(wsUrl(system.stack.urls.gateway), init)).toBe(1009);
    expect(await closeCodeFor(wsUrl(system.stack.urls.filings), init)).toBe(1009);
    const { data, errors } = await query('{ centers { id } }');
    expect(errors).toBeUndefined();
    expect(data!.centers).toHaveLength(10);
    const { client } = await connect(STAFF);
    const live = watch(client, { since: '0' });
    await until(() => live.events.length > 0, 'a replayed event after the oversize connections');
    live.stop();
  });
});

describe('token expiry on an open connection', () => {
  it('closes the connection with 4403 when the token expires, and refuses a subscribe after', async () => {
    const { client, closes } = await connect(STAFF, '3s');
    const history = watch(client, { since: '0' });
    await until(() => history.events.length > 0, 'the history to be replayed');
    await until(() => closes.length > 0, 'the connection to close at expiry', 10_000);
    expect(closes[0]).toBe(4403);
    const later = watch(client, { since: '0' });
    await until(() => later.ended, 'the later subscribe to be refused');
    expect(later.events).toEqual([]);
    expect(later.errors[0]!.message).toBe('closed with 4403');
  });
});

describe('subscriptions per connection and per identity', () => {
  it('refuses the 21st subscription on one connection and the 51st of one identity with TOO_MANY_REQUESTS, and frees them as they end', async () => {
    const sockets = await Promise.all([connect(SUPERVISOR), connect(SUPERVISOR), connect(SUPERVISOR)]);
    const first = Array.from({ length: 25 }, () => watch(sockets[0]!.client));
    await until(() => first.filter((watched) => watched.ended).length === 5, 'the five over the connection limit to be refused');
    for (const refused of first.filter((watched) => watched.ended)) expect(refused.errors[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    const more = [...Array.from({ length: 20 }, () => watch(sockets[1]!.client)), ...Array.from({ length: 15 }, () => watch(sockets[2]!.client))];
    // 20 + 20 + 10 fit the identity's 50; five on the third connection do not.
    await until(() => more.filter((watched) => watched.ended).length === 5, 'the five over the identity limit to be refused');
    for (const refused of more.filter((watched) => watched.ended)) expect(refused.errors[0]!.message).toContain('at most 50 subscriptions');
    // Another user is not held back by this one.
    const other = watch((await connect(ADMIN)).client, { since: '0' });
    await until(() => other.events.length > 0, "another identity's subscription");

    // Completed on the connection that asks next, so they are processed before its subscribe.
    for (const watched of first) watched.stop();
    const after = watch(sockets[0]!.client, { since: '0' });
    await until(() => after.events.length > 0, 'a subscription once others ended');
  });

  it('applies the query limits when a subscription starts rather than failing every event', async () => {
    const { client } = await connect(ADMIN);
    const aliases = `subscription { filingUpdated(since: "0") { ${Array.from({ length: 41 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    const refused = watch(client, {}, aliases);
    await until(() => refused.ended, 'the 41 aliases to be refused');
    expect(refused.events).toEqual([]);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});

describe('list sizes and the cost with variables', () => {
  const numbers = (count: number) => Array.from({ length: count }, () => '8471.30.0100');

  it('refuses first: $n beyond the cost limit as it refuses the literal', async () => {
    const literal = await query('{ filings(first: 1000000) { nodes { id } } }', undefined, ADMIN);
    const variable = await query('query($n: Int) { filings(first: $n) { nodes { id } } }', { n: 1_000_000 }, ADMIN);
    for (const response of [literal, variable]) {
      expect(response.status).toBe(400);
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 20_000 });
    }
  });

  it('refuses 15 aliases of locateCenter with 500 numbers each at the gateway, and answers one of them', async () => {
    const lines = '{ lines { input htsNumber center { id name } } }';
    const attack = `query($n: [String!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: locateCenter(htsNumbers: $n) ${lines}`).join(' ')} }`;
    const refused = await query(attack, { n: numbers(500) });
    expect(refused.status).toBe(400);
    expect(refused.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const one = await query(`query($n: [String!]!) { locateCenter(htsNumbers: $n) ${lines} }`, { n: numbers(500) });
    expect(one.errors).toBeUndefined();
    expect(one.data!.locateCenter.lines).toHaveLength(500);
    const over = await query(`query($n: [String!]!) { locateCenter(htsNumbers: $n) ${lines} }`, { n: numbers(501) });
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'htsNumbers' });
  });

  it('answers a bad list of values with a short error, not megabytes', async () => {
    const locate = 'query($n: [String!]!, $v: [Float!]) { locateCenter(htsNumbers: $n, values: $v) { asOf } }';
    const huge = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: locate, variables: { n: ['8471.30.0100'], v: Array(24_000).fill(-1) } }),
    });
    expect((await huge.text()).length).toBeLessThan(2_000);
    const negative = await query(locate, { n: numbers(500), v: Array(500).fill(-1) });
    expect(negative.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', moreProblems: 450 });
    expect(negative.errors![0]!.extensions!.problems).toHaveLength(50);
  });

  it("passes the console's largest operations with the variables its pages send", async () => {
    const operations = (await import(path.join(REPO_ROOT, 'console', 'src', 'graphql', 'operations'))) as Record<string, DocumentNode>;
    const sent: Array<[string, Record<string, unknown>, string]> = [
      ['CENTER_PROCESSING', { id: 'ELECTRONICS', first: 100 }, ADMIN],
      ['ONBOARDING_BOARD', { centerId: null, closedState: 'APPROVED', first: 50, closedFirst: 20 }, ADMIN],
      ['REVIEW_QUEUE', { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', first: 100 }, STAFF],
      ['FILINGS', { filter: {}, first: 25 }, ADMIN],
      ['LOCATE_CENTER', { htsNumbers: numbers(500), values: Array(500).fill(1000) }, STAFF],
    ];
    for (const [name, variables, as] of sent) {
      const { errors } = await query(print(operations[name]!), variables, as);
      expect([name, errors]).toEqual([name, undefined]);
    }
  });
});
