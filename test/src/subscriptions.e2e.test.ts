import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloClient, gql, InMemoryCache } from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { postGraphQL } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { freePort } from '@cee-hub/db/testing';
import { type Client, createClient } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { entrySummaryInput } from './support/filings';
import { startSystem, type System } from './support/system';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const HARBORVIEW = importerRows.find((row) => row.name === 'Harborview Pharma Inc.')!;
const ELECTRONICS_STAFF = 'entry-specialist.electronics@cbp.example';
const PHARMA_STAFF = 'supervisor.pharma@cbp.example';
const ADMIN = 'admin@cbp.example';

const SUBSCRIPTION = `subscription($filter: FilingUpdateFilter, $since: ID) {
  filingUpdated(filter: $filter, since: $since) {
    id type toStatus
    filing { id entryNumber importer { name } processingCenter { name } }
  }
}`;

let system: System;
const clients: Client[] = [];
/** Gateways and filings replicas some tests start beside the system. */
const extra: ChildProcess[] = [];

beforeAll(async () => {
  system = await startSystem({ env: { REVIEW_RANDOM_SAMPLE_RATE: '0', LIQUIDATION_AFTER_ENTRY: '1s' } });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const child of extra) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await system?.stop();
});

/** Starts a process of the repository beside the system and waits for it to be ready. */
async function launch(entry: string, env: NodeJS.ProcessEnv, port: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: system.stack.databaseUrl,
      TEMPORAL_ADDRESS: system.stack.temporalAddress,
      // Replicas of the system's processes share its secrets.
      JWT_SECRET: system.stack.secrets.jwtSecret,
      INTERNAL_TOKEN_SECRET: system.stack.secrets.internalTokenSecret,
      ...env,
    },
    stdio: 'ignore',
  });
  extra.push(child);
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${entry} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}

async function connect(as: string | null, url = wsUrl(system.stack.urls.gateway), token?: string): Promise<Client> {
  const authorization = token ?? (as ? `Bearer ${await system.tokenFor(as)}` : undefined);
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: authorization ? { authorization } : {},
  });
  clients.push(client);
  return client;
}

interface Received {
  events: any[];
  errors: any[];
  closed: Promise<void>;
  stop: () => void;
}

function subscribe(client: Client, variables: Record<string, unknown> = {}): Received {
  const received: Received = { events: [], errors: [], closed: Promise.resolve(), stop: () => undefined };
  received.closed = new Promise((resolve) => {
    received.stop = client.subscribe(
      { query: SUBSCRIPTION, variables },
      {
        next: (result) => {
          if (result.errors) received.errors.push(...result.errors);
          if (result.data) received.events.push((result.data as any).filingUpdated);
        },
        error: (error) => {
          received.errors.push(error);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return received;
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function file(importer: (typeof importerRows)[number], url = system.gatewayUrl): Promise<{ id: string; entryNumber: string }> {
  const token = await system.tokenFor(importer.contactEmail);
  const { data, errors } = await postGraphQL(
    url,
    'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }',
    { input: entrySummaryInput(importer.id) },
    { authorization: `Bearer ${token}` },
  );
  expect(errors).toBeUndefined();
  return data!.fileEntrySummary;
}

it("delivers each step of a filing live, with the importer's and the Center's names from their subgraphs", async () => {
  const staff = subscribe(await connect(ELECTRONICS_STAFF));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const filing = await file(PACIFIC);
  await until(() => staff.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED'), 'the filing to be liquidated');
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
  const first = subscribe(await connect(ADMIN));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const before = await file(PACIFIC);
  await until(() => first.events.some((event) => event.filing.id === before.id), 'the first filing');
  const lastSeen = first.events[first.events.length - 1].id;
  first.stop();

  // While nobody listens, another filing goes through its whole review.
  const missed = await file(PACIFIC);
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const resumed = subscribe(await connect(ADMIN), { since: lastSeen });
  await until(() => resumed.events.some((event) => event.filing.id === missed.id && event.toStatus === 'LIQUIDATED'), 'the missed filing');
  const ids = resumed.events.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => BigInt(id) > BigInt(lastSeen))).toBe(true);
  expect(resumed.events.filter((event) => event.filing.id === missed.id)[0].toStatus).toBe('FILED');
  resumed.stop();
});

it("gives staff only their Center's filings and importers only their own, also when a filter asks for more", async () => {
  const pharma = subscribe(await connect(PHARMA_STAFF));
  const importer = subscribe(await connect(HARBORVIEW.contactEmail));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const pacificFiling = await file(PACIFIC);
  const harborviewFiling = await file(HARBORVIEW);
  await until(() => pharma.events.some((event) => event.filing.id === harborviewFiling.id), "the Pharma filing's event");
  await until(() => importer.events.some((event) => event.filing.id === harborviewFiling.id), "the importer's own event");
  expect(pharma.events.some((event) => event.filing.id === pacificFiling.id)).toBe(false);
  expect(importer.events.some((event) => event.filing.id === pacificFiling.id)).toBe(false);
  pharma.stop();
  importer.stop();

  const forbidden = subscribe(await connect(PHARMA_STAFF), { filter: { centerId: 'ELECTRONICS' } });
  await forbidden.closed;
  expect(JSON.stringify(forbidden.errors)).toContain('FORBIDDEN');
});

it('sends an event whose selection partly fails with its errors, and goes on with the next events', async () => {
  // An importer may not list a Center's importers: every event's answer carries a FORBIDDEN error.
  const query = `subscription {
    filingUpdated { id toStatus filing { id processingCenter { participatingImporters(first: 1) { nodes { name } } } } }
  }`;
  const results: any[] = [];
  let ended: unknown;
  const stop = (await connect(HARBORVIEW.contactEmail)).subscribe(
    { query },
    { next: (result) => results.push(result), error: (error) => (ended = error), complete: () => (ended = 'complete') },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const filing = await file(HARBORVIEW);
  await until(() => results.some((result) => result.data?.filingUpdated?.filing.id === filing.id && result.data.filingUpdated.toStatus === 'LIQUIDATED') || ended !== undefined, 'the liquidation');
  expect(ended).toBeUndefined();
  const mine = results.filter((result) => result.data?.filingUpdated?.filing.id === filing.id);
  expect(mine.length).toBeGreaterThanOrEqual(3);
  for (const result of mine) {
    expect(result.data.filingUpdated.filing.processingCenter).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  stop();
});

it('closes with 4403 on a bad or missing token before anything is subscribed', async () => {
  for (const token of ['Bearer not-a-token', undefined]) {
    const client = await connect(null, undefined, token);
    const refused = subscribe(client);
    await refused.closed;
    expect(refused.errors[0]?.code).toBe(4403);
  }
});

it('works with @apollo/client over its graphql-ws link', async () => {
  const link = new GraphQLWsLink(await connect(ELECTRONICS_STAFF));
  const apollo = new ApolloClient({ link, cache: new InMemoryCache() });
  const received: any[] = [];
  const subscription = apollo
    .subscribe({ query: gql(SUBSCRIPTION), variables: { filter: { importerId: PACIFIC.id } } })
    .subscribe({ next: (result) => received.push(result.data?.filingUpdated) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const filing = await file(PACIFIC);
  await until(() => received.some((event) => event?.filing.id === filing.id), 'the event through Apollo Client');
  expect(received.find((event) => event.filing.id === filing.id).filing.importer.name).toBe(PACIFIC.name);
  subscription.unsubscribe();
  apollo.stop();
});

it('keeps the subscription across a restart of the filings subgraph', async () => {
  const staff = subscribe(await connect(ELECTRONICS_STAFF));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await system.stack.restart('filings');
  const filing = await file(PACIFIC);
  await until(() => staff.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED'), 'events after the restart');
  const ids = staff.events.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  staff.stop();
});

describe('two gateways and two filings replicas', () => {
  it('delivers a change made through one gateway to a subscriber on the other', async () => {
    const filingsPort = await freePort();
    const gatewayPort = await freePort();
    await launch('subgraphs/filings/dist/index.js', { FILINGS_PORT: String(filingsPort) }, filingsPort);
    await launch(
      'gateway/dist/index.js',
      {
        GATEWAY_PORT: String(gatewayPort),
        CENTERS_URL: `${system.stack.urls.centers}/graphql`,
        IMPORTERS_URL: `${system.stack.urls.importers}/graphql`,
        FILINGS_URL: `http://127.0.0.1:${filingsPort}/graphql`,
      },
      gatewayPort,
    );
    // The subscriber listens through gateway B and filings replica B; the filing and its
    // review happen through gateway A, filings replica A and the worker.
    const onB = subscribe(await connect(ELECTRONICS_STAFF, `ws://127.0.0.1:${gatewayPort}/graphql`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const filing = await file(PACIFIC, system.gatewayUrl);
    await until(() => onB.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED'), 'the events on gateway B');
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
    subscriptions = await filingsSubscriptionProbe(wsUrl(system.stack.urls.filings));
    queries = await filingsQueryProbe(system.stack.urls.filings);
    const port = await freePort();
    await launch(
      'gateway/dist/index.js',
      {
        GATEWAY_PORT: String(port),
        CENTERS_URL: `${system.stack.urls.centers}/graphql`,
        IMPORTERS_URL: `${system.stack.urls.importers}/graphql`,
        FILINGS_URL: queries.url,
        FILINGS_WS_URL: subscriptions.url,
        SUBGRAPH_DEDUPLICATION: 'false',
      },
      port,
    );
    gatewayWs = `ws://127.0.0.1:${port}/graphql`;
  }, 90_000);

  afterAll(async () => {
    await subscriptions?.close();
    await queries?.close();
  });

  /** Subscribes `count` clients, each on a socket of its own, and waits until the gateway has subscribed upstream. */
  async function subscribeMany(as: string, count: number, upstreams: number): Promise<Received[]> {
    const group: Received[] = [];
    for (let index = 0; index < count; index++) group.push(subscribe(await connect(as, gatewayWs)));
    await until(() => subscriptions.openSubscriptions() === upstreams, `${upstreams} upstream subscription(s)`);
    // Every client's subscribe message has reached the gateway by now (each is sent on connect).
    await new Promise((resolve) => setTimeout(resolve, 500));
    return group;
  }

  function expectEachOnce(group: Received[], filingIds: string[]): void {
    const wanted = (received: Received) => received.events.filter((event) => filingIds.includes(event.filing.id)).map((event) => event.id);
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
    const group = await subscribeMany(ELECTRONICS_STAFF, 20, 1);
    expect(subscriptions.counts.subscribes - before.subscribes).toBe(1);
    expect(subscriptions.counts.connections - before.connections).toBe(1);

    const filing = await file(PACIFIC);
    await until(() => group.every((received) => received.events.some((event) => event.filing.id === filing.id && event.toStatus === 'LIQUIDATED')), 'every client to see the liquidation');
    const expected = await eventIdsOf(filing.id);
    expectEachOnce(group, [filing.id]);
    expect(group[0]!.events.filter((event) => event.filing.id === filing.id).map((event) => event.id)).toEqual(expected);
    expect(expected.map((eventId) => queries.resolutions.get(eventId))).toEqual(expected.map(() => 1));

    for (const received of group) received.stop();
    await until(() => subscriptions.openSubscriptions() === 0, 'the upstream subscription to close after the last client');
  }, 90_000);

  it('keeps two identities on the same filter apart: each sees only what it may see', async () => {
    const admins = await subscribeMany(ADMIN, 3, 1);
    const pharma = await subscribeMany(PHARMA_STAFF, 3, 2);

    const pacificFiling = await file(PACIFIC);
    const harborviewFiling = await file(HARBORVIEW);
    const liquidated = (group: Received[], filingId: string) => group.every((received) => received.events.some((event) => event.filing.id === filingId && event.toStatus === 'LIQUIDATED'));
    await until(() => liquidated(admins, pacificFiling.id) && liquidated(admins, harborviewFiling.id) && liquidated(pharma, harborviewFiling.id), 'both filings to be liquidated');
    expectEachOnce(admins, [pacificFiling.id, harborviewFiling.id]);
    expectEachOnce(pharma, [harborviewFiling.id]);
    for (const received of pharma) expect(received.events.every((event) => event.filing.processingCenter.name === 'Pharmaceuticals, Health & Chemicals')).toBe(true);
    // Each identity's events are resolved for it: the Pharma filing's twice, the other once.
    for (const eventId of await eventIdsOf(harborviewFiling.id)) expect(queries.resolutions.get(eventId)).toBe(2);
    for (const eventId of await eventIdsOf(pacificFiling.id)) expect(queries.resolutions.get(eventId)).toBe(1);

    for (const received of [...admins, ...pharma]) received.stop();
    await until(() => subscriptions.openSubscriptions() === 0, 'the upstream subscriptions to close');
  }, 90_000);

  it('resubscribes a group of shared clients after the filings subgraph restarts, and they lose nothing', async () => {
    const group = await subscribeMany(ELECTRONICS_STAFF, 10, 1);
    const before = await file(PACIFIC);
    await until(() => group.every((received) => received.events.some((event) => event.filing.id === before.id)), 'the first filing');
    // The first filing's review goes on while the subgraph is away: its events must still come.
    await system.stack.restart('filings');
    const after = await file(PACIFIC);
    const liquidated = (filingId: string) => group.every((received) => received.events.some((event) => event.filing.id === filingId && event.toStatus === 'LIQUIDATED'));
    await until(() => liquidated(before.id) && liquidated(after.id), 'both filings to be liquidated on every client', 60_000);
    expectEachOnce(group, [before.id, after.id]);
    for (const filingId of [before.id, after.id]) {
      expect(group[0]!.events.filter((event) => event.filing.id === filingId).map((event) => event.id)).toEqual(await eventIdsOf(filingId));
    }
    expect(subscriptions.openSubscriptions()).toBe(1);
    for (const received of group) received.stop();
  }, 120_000);
});
