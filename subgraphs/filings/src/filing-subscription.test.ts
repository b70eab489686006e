import { addDays, DEV_INTERNAL_TOKEN_SECRET, formatEntryNumber, type Identity, INTERNAL_IDENTITY_HEADER, InternalTokenSigner, today } from '@cee-hub/common';
import { subgraphCaller, testSubgraphConfig } from '@cee-hub/common/testing';
import { allEntities, createDataSource, entrySummaryRows, migrateDatabase, seedDatabase } from '@cee-hub/db';
import { startScratchDatabase, type TestDatabase } from '@cee-hub/db/testing';
import { type Client as WsClient, createClient } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { SubscriberTooSlowError } from './errors';
import { createFilingsDataSource, type RunningFilingsServer, startFilingsServer } from './server';
import { EntrySummaryService } from './services/entry-summary.service';
import { FilingUpdateStream } from './services/filing-update-stream';

const PUBLIC: Identity = { role: 'PUBLIC' };
const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const ELECTRONICS_STAFF: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' };
const PHARMA_STAFF: Identity = { role: 'SUPERVISOR', centerId: 'PHARMA', email: 'supervisor.pharma@cbp.example' };

const ENTRY_DATE = addDays(today(), -3);
const PHARMA_FILING = entrySummaryRows.find((row) => row.entryNumber === formatEntryNumber('H7P', 2000001))!;

const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber events { id } } }`;
const FILING_UPDATED = `subscription($filter: FilingUpdateFilter, $since: ID) {
  filingUpdated(filter: $filter, since: $since) { id type fromStatus toStatus actor filing { id entryNumber status } }
}`;

interface ReceivedEvent {
  id: string;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  filing: { id: string; entryNumber: string; status: string };
}

/** One graphql-ws subscription as a test sees it: what arrived, and how it ended. */
interface Feed {
  events: ReceivedEvent[];
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
  failure: unknown;
  completed: boolean;
  /** Completes the subscription (the client's `complete` message), keeping the socket. */
  unsubscribe(): void;
  /** Closes the socket. */
  close(): Promise<void>;
}

// A database of its own: the other suites of this package share theirs and count its rows and notifications.
let database: TestDatabase;
let dataSource: DataSource;
let server: RunningFilingsServer;
let call: ReturnType<typeof subgraphCaller>;
let wsUrl: string;
let pacificId: string;
let midwestId: string;
let PACIFIC: Identity;
let MIDWEST: Identity;
const signer = new InternalTokenSigner(DEV_INTERNAL_TOKEN_SECRET);
const clients = new Set<WsClient>();

let serial = 1;
const newEntryNumber = () => formatEntryNumber('WSS', serial++);

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Files a summary: for Pacific Circuit (ELECTRONICS) by default, for Midwest Steel (its port) by an admin. */
async function file(importer: 'PACIFIC' | 'MIDWEST' = 'PACIFIC'): Promise<{ id: string; entryNumber: string; eventId: string }> {
  const input = {
    entryNumber: newEntryNumber(),
    entryType: '01',
    portOfEntry: '2704',
    entryDate: ENTRY_DATE,
    releaseDate: null,
    lines: [{ htsNumber: '8471.30.0100', countryOfOrigin: 'TW', enteredValue: 1000, dutyRate: 2.5 }],
  };
  const { data, errors } =
    importer === 'PACIFIC' ? await call(PACIFIC, FILE, { input }) : await call(ADMIN, FILE, { input: { ...input, importerId: midwestId } });
  expect(errors).toBeUndefined();
  const filed = data!.fileEntrySummary;
  return { id: filed.id, entryNumber: filed.entryNumber, eventId: filed.events[0].id };
}

function connect(connectionParams: Record<string, unknown>, onClosed?: (event: unknown) => void): WsClient {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, on: onClosed ? { closed: onClosed } : {} });
  clients.add(client);
  return client;
}

/** Subscribes over graphql-ws as the gateway would, and waits until the subscription is on the bus (or refused). */
async function subscribe(identity: Identity, variables: Record<string, unknown> = {}, { expectRefusal = false } = {}): Promise<Feed> {
  const client = connect({ [INTERNAL_IDENTITY_HEADER]: await signer.sign(identity) });
  const before = server.events.subscriberCount;
  const feed: Feed = {
    events: [],
    errors: [],
    failure: undefined,
    completed: false,
    unsubscribe: () => undefined,
    close: async () => {
      clients.delete(client);
      await client.dispose();
    },
  };
  feed.unsubscribe = client.subscribe<{ filingUpdated: ReceivedEvent }>(
    { query: FILING_UPDATED, variables },
    {
      next: (result) => {
        if (result.errors) feed.errors.push(...(result.errors as Feed['errors']));
        if (result.data?.filingUpdated) feed.events.push(result.data.filingUpdated);
      },
      error: (error) => {
        feed.failure = error;
      },
      complete: () => {
        feed.completed = true;
      },
    },
  );
  if (expectRefusal) await waitUntil(() => feed.completed || feed.failure !== undefined, 'the refusal');
  else await waitUntil(() => server.events.subscriberCount > before || feed.completed || feed.failure !== undefined, 'the subscription');
  return feed;
}

const entryNumbers = (feed: Feed) => feed.events.map((event) => event.filing.entryNumber);

beforeAll(async () => {
  const serverUrl = new URL(process.env.TEST_DB_URL!);
  serverUrl.pathname = '/postgres';
  database = await startScratchDatabase(serverUrl.toString());
  await migrateDatabase(database.url);
  const seeding = await createDataSource({ url: database.url, entities: allEntities, poolSize: 2 }).initialize();
  try {
    await seedDatabase(seeding);
  } finally {
    await seeding.destroy();
  }
  const config = testSubgraphConfig(database.url);
  dataSource = await createFilingsDataSource(config).initialize();
  // No Temporal: summaries are filed (and their FILED events recorded) without starting reviews.
  server = await startFilingsServer(config, dataSource, null, { bus: { reconnectDelayMs: 1_000, maxReconnectDelayMs: 2_000 } });
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, DEV_INTERNAL_TOKEN_SECRET);
  wsUrl = `ws://127.0.0.1:${server.port}/graphql`;
  const importers: Array<{ id: string; name: string }> = await dataSource.query('SELECT id, name FROM importers.importer');
  pacificId = importers.find((row) => row.name === 'Pacific Circuit Imports LLC')!.id;
  midwestId = importers.find((row) => row.name === 'Midwest Steel Supply Co.')!.id;
  PACIFIC = { role: 'IMPORTER', importerId: pacificId, email: 'customs@pacific-circuit.example' };
  MIDWEST = { role: 'IMPORTER', importerId: midwestId, email: 'customs@midwest-steel.example' };
}, 60_000);

afterEach(async () => {
  await Promise.all([...clients].map((client) => client.dispose()));
  clients.clear();
  // Every subscription leaves the bus when its client goes.
  await waitUntil(() => server.events.subscriberCount === 0, 'the bus to have no subscribers');
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
  await database?.stop();
});

describe('filingUpdated', () => {
  it('delivers a filing’s FILED event live, with the filing', async () => {
    const admin = await subscribe(ADMIN);
    const importer = await subscribe(PACIFIC);
    const filed = await file();
    await waitUntil(() => admin.events.length === 1 && importer.events.length === 1, 'the FILED event');
    for (const feed of [admin, importer]) {
      expect(feed.events).toEqual([
        {
          id: filed.eventId,
          type: 'FILED',
          fromStatus: null,
          toStatus: 'FILED',
          actor: 'customs@pacific-circuit.example',
          filing: { id: filed.id, entryNumber: filed.entryNumber, status: 'FILED' },
        },
      ]);
      expect(feed.errors).toEqual([]);
    }
  });

  it('resumes with since: the events missed while disconnected first, then live, none twice', async () => {
    const first = await subscribe(PACIFIC);
    const a = await file();
    await waitUntil(() => first.events.length === 1, 'the first event');
    const lastSeen = first.events[0]!.id;
    await first.close();

    const missed = [await file(), await file()];
    const resumed = await subscribe(PACIFIC, { since: lastSeen });
    // Filed while the replay may still be running: it must come once, after the replay.
    const racing = await Promise.all([file(), file()]);
    const later = await file();
    const expected = [...missed, ...racing.sort((x, y) => Number(x.eventId) - Number(y.eventId)), later].map((f) => f.entryNumber);
    await waitUntil(() => resumed.events.length >= expected.length, 'the replayed and live events');
    await pause(100);
    expect(entryNumbers(resumed)).toEqual(expected);
    expect(entryNumbers(resumed)).not.toContain(a.entryNumber);
    const ids = resumed.events.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('replays only what the caller may see and its filter asks for', async () => {
    const start = (await dataSource.query('SELECT max(id)::text AS id FROM filings.filing_event'))[0].id as string;
    const pacific = await file();
    const midwest = await file('MIDWEST');
    const staff = await subscribe(ELECTRONICS_STAFF, { since: start });
    const admin = await subscribe(ADMIN, { since: start, filter: { importerId: midwestId } });
    const byEntryNumber = await subscribe(ADMIN, { since: start, filter: { entryNumber: pacific.entryNumber.replace(/-/g, '') } });
    await waitUntil(() => staff.events.length === 1 && admin.events.length === 1 && byEntryNumber.events.length === 1, 'the replays');
    await pause(100);
    expect(entryNumbers(staff)).toEqual([pacific.entryNumber]);
    expect(entryNumbers(admin)).toEqual([midwest.entryNumber]);
    expect(entryNumbers(byEntryNumber)).toEqual([pacific.entryNumber]);
  });

  it('gives staff their Center’s filings, an importer its own and admins all', async () => {
    const admin = await subscribe(ADMIN);
    const electronics = await subscribe(ELECTRONICS_STAFF);
    const pharma = await subscribe(PHARMA_STAFF);
    const midwestFeed = await subscribe(MIDWEST);
    const pacificFeed = await subscribe(PACIFIC, { filter: { importerId: pacificId } });
    const electronicsFiltered = await subscribe(ELECTRONICS_STAFF, { filter: { centerId: 'ELECTRONICS' } });
    const pacific = await file();
    const midwest = await file('MIDWEST');
    await waitUntil(() => admin.events.length === 2, 'both events for the admin');
    await pause(200);
    expect(entryNumbers(admin)).toEqual([pacific.entryNumber, midwest.entryNumber]);
    expect(entryNumbers(electronics)).toEqual([pacific.entryNumber]);
    expect(entryNumbers(electronicsFiltered)).toEqual([pacific.entryNumber]);
    expect(entryNumbers(pharma)).toEqual([]);
    expect(entryNumbers(midwestFeed)).toEqual([midwest.entryNumber]);
    expect(entryNumbers(pacificFeed)).toEqual([pacific.entryNumber]);
  });

  it('follows an entry number that is not filed yet', async () => {
    const entryNumber = newEntryNumber();
    const feed = await subscribe(ADMIN, { filter: { entryNumber } });
    const other = await file();
    const { data, errors } = await call(PACIFIC, FILE, {
      input: {
        entryNumber,
        entryType: '01',
        portOfEntry: '2704',
        entryDate: ENTRY_DATE,
        lines: [{ htsNumber: '8471.30.0100', countryOfOrigin: 'TW', enteredValue: 10, dutyRate: 1 }],
      },
    });
    expect(errors).toBeUndefined();
    await waitUntil(() => feed.events.length === 1, 'the event of the entry number');
    await pause(100);
    expect(entryNumbers(feed)).toEqual([data!.fileEntrySummary.entryNumber]);
    expect(entryNumbers(feed)).not.toContain(other.entryNumber);
  });

  it('refuses filters reaching past what the caller may see, the public, and malformed input', async () => {
    const refusals: Array<[Identity, Record<string, unknown>, string]> = [
      [ELECTRONICS_STAFF, { filter: { centerId: 'PHARMA' } }, 'FORBIDDEN'],
      [PACIFIC, { filter: { importerId: midwestId } }, 'FORBIDDEN'],
      [ELECTRONICS_STAFF, { filter: { entryNumber: PHARMA_FILING.entryNumber } }, 'FORBIDDEN'],
      [PUBLIC, {}, 'UNAUTHENTICATED'],
      [ADMIN, { since: 'yesterday' }, 'BAD_USER_INPUT'],
      [ADMIN, { filter: { entryNumber: 'ABC-1234567-0' } }, 'BAD_USER_INPUT'],
    ];
    for (const [identity, variables, code] of refusals) {
      const feed = await subscribe(identity, variables, { expectRefusal: true });
      expect(feed.completed).toBe(true);
      expect(feed.events).toEqual([]);
      expect(feed.errors.map((error) => error.extensions?.code)).toEqual([code]);
    }
    expect(server.events.subscriberCount).toBe(0);
  });

  it('closes a connection without a valid gateway token with 4403', async () => {
    for (const params of [{}, { [INTERNAL_IDENTITY_HEADER]: 'not-a-token' }]) {
      let closeCode: number | undefined;
      const client = connect(params, (event) => {
        closeCode = (event as { code: number }).code;
      });
      let failure: unknown;
      client.subscribe({ query: FILING_UPDATED }, { next: () => undefined, error: (error) => (failure = error), complete: () => undefined });
      await waitUntil(() => closeCode !== undefined, 'the close');
      expect(closeCode).toBe(4403);
      await waitUntil(() => failure !== undefined, 'the error');
      expect(server.events.subscriberCount).toBe(0);
    }
  });

  it('leaves the bus when the client completes or goes', async () => {
    const completing = await subscribe(ADMIN);
    const closing = await subscribe(ADMIN);
    expect(server.events.subscriberCount).toBe(2);
    completing.unsubscribe();
    await waitUntil(() => server.events.subscriberCount === 1, 'the completed subscription to leave');
    await closing.close();
    await waitUntil(() => server.events.subscriberCount === 0, 'the closed connection’s subscription to leave');
  });

  it('answers the client’s keep-alive pings while a subscription is open', async () => {
    let pongs = 0;
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { [INTERNAL_IDENTITY_HEADER]: await signer.sign(ADMIN) },
      retryAttempts: 0,
      keepAlive: 30,
      on: { pong: () => pongs++ },
    });
    clients.add(client);
    client.subscribe({ query: FILING_UPDATED }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await waitUntil(() => server.events.subscriberCount === 1 && pongs >= 3, 'three pongs');
  });

  it('loses nothing when the LISTEN connection drops', async () => {
    const feed = await subscribe(ADMIN);
    const before = await file();
    await waitUntil(() => feed.events.length === 1, 'the first event');
    const [{ terminated }] = await dataSource.query(
      `SELECT count(*)::int AS terminated FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'cee-hub-filings-listener') t`,
    );
    expect(terminated).toBe(1);
    await waitUntil(() => !server.events.listening, 'the bus to notice');
    // Committed while the bus is down or catching up.
    const during = [await file(), await file()];
    expect(server.events.listening).toBe(false);
    expect((await fetch(`http://127.0.0.1:${server.port}/ready`)).status).toBe(503);
    await waitUntil(() => server.events.listening, 'the bus to listen again');
    expect((await fetch(`http://127.0.0.1:${server.port}/ready`)).status).toBe(200);
    const after = await file();
    const expected = [before, ...during, after].map((f) => f.entryNumber);
    await waitUntil(() => feed.events.length >= expected.length, 'every event');
    await pause(100);
    expect(entryNumbers(feed)).toEqual(expected);
    expect(feed.failure).toBeUndefined();
  });
});

describe('slow subscribers', () => {
  it('ends a subscriber whose buffer overflows, naming the since to resume with, and frees its place', async () => {
    const filings = new EntrySummaryService(dataSource);
    const stream = await FilingUpdateStream.open({ identity: ADMIN, scope: {}, since: null, bus: server.events, filings, bufferLimit: 2 });
    expect(server.events.subscriberCount).toBe(1);
    const first = await file();
    expect((await stream.next()).value).toMatchObject({ id: first.eventId, type: 'FILED' });
    for (let i = 0; i < 3; i++) await file();
    await waitUntil(() => server.events.subscriberCount === 0, 'the slow subscriber to be dropped');
    const failure = await stream.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SubscriberTooSlowError);
    expect((failure as SubscriberTooSlowError).message).toBe(`subscriber too slow; resubscribe with since=${first.eventId}`);
    expect((failure as SubscriberTooSlowError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', since: first.eventId });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends an idle subscription at once when it is returned', async () => {
    const stream = await FilingUpdateStream.open({ identity: ADMIN, scope: {}, since: null, bus: server.events, filings: new EntrySummaryService(dataSource) });
    const pending = stream.next();
    await stream.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(server.events.subscriberCount).toBe(0);
  });
});

describe('filingEvent', () => {
  const FILING_EVENT = `query($id: ID!) { filingEvent(id: $id) { id type toStatus filing { id entryNumber } } }`;

  it('shows an event to whoever may see its filing', async () => {
    const filed = await file();
    for (const identity of [ADMIN, PACIFIC, ELECTRONICS_STAFF]) {
      const { data, errors } = await call(identity, FILING_EVENT, { id: filed.eventId });
      expect(errors).toBeUndefined();
      expect(data!.filingEvent).toEqual({ id: filed.eventId, type: 'FILED', toStatus: 'FILED', filing: { id: filed.id, entryNumber: filed.entryNumber } });
    }
    for (const [identity, code] of [
      [PHARMA_STAFF, 'FORBIDDEN'],
      [MIDWEST, 'FORBIDDEN'],
      [PUBLIC, 'UNAUTHENTICATED'],
    ] as const) {
      const { errors } = await call(identity, FILING_EVENT, { id: filed.eventId });
      expect(errors![0]!.extensions!.code).toBe(code);
    }
    for (const id of ['999999999', 'nope']) {
      const { errors } = await call(ADMIN, FILING_EVENT, { id });
      expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
    }
  });
});
