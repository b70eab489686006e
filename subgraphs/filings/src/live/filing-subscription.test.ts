import { addDays, formatEntryNumber, type Identity, INTERNAL_IDENTITY_HEADER, InternalTokenSigner, today } from '@cee-hub/common';
import { subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import { entrySummaryRows } from '@cee-hub/db';
import { startSeededScratchDatabase, type TestDatabase } from '@cee-hub/db/testing';
import { type Client as WsClient, createClient } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { SubscriberTooSlowError } from '../errors';
import { createFilingsDataSource, type RunningFilingsServer, startFilingsServer } from '../server';
import { AudienceReads } from '../access/audience-lookups';
import { FilingEventLog, recordFilingEvent } from '../event-log/filing-event-log';
import { EntrySummaryRepository } from '../filing/entry-summary.repository';
import { openFilingUpdateStream } from './filing-update-stream';

const PUBLIC: Identity = { role: 'PUBLIC' };
const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const ELECTRONICS_STAFF: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' };
const PHARMA_STAFF: Identity = { role: 'SUPERVISOR', centerId: 'PHARMA', email: 'supervisor.pharma@cbp.example' };

const ENTRY_DATE = addDays(today(), -3);
const PHARMA_FILING = entrySummaryRows.find((row) => row.entryNumber === formatEntryNumber('H7P', 2000001))!;

const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber events { id } } }`;
const FILING_UPDATED = `subscription($filter: FilingUpdateFilter, $since: ID) {
  filingUpdated(filter: $filter, since: $since) { id type fromStatus toStatus actor actorRole note filing { id entryNumber status } }
}`;

interface ReceivedEvent {
  id: string;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  actorRole: string;
  note: string | null;
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
const signer = new InternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET);
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
async function file(importer: 'PACIFIC' | 'MIDWEST' = 'PACIFIC', entryNumber = newEntryNumber()): Promise<{ id: string; entryNumber: string; eventId: string }> {
  const input = {
    entryNumber,
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
  database = await startSeededScratchDatabase(serverUrl.toString());
  const config = testSubgraphConfig(database.url);
  dataSource = await createFilingsDataSource(config).initialize();
  // No Temporal: summaries are filed (and their FILED events recorded) without starting reviews.
  server = await startFilingsServer(config, dataSource, null, { bus: { reconnectDelayMs: 1_000, maxReconnectDelayMs: 2_000 } });
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
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
          actorRole: 'IMPORTER',
          note: null,
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
  /** What a stream reads, as the server gives it to its subscriptions. */
  const streamReads = () => {
    const eventLog = new FilingEventLog(dataSource);
    return { summaries: new EntrySummaryRepository(dataSource), eventLog, audience: new AudienceReads(dataSource, eventLog) };
  };

  it('ends a subscriber whose buffer overflows, naming the since to resume with, and frees its place', async () => {
    const stream = await openFilingUpdateStream({ identity: ADMIN, scope: {}, since: null, bus: server.events, ...streamReads(), bufferLimit: 2 });
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
    const stream = await openFilingUpdateStream({ identity: ADMIN, scope: {}, since: null, bus: server.events, ...streamReads() });
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
      [PHARMA_STAFF, 'NOT_FOUND'],
      [MIDWEST, 'NOT_FOUND'],
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

describe('what the trade sees', () => {
  const RISK = 'risk score 40: total entered value 300000.00 above 250000 USD; drawn for the random compliance sample';
  const SPECIALIST = 'import-specialist.electronics@cbp.example';
  const SUPERVISOR = 'supervisor.electronics@cbp.example';
  const SECRETS = [RISK, 'undervalued against the mill invoice', 'evidence too thin', 'fine, send it', '@cbp.example', 'review-workflow'];
  /** A review as the workflow records it, CF-29 and all; the last event is the trade's own, so a feed that has it has everything. */
  const HISTORY: Array<{ type: string; from: string; to: string; actor: string; role: string; note: string | null }> = [
    { type: 'REVIEW_STARTED', from: 'FILED', to: 'UNDER_REVIEW', actor: 'review-workflow', role: 'SYSTEM', note: RISK },
    { type: 'REVIEW_CLAIMED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: 'entry-specialist.electronics@cbp.example', role: 'ENTRY_SPECIALIST', note: null },
    { type: 'REFERRED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: 'entry-specialist.electronics@cbp.example', role: 'ENTRY_SPECIALIST', note: 'value looks low' },
    { type: 'REJECTION_PROPOSED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: SPECIALIST, role: 'IMPORT_SPECIALIST', note: 'undervalued against the mill invoice' },
    { type: 'SIGN_OFF_DECLINED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: SUPERVISOR, role: 'SUPERVISOR', note: 'evidence too thin' },
    { type: 'ESCALATED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: 'review-workflow', role: 'SYSTEM', note: `step IMPORT_REVIEW passed its SLA; escalated to ${SUPERVISOR}` },
    { type: 'CF29_PROPOSED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: SPECIALIST, role: 'IMPORT_SPECIALIST', note: 'VALUE: entered value 1200 per unit' },
    { type: 'CF29_ISSUED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: SUPERVISOR, role: 'SUPERVISOR', note: 'fine, send it' },
    { type: 'CF29_RESPONDED', from: 'UNDER_REVIEW', to: 'UNDER_REVIEW', actor: 'customs@pacific-circuit.example', role: 'IMPORTER', note: 'we agree' },
  ];
  const TRADE_VIEW = [
    { type: 'FILED', actor: 'customs@pacific-circuit.example', actorRole: 'IMPORTER', note: null },
    { type: 'REVIEW_STARTED', actor: 'CBP — Electronics Center', actorRole: 'CBP', note: 'under review by CBP' },
    { type: 'CF29_ISSUED', actor: 'CBP — Electronics Center', actorRole: 'CBP', note: 'VALUE: entered value 1200 per unit' },
    { type: 'CF29_RESPONDED', actor: 'customs@pacific-circuit.example', actorRole: 'IMPORTER', note: 'we agree' },
  ];
  const CBP_VIEW = [
    { type: 'FILED', actor: 'customs@pacific-circuit.example', actorRole: 'IMPORTER', note: null },
    ...HISTORY.map((event) => ({ type: event.type, actor: event.actor, actorRole: event.role, note: event.note })),
  ];
  const EVENTS_AND_REVIEW = `query($id: ID!) { filing(id: $id) {
    events { id type actor actorRole note }
    review { workflowId step version risk { score reasons } claimedBy { id email } stepDueAt escalated responseDueAt
      pendingAction { kind details changeKind proposedBy { id email role } signedOffBy { id email role } } }
  } }`;
  const shown = (events: Array<{ type: string; actor: string; actorRole: string; note: string | null }>) =>
    events.map(({ type, actor, actorRole, note }) => ({ type, actor, actorRole, note }));

  async function recordHistory(summaryId: string): Promise<void> {
    for (const event of HISTORY) {
      await dataSource.transaction((manager) =>
        recordFilingEvent(manager, {
          summary: { id: summaryId, importerId: pacificId, processingCenterId: 'ELECTRONICS' },
          type: event.type,
          fromStatus: event.from as 'FILED',
          toStatus: event.to as 'FILED',
          actor: event.actor,
          actorRole: event.role,
          note: event.note,
        }),
      );
    }
  }

  /** The review row as the workflow writes it, with a CF-29 proposed (signed off or not). */
  async function recordReview(summary: { id: string; entryNumber: string }, signedOff: boolean): Promise<void> {
    const ref = (email: string, role: string) => ({ id: email, email, role });
    const state = {
      entrySummaryId: summary.id,
      entryNumber: summary.entryNumber,
      importerId: pacificId,
      centerId: 'ELECTRONICS',
      step: signedOff ? 'AWAITING_NOTICE_RESPONSE' : 'SIGN_OFF',
      status: 'UNDER_REVIEW',
      version: 7,
      seq: 9,
      risk: { score: 40, reasons: [RISK], lowRisk: false },
      claimedBy: ref(SPECIALIST, 'IMPORT_SPECIALIST'),
      stepDueAt: signedOff ? null : new Date(Date.now() + 86_400_000).toISOString(),
      escalated: true,
      pending: {
        kind: 'CF29',
        details: 'entered value 1200 per unit',
        changeKind: 'VALUE',
        proposedBy: ref(SPECIALIST, 'IMPORT_SPECIALIST'),
        signedOffBy: signedOff ? ref(SUPERVISOR, 'SUPERVISOR') : null,
        response: null,
        respondedAt: null,
      },
      responseDueAt: signedOff ? new Date(Date.now() + 20 * 86_400_000).toISOString() : null,
      liquidationDate: null,
    };
    await dataSource.query(
      `INSERT INTO filings.review (entry_summary_id, workflow_id, step, processing_center_id, state) VALUES ($1, $2, $3, 'ELECTRONICS', $4)
       ON CONFLICT (entry_summary_id) DO UPDATE SET step = EXCLUDED.step, state = EXCLUDED.state`,
      [summary.id, `review-${summary.entryNumber}`, state.step, JSON.stringify(state)],
    );
  }

  it('shows an importer trade notes and CBP as the office, and staff the record as kept: over the query, live and replayed', async () => {
    // Following the entry number before it is filed: a live subscription opened after the filing
    // could still receive its FILED event, whose notification may be on its way.
    const entryNumber = newEntryNumber();
    const importerLive = await subscribe(PACIFIC, { filter: { entryNumber } });
    const staffLive = await subscribe(ELECTRONICS_STAFF, { filter: { entryNumber } });
    const filed = await file('PACIFIC', entryNumber);
    await recordHistory(filed.id);
    const last = () => (feed: Feed) => feed.events.some((event) => event.type === 'CF29_RESPONDED');
    await waitUntil(() => last()(importerLive) && last()(staffLive), 'the live feeds to reach the last event');
    const importerReplay = await subscribe(PACIFIC, { since: filed.eventId, filter: { entryNumber: filed.entryNumber } });
    const staffReplay = await subscribe(ELECTRONICS_STAFF, { since: filed.eventId, filter: { entryNumber: filed.entryNumber } });
    await waitUntil(() => last()(importerReplay) && last()(staffReplay), 'the replays to reach the last event');

    const importerQuery = (await call(PACIFIC, EVENTS_AND_REVIEW, { id: filed.id })).data!.filing.events;
    expect(shown(importerQuery)).toEqual(TRADE_VIEW);
    // Events arrive in id order and the last is visible to both, so nothing else is on its way.
    expect(shown(importerLive.events)).toEqual(TRADE_VIEW);
    expect(shown(importerReplay.events)).toEqual(TRADE_VIEW.slice(1));
    for (const text of SECRETS) {
      expect(JSON.stringify([importerQuery, importerLive.events, importerReplay.events])).not.toContain(text);
    }

    const staffQuery = (await call(ELECTRONICS_STAFF, EVENTS_AND_REVIEW, { id: filed.id })).data!.filing.events;
    expect(shown(staffQuery)).toEqual(CBP_VIEW);
    expect(shown(staffLive.events)).toEqual(CBP_VIEW);
    expect(shown(staffReplay.events)).toEqual(CBP_VIEW.slice(1));

    // An event the trade is not shown is, to the importer, not there.
    const hidden = staffQuery.find((event: { type: string }) => event.type === 'REJECTION_PROPOSED')!;
    const FILING_EVENT = 'query($id: ID!) { filingEvent(id: $id) { id note } }';
    expect((await call(PACIFIC, FILING_EVENT, { id: hidden.id })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect((await call(ELECTRONICS_STAFF, FILING_EVENT, { id: hidden.id })).data!.filingEvent.note).toBe('undervalued against the mill invoice');
  });

  it('shows an importer no workflow id, version, risk, claim or escalation, and a CF-29 only once signed off, from CBP', async () => {
    const filed = await file();
    await recordReview(filed, false);
    const proposed = (await call(PACIFIC, EVENTS_AND_REVIEW, { id: filed.id })).data!.filing.review;
    expect(proposed).toEqual({
      workflowId: null,
      step: 'CBP_REVIEW',
      version: null,
      risk: null,
      claimedBy: null,
      stepDueAt: null,
      escalated: null,
      responseDueAt: null,
      pendingAction: null,
    });
    const staff = (await call(ELECTRONICS_STAFF, EVENTS_AND_REVIEW, { id: filed.id })).data!.filing.review;
    expect(staff).toMatchObject({
      workflowId: `review-${filed.entryNumber}`,
      step: 'SIGN_OFF',
      version: 7,
      risk: { score: 40, reasons: [RISK] },
      claimedBy: { email: SPECIALIST },
      escalated: true,
      pendingAction: { kind: 'CF29', details: 'entered value 1200 per unit', proposedBy: { email: SPECIALIST }, signedOffBy: null },
    });

    await recordReview(filed, true);
    const issued = (await call(PACIFIC, EVENTS_AND_REVIEW, { id: filed.id })).data!.filing.review;
    expect(issued).toMatchObject({
      workflowId: null,
      step: 'AWAITING_NOTICE_RESPONSE',
      version: null,
      risk: null,
      pendingAction: {
        kind: 'CF29',
        details: 'entered value 1200 per unit',
        changeKind: 'VALUE',
        proposedBy: { id: 'CBP', email: null, role: 'CBP' },
        signedOffBy: { id: 'CBP', email: null, role: 'CBP' },
      },
    });
    expect(issued.responseDueAt).not.toBeNull();
    expect(JSON.stringify(issued)).not.toContain('@cbp.example');
  });

  it("follows another Center's entry number like an unused one: accepted, silent", async () => {
    const feed = await subscribe(ELECTRONICS_STAFF, { filter: { entryNumber: PHARMA_FILING.entryNumber } });
    expect(feed.errors).toEqual([]);
    expect(feed.completed).toBe(false);
  });
});
