import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloClient, gql, InMemoryCache } from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { eventually } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { entrySummaryInput, type LiveSubscription, startSystem, type System, waitForFiling, webSocketUrl } from '@cee-hub/launcher/testing';
import WebSocket, { WebSocketServer } from 'ws';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ELECTRONICS_STAFF, PHARMA_SUPERVISOR_EMAIL as PHARMA_STAFF } from '@cee-hub/db/seeded-users';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const HARBORVIEW = importerRows.find((row) => row.name === 'Harborview Pharma Inc.')!;

const SUBSCRIPTION = `subscription($filter: FilingUpdateFilter, $since: ID) {
  filingUpdated(filter: $filter, since: $since) {
    id type toStatus
    filing { id entryNumber importer { name } processingCenter { name } }
  }
}`;

let system: System;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0', LIQUIDATION_AFTER_ENTRY: '1s' } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** Subscribes to SUBSCRIPTION as `as` on a connection of its own (the system's gateway unless `url`). */
async function subscribe(as: string, variables: Record<string, unknown> = {}, url?: string): Promise<LiveSubscription> {
  return (await system.connect(as, { url })).subscribe(SUBSCRIPTION, variables);
}

/**
 * The latest event written. A subscription with `since` set to it gets every event after it,
 * however long the subscription takes to start: graphql-ws acknowledges no subscription, so
 * this is how a test files only once it is sure to hear of it.
 */
async function latestEventId(): Promise<string> {
  const [row] = await system.sql<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM filings.filing_event');
  return row!.id;
}

async function file(importer: (typeof importerRows)[number]): Promise<{ id: string; entryNumber: string }> {
  const { data, errors } = await system.query(
    'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }',
    { input: entrySummaryInput(importer.id) },
    importer.contactEmail,
  );
  expect(errors).toBeUndefined();
  return data!.fileEntrySummary;
}

it("delivers each step of a filing live, with the importer's and the Center's names from their subgraphs", async () => {
  const staff = await subscribe(ELECTRONICS_STAFF, { since: await latestEventId() });
  const filing = await file(PACIFIC);
  await eventually('the filing to be liquidated', () => staff.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED'));
  const mine = staff.events.filter((event) => event.filing.id === filing.id);
  expect(mine[0]).toMatchObject({
    type: 'FILED',
    toStatus: 'FILED',
    filing: { entryNumber: filing.entryNumber, importer: { name: PACIFIC.name }, processingCenter: { name: 'Electronics' } },
  });
  expect(mine.map((event) => event.toStatus)).toEqual(expect.arrayContaining(['FILED', 'ACCEPTED', 'LIQUIDATED']));
  const ids = staff.events.map((event) => BigInt(event.id));
  expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
  staff.stop();
});

it('resumes after a disconnect with since: nothing lost, nothing repeated', async () => {
  const first = await subscribe(ADMIN, { since: await latestEventId() });
  const before = await file(PACIFIC);
  await eventually('the first filing', () => first.events.some((event) => event.filing.id === before.id));
  const lastSeen = first.events[first.events.length - 1].id;
  first.stop();

  // While nobody listens, another filing goes through its whole review.
  const missed = await file(PACIFIC);
  await waitForFiling(system, missed.id, ADMIN, (filing) => filing.status === 'LIQUIDATED');

  const resumed = await subscribe(ADMIN, { since: lastSeen });
  await eventually('the missed filing', () => resumed.events.some((event) => event.filing.id === missed.id && event.toStatus === 'LIQUIDATED'));
  const ids = resumed.events.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => BigInt(id) > BigInt(lastSeen))).toBe(true);
  expect(resumed.events.filter((event) => event.filing.id === missed.id)[0].toStatus).toBe('FILED');
  resumed.stop();
});

it("gives staff only their Center's filings and importers only their own, also when a filter asks for more", async () => {
  const since = await latestEventId();
  const pharma = await subscribe(PHARMA_STAFF, { since });
  const importer = await subscribe(HARBORVIEW.contactEmail, { since });
  const pacificFiling = await file(PACIFIC);
  const harborviewFiling = await file(HARBORVIEW);
  await eventually("the Pharma filing's event", () => pharma.events.some((event) => event.filing.id === harborviewFiling.id));
  await eventually("the importer's own event", () => importer.events.some((event) => event.filing.id === harborviewFiling.id));
  expect(pharma.events.some((event) => event.filing.id === pacificFiling.id)).toBe(false);
  expect(importer.events.some((event) => event.filing.id === pacificFiling.id)).toBe(false);
  pharma.stop();
  importer.stop();

  const forbidden = await subscribe(PHARMA_STAFF, { filter: { centerId: 'ELECTRONICS' } });
  await forbidden.closed;
  expect(JSON.stringify(forbidden.errors)).toContain('FORBIDDEN');
});

it('sends an event whose selection partly fails with its errors, and goes on with the next events', async () => {
  // An importer may not list a Center's importers: every event's answer carries a FORBIDDEN error.
  const query = `subscription($since: ID) {
    filingUpdated(since: $since) { id toStatus filing { id processingCenter { participatingImporters(first: 1) { nodes { name } } } } }
  }`;
  const subscription = (await system.connect(HARBORVIEW.contactEmail)).subscribe(query, { since: await latestEventId() });
  const filing = await file(HARBORVIEW);
  const { results } = subscription;
  await eventually('the liquidation', () => results.some((result) => result.data?.filingUpdated?.filing.id === filing.id && result.data.filingUpdated.toStatus === 'LIQUIDATED') || subscription.ended);
  expect(subscription.ended).toBe(false);
  const mine: any[] = results.filter((result) => result.data?.filingUpdated?.filing.id === filing.id);
  expect(mine.length).toBeGreaterThanOrEqual(3);
  for (const result of mine) {
    expect(result.data.filingUpdated.filing.processingCenter).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  subscription.stop();
});

it('closes with 4403 on a bad or missing token before anything is subscribed', async () => {
  for (const authorization of ['Bearer not-a-token', undefined]) {
    const refused = (await system.connect(null, { authorization })).subscribe(SUBSCRIPTION);
    await refused.closed;
    expect(refused.errors[0]?.code).toBe(4403);
  }
});

it('works with @apollo/client over its graphql-ws link', async () => {
  const link = new GraphQLWsLink((await system.connect(ELECTRONICS_STAFF)).client);
  const apollo = new ApolloClient({ link, cache: new InMemoryCache() });
  const received: any[] = [];
  const subscription = apollo
    .subscribe({ query: gql(SUBSCRIPTION), variables: { filter: { importerId: PACIFIC.id }, since: await latestEventId() } })
    .subscribe({ next: (result) => received.push(result.data?.filingUpdated) });
  const filing = await file(PACIFIC);
  await eventually('the event through Apollo Client', () => received.some((event) => event?.filing.id === filing.id));
  expect(received.find((event) => event.filing.id === filing.id).filing.importer.name).toBe(PACIFIC.name);
  subscription.unsubscribe();
  apollo.stop();
});

it('keeps the subscription across a restart of the filings subgraph', async () => {
  const staff = await subscribe(ELECTRONICS_STAFF, { since: await latestEventId() });
  // Live before the restart: it has delivered a filing made after it started.
  const before = await file(PACIFIC);
  await eventually('an event before the restart', () => staff.events.some((event) => event.filing.id === before.id));
  await system.restart('filings');
  const filing = await file(PACIFIC);
  await eventually('events after the restart', () => staff.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED'));
  const ids = staff.events.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  staff.stop();
});

describe('two gateways and two filings replicas', () => {
  it('delivers a change made through one gateway to a subscriber on the other', async () => {
    const filingsB = await system.startReplica('filings');
    const gatewayB = await system.startReplica('gateway', { subgraphUrls: { filings: `${filingsB.url}/graphql` } });
    // The subscriber listens through gateway B and filings replica B; the filing and its
    // review happen through gateway A, filings replica A and the worker.
    const onB = await subscribe(ELECTRONICS_STAFF, { since: await latestEventId() }, webSocketUrl(gatewayB.url));
    const filing = await file(PACIFIC);
    await eventually('the events on gateway B', () => onB.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED'));
    expect(onB.events.find((event) => event.filing.id === filing.id).filing.processingCenter.name).toBe('Electronics');
    onB.stop();
  }, 120_000);
});

/**
 * A pass-through in front of the filings subgraph's graphql-ws endpoint that counts what a
 * gateway subscribes to there: connections opened, `subscribe` messages sent, and the
 * subscriptions open now (subscribed, neither completed nor on a closed connection).
 */
async function filingsSubscriptionProbe(target: string) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (protocols) => [...protocols][0] ?? false });
  await new Promise((resolve) => server.once('listening', resolve));
  const open = new Set<Set<string>>();
  const counts = { connections: 0, subscribes: 0 };
  server.on('connection', (gatewaySide) => {
    counts.connections += 1;
    const subscriptions = new Set<string>();
    open.add(subscriptions);
    const filingsSide = new WebSocket(target, gatewaySide.protocol);
    const waiting: string[] = [];
    filingsSide.on('open', () => waiting.splice(0).forEach((message) => filingsSide.send(message)));
    gatewaySide.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: string };
      if (message.type === 'subscribe') {
        counts.subscribes += 1;
        subscriptions.add(message.id!);
      }
      if (message.type === 'complete') subscriptions.delete(message.id!);
      if (filingsSide.readyState === WebSocket.OPEN) filingsSide.send(String(data));
      else waiting.push(String(data));
    });
    filingsSide.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: string };
      if (message.type === 'complete' || message.type === 'error') subscriptions.delete(message.id!);
      gatewaySide.send(String(data));
    });
    // Each side's end ends the other, as a direct connection would; 1005 and 1006 cannot be sent.
    const end = (socket: WebSocket, code: number, reason: Buffer) => {
      open.delete(subscriptions);
      if (code === 1005 || code === 1006) socket.terminate();
      else socket.close(code, reason);
    };
    filingsSide.on('close', (code, reason) => end(gatewaySide, code, reason));
    gatewaySide.on('close', (code, reason) => end(filingsSide, code, reason));
    filingsSide.on('error', () => gatewaySide.terminate());
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    counts,
    openSubscriptions: () => [...open].reduce((sum, subscriptions) => sum + subscriptions.size, 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A pass-through in front of the filings subgraph's HTTP endpoint that counts, by event id, the
 * `filingEvent` queries a gateway sends to resolve subscription events.
 */
async function filingsQueryProbe(target: string) {
  const resolutions = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.includes('filingEvent')) {
        const eventId = (JSON.parse(String(body)) as { variables?: { ceeHubEventId?: string } }).variables?.ceeHubEventId;
        if (eventId) resolutions.set(eventId, (resolutions.get(eventId) ?? 0) + 1);
      }
      const forwarded = http.request(new URL(request.url!, target), { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(response);
      });
      forwarded.on('error', () => response.writeHead(502).end());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    resolutions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('clients sharing upstream subscriptions', () => {
  let gatewayWs: string;
  let subscriptions: Awaited<ReturnType<typeof filingsSubscriptionProbe>>;
  let queries: Awaited<ReturnType<typeof filingsQueryProbe>>;

  beforeAll(async () => {
    // A gateway of its own whose every way to the filings subgraph passes a probe; it does
    // not merge identical subgraph requests itself, so the probe counts what it resolves.
    subscriptions = await filingsSubscriptionProbe(webSocketUrl(system.stack.urls.filings));
    queries = await filingsQueryProbe(system.stack.urls.filings);
    const gateway = await system.startReplica('gateway', {
      subgraphUrls: { filings: queries.url },
      env: { FILINGS_WS_URL: subscriptions.url, SUBGRAPH_DEDUPLICATION: 'false' },
    });
    gatewayWs = webSocketUrl(gateway.url);
  }, 90_000);

  afterAll(async () => {
    await subscriptions?.close();
    await queries?.close();
  });

  /**
   * Subscribes `count` clients, each on a socket of its own, waits until the gateway has
   * subscribed upstream, then until every client has an event of a filing of `importer`: each
   * client's subscription is live at the gateway by then.
   */
  async function subscribeMany(as: string, count: number, upstreams: number, importer: (typeof importerRows)[number]): Promise<LiveSubscription[]> {
    const group: LiveSubscription[] = [];
    for (let index = 0; index < count; index++) group.push(await subscribe(as, {}, gatewayWs));
    await eventually(`${upstreams} upstream subscription(s)`, () => subscriptions.openSubscriptions() === upstreams);
    const probe = await file(importer);
    await eventually('every client to be live', () => group.every((received) => received.events.some((event) => event.filing.id === probe.id)));
    return group;
  }

  function expectEachOnce(group: LiveSubscription[], filingIds: string[]): void {
    const wanted = (received: LiveSubscription) => received.events.filter((event) => filingIds.includes(event.filing.id)).map((event) => event.id);
    for (const received of group) {
      const ids = received.events.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(received.errors).toEqual([]);
      expect(wanted(received)).toEqual(wanted(group[0]!));
    }
  }

  async function eventIdsOf(filingId: string): Promise<string[]> {
    const { data } = await system.query('query($id: ID!) { filing(id: $id) { events { id } } }', { id: filingId }, ADMIN);
    return data!.filing.events.map((event: { id: string }) => event.id);
  }

  it('gives many clients of one identity and selection one upstream subscription and one resolution per event, and each client every event once', async () => {
    const before = { ...subscriptions.counts };
    const group = await subscribeMany(ELECTRONICS_STAFF, 20, 1, PACIFIC);
    expect(subscriptions.counts.subscribes - before.subscribes).toBe(1);
    expect(subscriptions.counts.connections - before.connections).toBe(1);

    const filing = await file(PACIFIC);
    await eventually('every client to see the liquidation', () => group.every((received) => received.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED')));
    const expected = await eventIdsOf(filing.id);
    expectEachOnce(group, [filing.id]);
    expect(group[0]!.events.filter((event) => event.filing.id === filing.id).map((event) => event.id)).toEqual(expected);
    expect(expected.map((eventId) => queries.resolutions.get(eventId))).toEqual(expected.map(() => 1));

    for (const received of group) received.stop();
    await eventually('the upstream subscription to close after the last client', () => subscriptions.openSubscriptions() === 0);
  }, 90_000);

  it('keeps two identities on the same filter apart: each sees only what it may see', async () => {
    const admins = await subscribeMany(ADMIN, 3, 1, PACIFIC);
    const pharma = await subscribeMany(PHARMA_STAFF, 3, 2, HARBORVIEW);

    const pacificFiling = await file(PACIFIC);
    const harborviewFiling = await file(HARBORVIEW);
    const liquidated = (group: LiveSubscription[], filingId: string) => group.every((received) => received.events.some((event) => event.filing.id === filingId && event.toStatus === 'LIQUIDATED'));
    await eventually('both filings to be liquidated', () => liquidated(admins, pacificFiling.id) && liquidated(admins, harborviewFiling.id) && liquidated(pharma, harborviewFiling.id));
    expectEachOnce(admins, [pacificFiling.id, harborviewFiling.id]);
    expectEachOnce(pharma, [harborviewFiling.id]);
    for (const received of pharma) expect(received.events.every((event) => event.filing.processingCenter.name === 'Pharmaceuticals, Health & Chemicals')).toBe(true);
    // Each identity's events are resolved for it: the Pharma filing's twice, the other once.
    for (const eventId of await eventIdsOf(harborviewFiling.id)) expect(queries.resolutions.get(eventId)).toBe(2);
    for (const eventId of await eventIdsOf(pacificFiling.id)) expect(queries.resolutions.get(eventId)).toBe(1);

    for (const received of [...admins, ...pharma]) received.stop();
    await eventually('the upstream subscriptions to close', () => subscriptions.openSubscriptions() === 0);
  }, 90_000);

  it('resubscribes a group of shared clients after the filings subgraph restarts, and they lose nothing', async () => {
    const group = await subscribeMany(ELECTRONICS_STAFF, 10, 1, PACIFIC);
    const before = await file(PACIFIC);
    await eventually('the first filing', () => group.every((received) => received.events.some((event) => event.filing.id === before.id)));
    // The first filing's review goes on while the subgraph is away: its events must still come.
    await system.restart('filings');
    const after = await file(PACIFIC);
    const liquidated = (filingId: string) => group.every((received) => received.events.some((event) => event.filing.id === filingId && event.toStatus === 'LIQUIDATED'));
    await eventually('both filings to be liquidated on every client', () => liquidated(before.id) && liquidated(after.id), Boolean, { timeoutMs: 60_000 });
    expectEachOnce(group, [before.id, after.id]);
    for (const filingId of [before.id, after.id]) {
      expect(group[0]!.events.filter((event) => event.filing.id === filingId).map((event) => event.id)).toEqual(await eventIdsOf(filingId));
    }
    expect(subscriptions.openSubscriptions()).toBe(1);
    for (const received of group) received.stop();
  }, 120_000);
});
