import { addDays, addWorkingDays, formatEntryNumber, type Identity, today } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { connectTemporalClient, readTemporalConfig } from '@cee-hub/common/temporal';
import { type GraphQLResponse, subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import { countStatements, entrySummaryRows } from '@cee-hub/db';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import { createFilingsDataSource, startFilingsServer } from './server';
import { EntrySummaryService } from './filing/entry-summary.service';
import { FILING_EVENTS_CHANNEL, type FilingEventNotification, recordFilingEvent } from './event-log/filing-event-log';

const PUBLIC: Identity = { role: 'PUBLIC' };
const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const ELECTRONICS_STAFF: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' };
const PHARMA_STAFF: Identity = { role: 'SUPERVISOR', centerId: 'PHARMA', email: 'supervisor.pharma@cbp.example' };

// Entry dates a few calendar days back are always within the 10 working days of 19 CFR 142.12(b).
const ENTRY_DATE = addDays(today(), -3);
const RELEASE_DATE = addDays(today(), -2);

const SUMMARY_FIELDS = `id entryNumber entryType entryTypeDescription filerCode importer { id } portOfEntry entryDate releaseDate filedAt status
  processingLocation { kind center { id } port } processingCenter { id } totalEnteredValue totalDuty
  lines { lineNumber htsNumber countryOfOrigin enteredValue dutyRate duty }
  events { id type fromStatus toStatus actor actorRole note occurredAt }`;
const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { ${SUMMARY_FIELDS} } }`;
const FILING = `query($id: ID!) { filing(id: $id) { ${SUMMARY_FIELDS} } }`;
const FILINGS = `query($filter: FilingFilter, $first: Int, $after: String) {
  filings(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { id entryNumber status importer { id } processingCenter { id } }
  }
}`;

let dataSource: DataSource;
let server: RunningServer;
let temporalClient: Awaited<ReturnType<typeof connectTemporalClient>>;
let call: ReturnType<typeof subgraphCaller>;
let pacificId: string;
let midwestId: string;
let PACIFIC: Identity;
let MIDWEST: Identity;

/** Seeded filings: Pacific Circuit's at ELECTRONICS, Harborview's at PHARMA, Midwest Steel's at its port. */
const seeded = (filerCode: string, serial: number) => entrySummaryRows.find((row) => row.entryNumber === formatEntryNumber(filerCode, serial))!;
const PACIFIC_FILING = seeded('PCI', 1000101);
const PHARMA_FILING = seeded('H7P', 2000001);
const PORT_FILING = seeded('M2S', 8000001);

let serial = 1;
/** Valid entry numbers nobody has used in this database. */
const newEntryNumber = () => formatEntryNumber('TST', serial++);

function filingInput(overrides: Record<string, unknown> = {}) {
  return {
    entryNumber: newEntryNumber(),
    entryType: '01',
    portOfEntry: '2704',
    entryDate: ENTRY_DATE,
    releaseDate: RELEASE_DATE,
    lines: [
      { htsNumber: '8471.30.0100', countryOfOrigin: 'TW', enteredValue: 1000.1, dutyRate: 2.5 },
      { htsNumber: '8542310000', countryOfOrigin: 'kr', enteredValue: 250.35, dutyRate: 3.9 },
    ],
    ...overrides,
  };
}

async function rowCounts(): Promise<{ summaries: number; lines: number; events: number }> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM filings.entry_summary) AS summaries, (SELECT count(*)::int FROM filings.entry_summary_line) AS lines,
            (SELECT count(*)::int FROM filings.filing_event) AS events`,
  );
  return row;
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  const config = testSubgraphConfig(process.env.TEST_DB_URL!, { bodyLimitBytes: 1_000_000 });
  dataSource = await createFilingsDataSource(config).initialize();
  // Filing starts a review on the test dev server; no worker runs here, so the reviews only wait.
  const temporalConfig = { ...readTemporalConfig(process.env), address: process.env.TEST_TEMPORAL_ADDRESS! };
  temporalClient = await connectTemporalClient(temporalConfig);
  server = await startFilingsServer(config, dataSource, { client: temporalClient, taskQueue: temporalConfig.taskQueue });
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
  const importers: Array<{ id: string; name: string }> = await dataSource.query('SELECT id, name FROM importers.importer');
  pacificId = importers.find((row) => row.name === 'Pacific Circuit Imports LLC')!.id;
  midwestId = importers.find((row) => row.name === 'Midwest Steel Supply Co.')!.id;
  PACIFIC = { role: 'IMPORTER', importerId: pacificId, email: 'customs@pacific-circuit.example' };
  MIDWEST = { role: 'IMPORTER', importerId: midwestId, email: 'customs@midwest-steel.example' };
});

afterAll(async () => {
  await server?.stop();
  await temporalClient?.connection.close();
  await dataSource?.destroy();
});

describe('fileEntrySummary', () => {
  it("files a participating importer's summary with duty and totals, processed by the importer's Center", async () => {
    // Hyphens are optional; ABC-1234567-6 is the published example of a valid entry number.
    const { data, errors } = await call(PACIFIC, FILE, { input: filingInput({ entryNumber: 'abc12345676' }) });
    expect(errors).toBeUndefined();
    const filing = data!.fileEntrySummary;
    expect(filing).toMatchObject({
      entryNumber: 'ABC-1234567-6',
      entryType: '01',
      entryTypeDescription: 'Consumption – free and dutiable',
      filerCode: 'ABC',
      importer: { id: pacificId },
      portOfEntry: '2704',
      entryDate: ENTRY_DATE,
      releaseDate: RELEASE_DATE,
      status: 'FILED',
      // Heading 8471 is Machinery's, but a participating importer's summaries all go to its Center.
      processingLocation: { kind: 'CENTER', center: { id: 'ELECTRONICS' }, port: null },
      processingCenter: { id: 'ELECTRONICS' },
      totalEnteredValue: 1250.45,
      totalDuty: 34.76,
    });
    expect(filing.lines).toEqual([
      { lineNumber: 1, htsNumber: '8471.30.0100', countryOfOrigin: 'TW', enteredValue: 1000.1, dutyRate: 2.5, duty: 25 },
      { lineNumber: 2, htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 250.35, dutyRate: 3.9, duty: 9.76 },
    ]);
    expect(filing.events).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        type: 'FILED',
        fromStatus: null,
        toStatus: 'FILED',
        actor: 'customs@pacific-circuit.example',
        actorRole: 'IMPORTER',
        note: null,
        occurredAt: filing.filedAt,
      },
    ]);
    expect(Math.abs(Date.parse(filing.filedAt) - Date.now())).toBeLessThan(60_000);

    const reread = await call(PACIFIC, FILING, { id: filing.id });
    expect(reread.data!.filing).toEqual(filing);
  });

  it("files a non-participating importer's summary for its port of entry, by an admin", async () => {
    const { data, errors } = await call(ADMIN, FILE, { input: filingInput({ importerId: midwestId, portOfEntry: '3901', entryType: '03', releaseDate: null }) });
    expect(errors).toBeUndefined();
    expect(data!.fileEntrySummary).toMatchObject({
      importer: { id: midwestId },
      entryType: '03',
      releaseDate: null,
      processingLocation: { kind: 'PORT', center: null, port: '3901' },
      processingCenter: null,
      events: [{ type: 'FILED', actor: 'admin@cbp.example', actorRole: 'ADMIN' }],
    });
  });

  it('names the check digit it expected', async () => {
    const wrong = await call(PACIFIC, FILE, { input: filingInput({ entryNumber: 'ABC-1234567-0' }) });
    expect(wrong.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'entryNumber',
      problems: [{ field: 'entryNumber', message: 'check digit of ABC-1234567 should be 6, not 0' }],
    });
    const other = await call(PACIFIC, FILE, { input: filingInput({ entryNumber: '999-9999999-9' }) });
    expect(other.errors![0]!.extensions!.problems).toEqual([{ field: 'entryNumber', message: 'check digit of 999-9999999 should be 0, not 9' }]);
  });

  const line = { htsNumber: '8471300100', countryOfOrigin: 'TW', enteredValue: 100, dutyRate: 1 };
  it.each([
    ['a malformed entry number', { entryNumber: 'AB-12345' }, 'entryNumber', 'is not an entry number'],
    ['an unknown entry type', { entryType: '04' }, 'entryType', "'04' is not a CBP entry type code"],
    ['a port code that is not 4 digits', { portOfEntry: '270' }, 'portOfEntry', '4-digit Schedule D port code'],
    ['no lines', { lines: [] }, 'lines', 'at least one line'],
    ['more than 999 lines', { lines: Array.from({ length: 1000 }, () => line) }, 'lines', 'at most 999 lines'],
    ['a short HTS number', { lines: [{ ...line, htsNumber: '8471.30' }] }, 'lines[0].htsNumber', 'not a 10-digit HTS number'],
    ['an HTS special provision', { lines: [line, { ...line, htsNumber: '9903.88.0300' }] }, 'lines[1].htsNumber', 'special provision'],
    ['a country of origin that is not two letters', { lines: [{ ...line, countryOfOrigin: 'C1' }] }, 'lines[0].countryOfOrigin', 'two-letter country code'],
    ['a negative entered value', { lines: [{ ...line, enteredValue: -5 }] }, 'lines[0].enteredValue', 'must not be negative'],
    ['fractions of a cent', { lines: [{ ...line, enteredValue: 10.005 }] }, 'lines[0].enteredValue', 'whole cents'],
    ['a duty rate above 1000 percent', { lines: [{ ...line, dutyRate: 1200 }] }, 'lines[0].dutyRate', 'from 0 to 1000'],
    ['a duty rate with four decimals', { lines: [{ ...line, dutyRate: 2.0005 }] }, 'lines[0].dutyRate', 'three decimals'],
    ['an entry date that is not a date', { entryDate: '2026-02-30' }, 'entryDate', 'is not a date'],
    ['an entry date in the future', { entryDate: addDays(today(), 2), releaseDate: null }, 'entryDate', 'must not be in the future'],
    ['a summary filed too late', { entryDate: addDays(today(), -30), releaseDate: null }, 'entryDate', 'was due by'],
    ['a release before the entry', { releaseDate: addDays(ENTRY_DATE, -1) }, 'releaseDate', 'must not be before the entry date'],
    ['a release in the future', { releaseDate: addDays(today(), 1) }, 'releaseDate', 'must not be in the future'],
  ])('refuses %s on the field concerned', async (_case, overrides, field, message) => {
    const { errors } = await call(PACIFIC, FILE, { input: filingInput(overrides) });
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, problems: [{ field, message: expect.stringContaining(message) }] });
  });

  it('says when the late summary was due', async () => {
    const entryDate = addDays(today(), -30);
    const { errors } = await call(PACIFIC, FILE, { input: filingInput({ entryDate, releaseDate: null }) });
    expect(errors![0]!.extensions!.problems[0].message).toContain(`was due by ${addWorkingDays(entryDate, 10)}`);
  });

  it('refuses an importer that is not registered, or none at all from an admin', async () => {
    const unknown = await call(ADMIN, FILE, { input: filingInput({ importerId: '00000000-0000-4000-8000-000000000000' }) });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'importerId' });
    // 36 characters of hex digits and hyphens, but no UUID: must not reach a ::uuid cast.
    const malformed = await call(ADMIN, FILE, { input: filingInput({ importerId: '0'.repeat(36) }) });
    expect(malformed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'importerId' });
    const missing = await call(ADMIN, FILE, { input: filingInput() });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'importerId' });
  });

  it('reports every problem of a filing together', async () => {
    const { errors } = await call(PACIFIC, FILE, {
      input: filingInput({
        entryNumber: 'ABC-1234567-1',
        portOfEntry: 'LA',
        releaseDate: addDays(ENTRY_DATE, -1),
        lines: [
          { ...line, dutyRate: -1 },
          { ...line, htsNumber: '7701000000', countryOfOrigin: 'USA' },
        ],
      }),
    });
    expect(errors).toHaveLength(1);
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.extensions!.problems.map((problem: { field: string }) => problem.field)).toEqual([
      'entryNumber',
      'portOfEntry',
      'releaseDate',
      'lines[0].dutyRate',
      'lines[1].htsNumber',
      'lines[1].countryOfOrigin',
    ]);
    expect(errors![0]!.message).toContain('lines[1].htsNumber: ');
  });

  it('answers a used entry number with CONFLICT', async () => {
    // 999-9999999-0 is the other published example of a valid entry number.
    const first = await call(PACIFIC, FILE, { input: filingInput({ entryNumber: '999-9999999-0' }) });
    expect(first.errors).toBeUndefined();
    const again = await call(ADMIN, FILE, { input: filingInput({ entryNumber: '99999999990', importerId: midwestId }) });
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('999-9999999-0');
  });

  it('lets exactly one of ten concurrent filings of a new entry number through', async () => {
    const input = filingInput();
    const results = await Promise.all(Array.from({ length: 10 }, () => call(PACIFIC, FILE, { input })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(9);
    const [row] = await dataSource.query('SELECT count(*)::int AS n FROM filings.entry_summary WHERE entry_number = $1', [input.entryNumber]);
    expect(row.n).toBe(1);
  });

  it('writes nothing when a filing fails', async () => {
    const before = await rowCounts();
    const invalid = await call(PACIFIC, FILE, { input: filingInput({ lines: [line, { ...line, enteredValue: -1 }] }) });
    expect(invalid.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const duplicate = await call(PACIFIC, FILE, { input: filingInput({ entryNumber: 'ABC-1234567-6' }) });
    expect(duplicate.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(await rowCounts()).toEqual(before);
  });

  it('lets an importer file for itself only and an admin for anyone; staff and the public not at all', async () => {
    const before = await rowCounts();
    const forOther = await call(PACIFIC, FILE, { input: filingInput({ importerId: midwestId }) });
    expect(forOther.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const staff = await call(ELECTRONICS_STAFF, FILE, { input: filingInput({ importerId: pacificId }) });
    expect(staff.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await call(PUBLIC, FILE, { input: filingInput({ importerId: pacificId }) });
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await rowCounts()).toEqual(before);
    const ownId = await call(MIDWEST, FILE, { input: filingInput({ importerId: midwestId }) });
    expect(ownId.errors).toBeUndefined();
  });
});

describe('filing events', () => {
  let listener: Client;
  const received: FilingEventNotification[] = [];

  beforeAll(async () => {
    listener = new Client({ connectionString: process.env.TEST_DB_URL });
    await listener.connect();
    listener.on('notification', (message: Notification) => {
      if (message.channel === FILING_EVENTS_CHANNEL) received.push(JSON.parse(message.payload!));
    });
    await listener.query(`LISTEN ${FILING_EVENTS_CHANNEL}`);
  });

  afterAll(async () => {
    await listener?.end();
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('announces a filing on commit and nothing for filings that fail', async () => {
    expect((await call(PACIFIC, FILE, { input: filingInput({ entryType: '99' }) })).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await call(PACIFIC, FILE, { input: filingInput({ entryNumber: 'ABC-1234567-6' }) })).errors![0]!.extensions!.code).toBe('CONFLICT');
    const { data } = await call(PACIFIC, FILE, { input: filingInput() });
    const filing = data!.fileEntrySummary;
    await waitUntil(() => received.length > 0, 'the notification of the filing');
    // Notifications arrive in commit order, so anything the failures had sent would be here first.
    expect(received).toEqual([
      {
        eventId: filing.events[0].id,
        entrySummaryId: filing.id,
        type: 'FILED',
        fromStatus: null,
        toStatus: 'FILED',
        processingCenterId: 'ELECTRONICS',
        importerId: pacificId,
      },
    ]);
  });

  it('recordFilingEvent keeps the event and its notification in the caller’s transaction', async () => {
    const summary = { id: PORT_FILING.id, importerId: PORT_FILING.importerId, processingCenterId: null };
    const event = { summary, type: 'NOTE', fromStatus: 'FILED' as const, toStatus: 'FILED' as const, actor: 'test', actorRole: 'ADMIN' };
    await expect(
      dataSource.transaction(async (manager) => {
        await recordFilingEvent(manager, { ...event, note: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const kept = await dataSource.transaction((manager) => recordFilingEvent(manager, { ...event, note: 'committed' }));
    await waitUntil(() => received.length > 0, 'the committed event');
    expect(received).toEqual([{ eventId: kept.id, entrySummaryId: summary.id, type: 'NOTE', fromStatus: 'FILED', toStatus: 'FILED', processingCenterId: null, importerId: summary.importerId }]);
    const notes = await dataSource.query('SELECT note FROM filings.filing_event WHERE entry_summary_id = $1 AND type = $2', [summary.id, 'NOTE']);
    expect(notes).toEqual([{ note: 'committed' }]);
    await expect(recordFilingEvent(dataSource.manager, event)).rejects.toThrow('inside the transaction');
  });
});

describe('reading filings', () => {
  const refusal = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => result.errors?.[0]?.extensions?.code;

  it('shows one filing to its importer, its Center and admins only', async () => {
    expect(refusal(await call(PUBLIC, FILING, { id: PACIFIC_FILING.id }))).toBe('UNAUTHENTICATED');
    expect((await call(PACIFIC, FILING, { id: PACIFIC_FILING.id })).data!.filing.entryNumber).toBe(PACIFIC_FILING.entryNumber);
    // Another's filing is answered as if it did not exist: nothing tells that the id is used.
    expect(refusal(await call(PACIFIC, FILING, { id: PORT_FILING.id }))).toBe('NOT_FOUND');
    expect((await call(ELECTRONICS_STAFF, FILING, { id: PACIFIC_FILING.id })).data!.filing.processingCenter).toEqual({ id: 'ELECTRONICS' });
    expect(refusal(await call(ELECTRONICS_STAFF, FILING, { id: PHARMA_FILING.id }))).toBe('NOT_FOUND');
    expect(refusal(await call(ELECTRONICS_STAFF, FILING, { id: PORT_FILING.id }))).toBe('NOT_FOUND');
    for (const id of [PACIFIC_FILING.id, PHARMA_FILING.id, PORT_FILING.id]) {
      expect((await call(ADMIN, FILING, { id })).data!.filing.id).toBe(id);
    }
    expect(refusal(await call(ADMIN, FILING, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(refusal(await call(ADMIN, FILING, { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
  });

  it('finds a filing by entry number with or without hyphens', async () => {
    const BY_NUMBER = 'query($n: String!) { filingByEntryNumber(entryNumber: $n) { id processingLocation { kind port } } }';
    const compact = PORT_FILING.entryNumber.replace(/-/g, '');
    expect((await call(MIDWEST, BY_NUMBER, { n: compact })).data!.filingByEntryNumber).toEqual({ id: PORT_FILING.id, processingLocation: { kind: 'PORT', port: '3901' } });
    const malformed = await call(ADMIN, BY_NUMBER, { n: 'ABC-1234567-9' });
    expect(malformed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entryNumber' });
    expect(refusal(await call(ADMIN, BY_NUMBER, { n: formatEntryNumber('ZZZ', 1) }))).toBe('NOT_FOUND');
  });

  it("answers another importer's entry number, another Center's and an unused one with the same NOT_FOUND", async () => {
    const BY_NUMBER = 'query($n: String!) { filingByEntryNumber(entryNumber: $n) { id } }';
    const unused = formatEntryNumber('ZZZ', 2);
    const answer = async (identity: Identity, entryNumber: string) => {
      const { data, errors } = await call(identity, BY_NUMBER, { n: entryNumber });
      expect(data?.filingByEntryNumber ?? null).toBeNull();
      // The number as asked is in the message: the message of a used number must read the same.
      return { code: errors![0]!.extensions!.code, message: errors![0]!.message.replace(entryNumber, '<n>') };
    };
    for (const identity of [PACIFIC, ELECTRONICS_STAFF]) {
      const notFound = await answer(identity, unused);
      expect(notFound).toEqual({ code: 'NOT_FOUND', message: "No entry summary has the entry number '<n>'" });
      expect(await answer(identity, PORT_FILING.entryNumber)).toEqual(notFound);
      expect(await answer(identity, PHARMA_FILING.entryNumber)).toEqual(notFound);
    }
  });

  it('narrows filings() to what the caller may see and refuses filters reaching past it', async () => {
    expect(refusal(await call(PUBLIC, FILINGS, {}))).toBe('UNAUTHENTICATED');

    const own = (await call(PACIFIC, FILINGS, { first: 100 })).data!.filings;
    expect(own.nodes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(own.nodes.map((node: any) => node.importer.id))).toEqual(new Set([pacificId]));
    expect(own.totalCount).toBe(own.nodes.length);
    expect(refusal(await call(PACIFIC, FILINGS, { filter: { importerId: midwestId } }))).toBe('FORBIDDEN');
    expect((await call(PACIFIC, FILINGS, { filter: { importerId: pacificId } })).data!.filings.totalCount).toBe(own.totalCount);

    const center = (await call(ELECTRONICS_STAFF, FILINGS, { first: 100 })).data!.filings;
    expect(center.nodes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(center.nodes.map((node: any) => node.processingCenter?.id))).toEqual(new Set(['ELECTRONICS']));
    expect(refusal(await call(ELECTRONICS_STAFF, FILINGS, { filter: { centerId: 'PHARMA' } }))).toBe('FORBIDDEN');
    const portFilings = (await call(ELECTRONICS_STAFF, FILINGS, { filter: { importerId: midwestId } })).data!.filings;
    expect(portFilings).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });

    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM filings.entry_summary');
    expect((await call(ADMIN, FILINGS, {})).data!.filings.totalCount).toBe(n);
    const pharma = (await call(ADMIN, FILINGS, { filter: { centerId: 'PHARMA', status: 'FILED' } })).data!.filings;
    expect(pharma.nodes.map((node: any) => node.entryNumber)).toContain(PHARMA_FILING.entryNumber);
    expect(pharma.nodes.every((node: any) => node.status === 'FILED' && node.processingCenter.id === 'PHARMA')).toBe(true);
    const accepted = (await call(ADMIN, FILINGS, { filter: { importerId: pacificId, status: 'ACCEPTED' } })).data!.filings;
    expect(accepted.nodes.map((node: any) => node.id)).toEqual([PACIFIC_FILING.id]);
    const byNumber = (await call(ADMIN, FILINGS, { filter: { entryNumber: PHARMA_FILING.entryNumber.replace(/-/g, '') } })).data!.filings;
    expect(byNumber.nodes.map((node: any) => node.id)).toEqual([PHARMA_FILING.id]);
  });

  it('refuses page sizes outside 1–100, foreign cursors and malformed entry numbers', async () => {
    for (const first of [0, 101, -5]) {
      expect((await call(ADMIN, FILINGS, { first })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    for (const after of ['garbage', Buffer.from('f1|yesterday|x').toString('base64url'), '']) {
      const result = await call(ADMIN, FILINGS, { after });
      // An empty cursor means "from the start", like leaving it out.
      if (after === '') expect(result.errors).toBeUndefined();
      else expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const badNumber = await call(ADMIN, FILINGS, { filter: { entryNumber: '12' } });
    expect(badNumber.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.entryNumber' });
  });

  it("extends Importer with its filings: the importer's own, its Center's share for staff", async () => {
    const IMPORTER_FILINGS = `query($id: ID!) { _entities(representations: [{ __typename: "Importer", id: $id }]) {
      ... on Importer { id filings(first: 100) { totalCount nodes { id importer { id } processingCenter { id } } } } } }`;
    const own = await call(PACIFIC, IMPORTER_FILINGS, { id: pacificId });
    expect(own.errors).toBeUndefined();
    const ownPage = own.data!._entities[0].filings;
    expect(ownPage.nodes.length).toBeGreaterThanOrEqual(2);
    expect(ownPage.nodes.every((node: any) => node.importer.id === pacificId)).toBe(true);
    expect(refusal(await call(PACIFIC, IMPORTER_FILINGS, { id: midwestId }))).toBe('FORBIDDEN');
    expect(refusal(await call(PUBLIC, IMPORTER_FILINGS, { id: pacificId }))).toBe('UNAUTHENTICATED');
    const electronics = (await call(ELECTRONICS_STAFF, IMPORTER_FILINGS, { id: pacificId })).data!._entities[0].filings;
    expect(electronics.totalCount).toBe(ownPage.totalCount);
    const pharma = (await call(PHARMA_STAFF, IMPORTER_FILINGS, { id: pacificId })).data!._entities[0].filings;
    expect(pharma).toEqual({ totalCount: 0, nodes: [] });
    const admin = (await call(ADMIN, IMPORTER_FILINGS, { id: midwestId })).data!._entities[0].filings;
    expect(admin.nodes.map((node: any) => node.id)).toContain(PORT_FILING.id);
  });

  it("extends Center with the filings it processes, for that Center's staff and admins", async () => {
    const CENTER_FILINGS = `query($id: ID!, $status: FilingStatus) { _entities(representations: [{ __typename: "Center", id: $id }]) {
      ... on Center { filings(status: $status) { totalCount nodes { status processingCenter { id } } } } } }`;
    const own = (await call(ELECTRONICS_STAFF, CENTER_FILINGS, { id: 'ELECTRONICS' })).data!._entities[0].filings;
    expect(own.totalCount).toBeGreaterThanOrEqual(2);
    expect(own.nodes.every((node: any) => node.processingCenter.id === 'ELECTRONICS')).toBe(true);
    const accepted = (await call(ADMIN, CENTER_FILINGS, { id: 'ELECTRONICS', status: 'ACCEPTED' })).data!._entities[0].filings;
    expect(accepted).toEqual({ totalCount: 1, nodes: [{ status: 'ACCEPTED', processingCenter: { id: 'ELECTRONICS' } }] });
    expect(refusal(await call(ELECTRONICS_STAFF, CENTER_FILINGS, { id: 'PHARMA' }))).toBe('FORBIDDEN');
    expect(refusal(await call(PACIFIC, CENTER_FILINGS, { id: 'ELECTRONICS' }))).toBe('FORBIDDEN');
    expect(refusal(await call(PUBLIC, CENTER_FILINGS, { id: 'ELECTRONICS' }))).toBe('UNAUTHENTICATED');
  });

  it('resolves EntrySummary references under the same rules as filing(id)', async () => {
    const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on EntrySummary { entryNumber } } }`;
    const reps = [PACIFIC_FILING.id, '00000000-0000-4000-8000-000000000000', PORT_FILING.id].map((id) => ({ __typename: 'EntrySummary', id }));
    const result = await call(ELECTRONICS_STAFF, ENTITIES, { reps });
    expect(result.data!._entities).toEqual([{ entryNumber: PACIFIC_FILING.entryNumber }, null, null]);
    // A filing the caller may not see resolves to null like an unknown one.
    expect(result.errors).toBeUndefined();
    const admin = await call(ADMIN, ENTITIES, { reps });
    expect(admin.errors).toBeUndefined();
    expect(admin.data!._entities[2]).toEqual({ entryNumber: PORT_FILING.entryNumber });
  });
});

describe('pagination', () => {
  beforeAll(async () => {
    // Enough filings that a page of 100 is full.
    const service = new EntrySummaryService(dataSource);
    const importerIds = [pacificId, midwestId];
    for (let batch = 0; batch < 11; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, (_, index) => service.file(filingInput({ importerId: importerIds[index % 2] }), ADMIN)),
      );
    }
  });

  it('walks every filing exactly once, newest first', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: GraphQLResponse = await call(ADMIN, FILINGS, { first: 7, after });
      expect(result.errors).toBeUndefined();
      const page = result.data!.filings;
      ids.push(...page.nodes.map((node: any) => node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      expect(page.nodes).toHaveLength(7);
      after = page.pageInfo.endCursor;
    }
    const expected = (await dataSource.query('SELECT id FROM filings.entry_summary ORDER BY filed_at DESC, id DESC')).map((row: { id: string }) => row.id);
    expect(expected.length).toBeGreaterThan(110);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('runs the same number of statements for a page of 10 and a page of 100', async () => {
    const PAGE = `query($first: Int) { filings(first: $first) {
      totalCount pageInfo { endCursor hasNextPage }
      nodes { id entryNumber lines { htsNumber duty } events { id type } importer { id } processingCenter { id } processingLocation { kind center { id } } }
    } }`;
    const ten = await countStatements(() => call(ADMIN, PAGE, { first: 10 }));
    const hundred = await countStatements(() => call(ADMIN, PAGE, { first: 100 }));
    expect(ten.result.errors).toBeUndefined();
    expect(hundred.result.errors).toBeUndefined();
    expect(ten.result.data!.filings.nodes).toHaveLength(10);
    expect(hundred.result.data!.filings.nodes).toHaveLength(100);
    expect(hundred.result.data!.filings.nodes.every((node: any) => node.lines.length === 2 && node.events.length >= 1)).toBe(true);
    expect(ten.statements).toBeGreaterThan(0);
    expect(hundred.statements).toBe(ten.statements);
  });

  it('runs the same number of statements for 10 and 100 references from the gateway', async () => {
    const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on EntrySummary { entryNumber lines { duty } events { type } } } }`;
    const ids: string[] = (await dataSource.query('SELECT id FROM filings.entry_summary LIMIT 100')).map((row: { id: string }) => row.id);
    const reps = (count: number) => ids.slice(0, count).map((id) => ({ __typename: 'EntrySummary', id }));
    const ten = await countStatements(() => call(ADMIN, ENTITIES, { reps: reps(10) }));
    const hundred = await countStatements(() => call(ADMIN, ENTITIES, { reps: reps(100) }));
    expect(hundred.result.errors).toBeUndefined();
    expect(hundred.result.data!._entities.filter(Boolean)).toHaveLength(100);
    expect(hundred.statements).toBe(ten.statements);
  });

  it("runs the same number of statements for the filings of one importer and of all of them, each page its importer's own", async () => {
    const IMPORTER_FILINGS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Importer { id filings(first: 3) { nodes { importer { id } lines { duty } } pageInfo { hasNextPage } } } } }`;
    const importerIds: string[] = (await dataSource.query('SELECT DISTINCT importer_id AS id FROM filings.entry_summary')).map((row: { id: string }) => row.id);
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Importer', id }));
    const one = await countStatements(() => call(ADMIN, IMPORTER_FILINGS, { reps: reps(importerIds.slice(0, 1)) }));
    const all = await countStatements(() => call(ADMIN, IMPORTER_FILINGS, { reps: reps(importerIds) }));
    expect(all.result.errors).toBeUndefined();
    expect(importerIds.length).toBeGreaterThan(5);
    for (const entity of all.result.data!._entities) {
      expect(entity.filings.nodes.length).toBeGreaterThan(0);
      expect(entity.filings.nodes.length).toBeLessThanOrEqual(3);
      expect(entity.filings.nodes.every((node: any) => node.importer.id === entity.id)).toBe(true);
    }
    expect(one.statements).toBeGreaterThan(0);
    expect(all.statements).toBe(one.statements);
  });
});

describe('identity', () => {
  it('refuses requests without the gateway token', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ _entities(representations: [{ __typename: "EntrySummary", id: "${PACIFIC_FILING.id}" }]) { ... on EntrySummary { entryNumber } } }` }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});
