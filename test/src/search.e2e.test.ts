import { formatEntryNumber, today } from '@cee-hub/common';
import { importerRows } from '@cee-hub/db';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST, PHARMA_ENTRY_SPECIALIST_EMAIL as PHARMA_SPECIALIST } from '@cee-hub/db/seeded-users';
import { entrySummaryInput, startSystem, type System, workingDaysAgo } from '@cee-hub/launcher/testing';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
/** A filer code of these tests alone, so the seeded filings stay out of every search below. */
const FILER = 'S7Q';

let system: System;
/** The filings of this file by name: two of heading 8542 (one through Long Beach, 2704), one of 8541, one port-processed. */
const filed: Record<'chipsLongBeach' | 'diodesOlder' | 'chipsSeattle' | 'portProcessed', { id: string; entryNumber: string }> = {} as any;

const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`;
const SEARCH = `query($filter: FilingSearchFilter, $first: Int, $after: String, $orderBy: FilingSearchOrder) {
  searchFilings(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    nodes { id entryNumber portOfEntry lines { htsNumber } }
    pageInfo { endCursor hasNextPage }
    totalCount { value isExact }
  }
}`;

async function file(key: keyof typeof filed, importer: typeof PACIFIC, serial: number, overrides: Record<string, unknown>): Promise<void> {
  const input = entrySummaryInput(importer.id, { entryNumber: formatEntryNumber(FILER, serial), ...overrides });
  const { data, errors } = await system.query(FILE, { input }, importer.contactEmail);
  expect(errors).toBeUndefined();
  filed[key] = data!.fileEntrySummary;
}

async function search(as: string, variables: Record<string, unknown>) {
  return system.query(SEARCH, variables, as);
}

/** The entry numbers a search finds, in its order. */
async function found(as: string, filter: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  const { data, errors } = await search(as, { filter: { filerCode: FILER, ...filter }, ...extra });
  expect(errors).toBeUndefined();
  return data!.searchFilings.nodes.map((node: any) => node.entryNumber);
}

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0' } });
  // One after the other: newest first is then the reverse of this order.
  await file('diodesOlder', PACIFIC, 4_200_001, { entryDate: workingDaysAgo(6), releaseDate: workingDaysAgo(6), lines: [{ htsNumber: '8541.40.6020', countryOfOrigin: 'CN', enteredValue: 50_000, dutyRate: 0 }] });
  await file('chipsLongBeach', PACIFIC, 4_200_002, {});
  await file('chipsSeattle', PACIFIC, 4_200_003, { portOfEntry: '3001', lines: [{ htsNumber: '8542.39.0001', countryOfOrigin: 'TW', enteredValue: 8_000, dutyRate: 0 }] });
  await file('portProcessed', RIO_GRANDE, 4_200_004, { portOfEntry: '2304', lines: [{ htsNumber: '8431.49.9095', countryOfOrigin: 'MX', enteredValue: 20_000, dutyRate: 0 }] });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it('finds the filings of a heading, newest first, and narrows them by port and dates', async () => {
  const { chipsLongBeach, chipsSeattle, diodesOlder } = filed;
  expect(await found(ADMIN, { htsPrefix: '8542' })).toEqual([chipsSeattle.entryNumber, chipsLongBeach.entryNumber]);
  expect(await found(ADMIN, { htsPrefix: '85' })).toEqual([chipsSeattle.entryNumber, chipsLongBeach.entryNumber, diodesOlder.entryNumber]);
  expect(await found(ADMIN, { htsPrefix: '8542.31', countryOfOrigin: 'KR' })).toEqual([chipsLongBeach.entryNumber]);
  // The heading through Long Beach, filed today, entered in the last few days.
  const longBeach = { htsPrefix: '8542', portOfEntry: '2704', filedFrom: today(), filedTo: today(), entryDateFrom: workingDaysAgo(3), entryDateTo: today() };
  expect(await found(ADMIN, longBeach)).toEqual([chipsLongBeach.entryNumber]);
  expect(await found(ADMIN, { portOfEntry: '2704', entryDateTo: workingDaysAgo(5) })).toEqual([diodesOlder.entryNumber]);
  expect(await found(ADMIN, { minEnteredValue: 40_000, maxEnteredValue: 60_000 })).toEqual([diodesOlder.entryNumber]);
});

it('finds filings by importer name or number, entry number prefix and processing', async () => {
  const { chipsLongBeach, chipsSeattle, diodesOlder, portProcessed } = filed;
  const pacific = [chipsSeattle.entryNumber, chipsLongBeach.entryNumber, diodesOlder.entryNumber];
  expect(await found(ADMIN, { importer: 'pacific circ' })).toEqual(pacific);
  expect(await found(ADMIN, { importer: RIO_GRANDE.importerNumber })).toEqual([portProcessed.entryNumber]);
  expect(await found(ADMIN, { importer: 'Nobody Of That Name' })).toEqual([]);
  expect(await found(ADMIN, { entryNumberPrefix: chipsLongBeach.entryNumber.replace(/-/g, '') })).toEqual([chipsLongBeach.entryNumber]);
  expect(await found(ADMIN, { entryNumberPrefix: `${FILER}-420000` })).toHaveLength(4);
  expect(await found(ADMIN, { processing: 'PORT' })).toEqual([portProcessed.entryNumber]);
  expect(await found(ADMIN, { processing: 'CENTER', centerId: 'ELECTRONICS' })).toEqual(pacific);
});

it('pages by keyset with an exact totalCount, and sorts by due date for CBP', async () => {
  const first = await search(ADMIN, { filter: { filerCode: FILER }, first: 3 });
  expect(first.errors).toBeUndefined();
  expect(first.data!.searchFilings.totalCount).toEqual({ value: 4, isExact: true });
  expect(first.data!.searchFilings.pageInfo.hasNextPage).toBe(true);
  const rest = await search(ADMIN, { filter: { filerCode: FILER }, first: 3, after: first.data!.searchFilings.pageInfo.endCursor });
  expect(rest.data!.searchFilings.pageInfo.hasNextPage).toBe(false);
  const all = [...first.data!.searchFilings.nodes, ...rest.data!.searchFilings.nodes].map((node: any) => node.id);
  expect(new Set(all)).toEqual(new Set(Object.values(filed).map((filing) => filing.id)));

  const byDue = await search(ADMIN, { filter: { filerCode: FILER }, first: 2, orderBy: 'DUE_FIRST' });
  expect(byDue.errors).toBeUndefined();
  const dueRest = await search(ADMIN, { filter: { filerCode: FILER }, first: 2, orderBy: 'DUE_FIRST', after: byDue.data!.searchFilings.pageInfo.endCursor });
  const dueIds = [...byDue.data!.searchFilings.nodes, ...dueRest.data!.searchFilings.nodes].map((node: any) => node.id);
  expect(new Set(dueIds).size).toBe(4);
  // A cursor of one order is no cursor of the other.
  const mixed = await search(ADMIN, { filter: { filerCode: FILER }, orderBy: 'DUE_FIRST', after: first.data!.searchFilings.pageInfo.endCursor });
  expect(mixed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
});

it('narrows each caller to what it may see, and refuses a filter reaching past it', async () => {
  const { chipsLongBeach, chipsSeattle, diodesOlder } = filed;
  const pacific = [chipsSeattle.entryNumber, chipsLongBeach.entryNumber, diodesOlder.entryNumber];
  expect(await found(ENTRY_SPECIALIST, {})).toEqual(pacific);
  expect(await found(PACIFIC.contactEmail, {})).toEqual(pacific);
  expect(await found(PACIFIC.contactEmail, { importer: RIO_GRANDE.importerNumber })).toEqual([]);
  expect(await found(PHARMA_SPECIALIST, {})).toEqual([]);
  expect(await found(PACIFIC.contactEmail, { reviewStep: 'CBP_REVIEW' })).toEqual(expect.any(Array));

  const refusals: Array<[string, Record<string, unknown>]> = [
    [PHARMA_SPECIALIST, { filter: { centerId: 'ELECTRONICS' } }],
    [ENTRY_SPECIALIST, { filter: { processing: 'PORT' } }],
    [PACIFIC.contactEmail, { filter: { importerId: RIO_GRANDE.id } }],
    [PACIFIC.contactEmail, { filter: { slaState: 'OVERDUE' } }],
    [PACIFIC.contactEmail, { orderBy: 'DUE_FIRST' }],
  ];
  for (const [as, variables] of refusals) {
    const { data, errors } = await search(as, variables);
    expect(data).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('FORBIDDEN');
  }
  const anonymous = await system.query(SEARCH, { filter: {} });
  expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
});

it('refuses malformed searches with the field to fix', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ filter: { htsPrefix: '854' } }, 'filter.htsPrefix'],
    [{ filter: { htsPrefix: '85x2' } }, 'filter.htsPrefix'],
    [{ filter: { filedFrom: '2026-11-30', filedTo: '2026-11-01' } }, 'filter.filedTo'],
    [{ filter: { entryDateFrom: '2026-11-30', entryDateTo: '2026-11-01' } }, 'filter.entryDateTo'],
    [{ filter: { minEnteredValue: 10, maxEnteredValue: 5 } }, 'filter.maxEnteredValue'],
    [{ filter: { portOfEntry: 'LGB' } }, 'filter.portOfEntry'],
    [{ first: 101 }, 'first'],
  ];
  for (const [variables, field] of cases) {
    const { data, errors } = await search(ADMIN, variables);
    expect(data).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  }
});

it('is admitted by the gateway’s cost limit at a page of 100', async () => {
  const { errors, data } = await system.query(
    `query($first: Int) { searchFilings(filter: { htsPrefix: "85" }, first: $first) {
       nodes { id entryNumber status portOfEntry totalEnteredValue lines { lineNumber htsNumber countryOfOrigin enteredValue } review { step } }
       totalCount { value isExact }
     } }`,
    { first: 100 },
    ADMIN,
  );
  expect(errors).toBeUndefined();
  expect(data!.searchFilings.totalCount.isExact).toBe(true);
});
