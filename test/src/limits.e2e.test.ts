import { readdirSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '@cee-hub/common/testing';
import { closeCodeAfter, startSystem, type System, webSocketUrl } from '@cee-hub/launcher/testing';
import { type DocumentNode, print } from 'graphql';
// SUPERVISOR is used by the quota test alone, so no other test's subscriptions count against it.
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as STAFF, ELECTRONICS_SUPERVISOR_EMAIL as SUPERVISOR } from '@cee-hub/db/seeded-users';

/**
 * The gateway's limits on what one caller may make it hold or compute (issue 10, items 3, 5, 6
 * and 7), over the real processes: WebSocket message sizes, a token's expiry on an open
 * connection, subscriptions per connection and per identity, and list sizes and the cost of an
 * operation with its variables. The requests come from bench/src/drills/resource-limits.ts,
 * which runs them at the attack's scale.
 */

const SUBSCRIPTION = 'subscription($since: ID) { filingUpdated(since: $since) { id toStatus } }';
const REPO_ROOT = path.resolve(__dirname, '..', '..');

let system: System;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { MAX_SUBSCRIPTIONS_PER_SOCKET: '20', MAX_SUBSCRIPTIONS_PER_IDENTITY: '50' } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe('WebSocket message size', () => {
  it('closes the gateway and the filings subgraph connections with 1009 on a 2 MiB connection_init, before authentication, and both keep serving', async () => {
    const init = JSON.stringify({ type: 'connection_init', payload: { authorization: 'x'.repeat(2 * 1024 * 1024) } });
    expect(await closeCodeAfter(webSocketUrl(system.stack.urls.gateway), init)).toBe(1009);
    expect(await closeCodeAfter(webSocketUrl(system.stack.urls.filings), init)).toBe(1009);
    const { data, errors } = await system.query('{ centers { id } }');
    expect(errors).toBeUndefined();
    expect(data!.centers).toHaveLength(10);
    const live = (await system.connect(STAFF)).subscribe(SUBSCRIPTION, { since: '0' });
    await eventually('a replayed event after the oversize connections', () => live.events.length > 0);
    live.stop();
  });
});

describe('token expiry on an open connection', () => {
  it('closes the connection with 4403 when the token expires, and refuses a subscribe after', async () => {
    const { subscribe, closes } = await system.connect(STAFF, { lifetime: '3s' });
    const history = subscribe(SUBSCRIPTION, { since: '0' });
    await eventually('the history to be replayed', () => history.events.length > 0);
    await eventually('the connection to close at expiry', () => closes.length > 0, Boolean, { timeoutMs: 10_000 });
    expect(closes[0]).toBe(4403);
    const later = subscribe(SUBSCRIPTION, { since: '0' });
    await eventually('the later subscribe to be refused', () => later.ended);
    expect(later.events).toEqual([]);
    expect(later.errors[0]!.message).toBe('closed with 4403');
  });
});

describe('subscriptions per connection and per identity', () => {
  it('refuses the 21st subscription on one connection and the 51st of one identity with TOO_MANY_REQUESTS, and frees them as they end', async () => {
    const sockets = await Promise.all([system.connect(SUPERVISOR), system.connect(SUPERVISOR), system.connect(SUPERVISOR)]);
    const first = Array.from({ length: 25 }, () => sockets[0]!.subscribe(SUBSCRIPTION));
    await eventually('the five over the connection limit to be refused', () => first.filter((watched) => watched.ended).length === 5);
    for (const refused of first.filter((watched) => watched.ended)) expect(refused.errors[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS' } });
    const more = [...Array.from({ length: 20 }, () => sockets[1]!.subscribe(SUBSCRIPTION)), ...Array.from({ length: 15 }, () => sockets[2]!.subscribe(SUBSCRIPTION))];
    // 20 + 20 + 10 fit the identity's 50; five on the third connection do not.
    await eventually('the five over the identity limit to be refused', () => more.filter((watched) => watched.ended).length === 5);
    for (const refused of more.filter((watched) => watched.ended)) expect(refused.errors[0]!.message).toContain('at most 50 subscriptions');
    // Another user is not held back by this one.
    const other = (await system.connect(ADMIN)).subscribe(SUBSCRIPTION, { since: '0' });
    await eventually("another identity's subscription", () => other.events.length > 0);

    // Completed on the connection that asks next, so they are processed before its subscribe.
    for (const watched of first) watched.stop();
    const after = sockets[0]!.subscribe(SUBSCRIPTION, { since: '0' });
    await eventually('a subscription once others ended', () => after.events.length > 0);
  });

  it('applies the query limits when a subscription starts rather than failing every event', async () => {
    const { subscribe } = await system.connect(ADMIN);
    const aliases = `subscription { filingUpdated(since: "0") { ${Array.from({ length: 41 }, (_, i) => `a${i}: id`).join(' ')} } }`;
    const refused = subscribe(aliases);
    await eventually('the 41 aliases to be refused', () => refused.ended);
    expect(refused.events).toEqual([]);
    expect(refused.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});

describe('list sizes and the cost with variables', () => {
  const numbers = (count: number) => Array.from({ length: count }, () => '8471.30.0100');

  it('refuses first: $n beyond the cost limit as it refuses the literal', async () => {
    const literal = await system.query('{ filings(first: 1000000) { nodes { id } } }', undefined, ADMIN);
    const variable = await system.query('query($n: Int) { filings(first: $n) { nodes { id } } }', { n: 1_000_000 }, ADMIN);
    for (const response of [literal, variable]) {
      expect(response.status).toBe(400);
      expect(response.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 20_000 });
    }
  });

  it('refuses 15 aliases of locateCenter with 500 numbers each at the gateway, and answers one of them', async () => {
    const lines = '{ lines { input htsNumber center { id name } } }';
    const attack = `query($n: [String!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: locateCenter(htsNumbers: $n) ${lines}`).join(' ')} }`;
    const refused = await system.query(attack, { n: numbers(500) });
    expect(refused.status).toBe(400);
    expect(refused.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const one = await system.query(`query($n: [String!]!) { locateCenter(htsNumbers: $n) ${lines} }`, { n: numbers(500) });
    expect(one.errors).toBeUndefined();
    expect(one.data!.locateCenter.lines).toHaveLength(500);
    const over = await system.query(`query($n: [String!]!) { locateCenter(htsNumbers: $n) ${lines} }`, { n: numbers(501) });
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
    const negative = await system.query(locate, { n: numbers(500), v: Array(500).fill(-1) });
    expect(negative.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', moreProblems: 450 });
    expect(negative.errors![0]!.extensions!.problems).toHaveLength(50);
  });

  it("passes the console's largest operations with the variables its pages send", async () => {
    const graphqlDir = path.join(REPO_ROOT, 'console', 'src', 'graphql');
    const modules = readdirSync(graphqlDir).filter((file) => file.endsWith('.operations.ts'));
    const operations = Object.assign({}, ...(await Promise.all(modules.map((file) => import(path.join(graphqlDir, file)))))) as Record<string, DocumentNode>;
    const sent: Array<[string, Record<string, unknown>, string]> = [
      ['CENTERS_STATISTICS', { from: '2022-01-01', to: '2026-12-31' }, ADMIN],
      ['ONBOARDING_BOARD', { centerId: null, closedState: 'APPROVED', first: 50, closedFirst: 20 }, ADMIN],
      ['REVIEW_QUEUE', { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', first: 100 }, STAFF],
      ['FILINGS', { filter: {}, first: 25 }, ADMIN],
      ['LOCATE_CENTER', { htsNumbers: numbers(500), values: Array(500).fill(1000) }, STAFF],
    ];
    for (const [name, variables, as] of sent) {
      const { errors } = await system.query(print(operations[name]!), variables, as);
      expect([name, errors]).toEqual([name, undefined]);
    }
  });
});
