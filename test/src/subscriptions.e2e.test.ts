import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ApolloClient, gql, InMemoryCache } from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { postGraphQL } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { freePort } from '@cee-hub/db/testing';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
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

beforeAll(async () => {
  system = await startSystem({ env: { REVIEW_RANDOM_SAMPLE_RATE: '0', LIQUIDATION_AFTER_ENTRY: '1s' } });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await system?.stop();
});

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
  const extra: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of extra) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  async function launch(entry: string, env: NodeJS.ProcessEnv, port: number): Promise<void> {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: system.stack.databaseUrl, TEMPORAL_ADDRESS: system.stack.temporalAddress, ...env },
      stdio: 'ignore',
    });
    extra.push(child);
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok).catch(() => false))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${entry} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

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
