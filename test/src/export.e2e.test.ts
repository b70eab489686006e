import { formatEntryNumber, today } from '@cee-hub/common';
import { eventually } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST } from '@cee-hub/db/seeded-users';
import { type Caller, entrySummaryInput, startSystem, type System, waitForFiling, workingDaysAgo } from '@cee-hub/launcher/testing';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
/** A filer code of these tests alone. */
const FILER = 'X8E';
/** The filer code of the many summaries written straight to the database for the abort test. */
const BULK_FILER = 'X9B';
const BULK_SUMMARIES = 50_000;

const HEADER =
  'Entry Number,Entry Type,Importer Number,Importer Name,Filer Code,Port of Entry,Entry Date,Filed At (UTC),Status,Review Step,Processing,Total Entered Value (USD),Total Duty (USD),Line Number,HTS Number,Country of Origin,Line Entered Value (USD),Line Duty Rate (%),Line Duty (USD)';
/** The columns holding amounts: compared as numbers with the graph's floats. */
const AMOUNT_COLUMNS = new Set([11, 12, 16, 17, 18]);

const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`;
const SEARCH = `query($filter: FilingSearchFilter, $after: String) {
  searchFilings(filter: $filter, first: 100, after: $after) {
    nodes {
      entryNumber entryType importer { importerNumber name } portOfEntry entryDate filedAt status review { step } processingCenter { id }
      totalEnteredValue totalDuty lines { lineNumber htsNumber countryOfOrigin enteredValue dutyRate duty }
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

let system: System;
let exportUrl: string;
/** The filing of Pacific that staff review (a high value): the step the trade must not see. */
let reviewed: { id: string; entryNumber: string };

/** RFC 4180 records (quoted cells, doubled quotes), without the CRLF that ends each. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== ',' && char !== '\r')) {
      cell += char;
    } else if (char === ',') {
      record.push(cell);
      cell = '';
    } else {
      // CRLF ends the record.
      expect(text[i + 1]).toBe('\n');
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 1;
    }
  }
  expect(record).toEqual([]);
  return records;
}

async function exportAs(as: Caller | null, query: string, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = as === null ? {} : { authorization: `Bearer ${await system.tokenFor(as)}` };
  return fetch(`${exportUrl}?${query}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
}

/** The export's records, after checking its headers and header row. */
async function exported(as: Caller, query: string): Promise<string[][]> {
  const answer = await exportAs(as, query);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="filings-${today()}.csv"`);
  const [header, ...records] = parseCsv(await answer.text());
  expect(header!.join(',')).toBe(HEADER);
  return records;
}

/** What searchFilings finds with `filter`, as export records: one per line, the summary repeated. */
async function searchedRecords(as: Caller, filter: Record<string, unknown>): Promise<string[][]> {
  const records: string[][] = [];
  let after: string | null = null;
  do {
    const { data, errors }: any = await system.query(SEARCH, { filter, after }, as);
    expect(errors).toBeUndefined();
    for (const node of data.searchFilings.nodes) {
      for (const line of node.lines) {
        records.push([
          node.entryNumber, node.entryType, node.importer.importerNumber, node.importer.name, node.entryNumber.slice(0, 3), node.portOfEntry, node.entryDate,
          new Date(node.filedAt).toISOString(), node.status, node.review?.step ?? '', node.processingCenter?.id ?? 'PORT',
          node.totalEnteredValue, node.totalDuty, line.lineNumber, line.htsNumber, line.countryOfOrigin, line.enteredValue, line.dutyRate, line.duty,
        ].map(String));
      }
    }
    after = data.searchFilings.pageInfo.hasNextPage ? data.searchFilings.pageInfo.endCursor : null;
  } while (after);
  return records;
}

/** Amount cells as numbers, so 12500.50 (the export's numeric text) equals 12500.5 (the graph's float). */
const comparable = (records: string[][]) => records.map((record) => record.map((cell, index) => (AMOUNT_COLUMNS.has(index) ? Number(cell) : cell)));

async function file(importer: typeof PACIFIC, serial: number, overrides: Record<string, unknown>): Promise<{ id: string; entryNumber: string }> {
  const input = entrySummaryInput(importer.id, { entryNumber: formatEntryNumber(FILER, serial), ...overrides });
  const { data, errors } = await system.query(FILE, { input }, importer.contactEmail);
  expect(errors).toBeUndefined();
  return data!.fileEntrySummary;
}

beforeAll(async () => {
  // No random sample: low value is accepted automatically, high value waits for an entry specialist.
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0' } });
  exportUrl = `${system.stack.urls.gateway}/exports/filings.csv`;
  // Heading 8542 through Long Beach (2704): two of Pacific's (one reviewed by staff) and one port-processed of Rio Grande's.
  await file(PACIFIC, 5_100_001, {});
  reviewed = await file(PACIFIC, 5_100_002, { lines: [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }, { htsNumber: '8471.30.0100', countryOfOrigin: 'CN', enteredValue: 4_000, dutyRate: 0 }] });
  await file(RIO_GRANDE, 5_100_003, { lines: [{ htsNumber: '8542.39.0001', countryOfOrigin: 'MX', enteredValue: 9_000, dutyRate: 0 }] });
  // Not of the export below: another port, another heading.
  await file(PACIFIC, 5_100_004, { portOfEntry: '3001' });
  await file(PACIFIC, 5_100_005, { lines: [{ htsNumber: '8541.40.6020', countryOfOrigin: 'CN', enteredValue: 5_000, dutyRate: 0 }] });
  await waitForFiling(system, reviewed.id, ADMIN, (filing) => filing.review?.step === 'ENTRY_REVIEW');
  // Enough rows (about 36 MB of CSV) that an export of them cannot sit whole in the sockets' buffers (the abort test).
  await system.sql(
    `WITH bulk AS (
       INSERT INTO filings.entry_summary (entry_number, entry_type, importer_id, port_of_entry, entry_date, filed_at, status, processing_center_id, total_entered_value, total_duty)
       SELECT '${BULK_FILER}-' || lpad(i::text, 7, '0') || '-0', '01', $1::uuid, '3001', current_date - 3, now() - i * interval '1 second', 'ACCEPTED', 'ELECTRONICS', 3000, 0
         FROM generate_series(1, ${BULK_SUMMARIES}) i
       RETURNING id)
     INSERT INTO filings.entry_summary_line (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
     SELECT id, n, '8471300100', 'CN', 1000, 0, 0 FROM bulk, generate_series(1, 4) n`,
    [PACIFIC.id],
  );
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

it('exports heading 8542 through Long Beach in a date range: exactly the rows searchFilings finds, one per line', async () => {
  const filter = { htsPrefix: '8542', portOfEntry: '2704', filedFrom: today(), filedTo: today(), entryDateFrom: workingDaysAgo(3), entryDateTo: today() };
  const records = await exported(ADMIN, new URLSearchParams(filter).toString());
  const expected = await searchedRecords(ADMIN, filter);
  expect(comparable(records)).toEqual(comparable(expected));
  // Every line of a matching summary, not only its 8542 lines; the seeded filings are outside the date range.
  const ours = records.filter((record) => record[4] === FILER);
  expect(ours.map((record) => `${record[0]}/${record[13]}`)).toEqual([
    `${formatEntryNumber(FILER, 5_100_003)}/1`,
    `${reviewed.entryNumber}/1`,
    `${reviewed.entryNumber}/2`,
    `${formatEntryNumber(FILER, 5_100_001)}/1`,
    `${formatEntryNumber(FILER, 5_100_001)}/2`,
  ]);
  const reviewedLine = ours.find((record) => record[0] === reviewed.entryNumber)!;
  expect(reviewedLine.slice(2, 4)).toEqual([PACIFIC.importerNumber, PACIFIC.name]);
  expect(reviewedLine[9]).toBe('ENTRY_REVIEW');
  expect(ours.find((record) => record[0] === formatEntryNumber(FILER, 5_100_003))![10]).toBe('PORT');
});

it("gives an importer only its own filings, with CBP's review steps as CBP_REVIEW", async () => {
  const query = `filerCode=${FILER}&htsPrefix=8542&portOfEntry=2704`;
  const records = await exported(PACIFIC.contactEmail, query);
  expect(new Set(records.map((record) => record[2]))).toEqual(new Set([PACIFIC.importerNumber]));
  expect(records.map((record) => record[0])).toEqual([reviewed.entryNumber, reviewed.entryNumber, formatEntryNumber(FILER, 5_100_001), formatEntryNumber(FILER, 5_100_001)]);
  expect(records.find((record) => record[0] === reviewed.entryNumber)![9]).toBe('CBP_REVIEW');
  expect(records.flat()).not.toContain('ENTRY_REVIEW');
  expect(comparable(records)).toEqual(comparable(await searchedRecords(PACIFIC.contactEmail, { filerCode: FILER, htsPrefix: '8542', portOfEntry: '2704' })));
});

it('refuses a malformed filter, or an unknown parameter, with 400 and the parameter to fix', async () => {
  const cases: Array<[string, string]> = [
    ['htsPrefix=854', 'htsPrefix'],
    ['filedFrom=2026-11-30&filedTo=2026-11-01', 'filedTo'],
    ['filedFrom=yesterday', 'filedFrom'],
    ['status=OPEN', 'status'],
    ['htsprefix=8542', 'htsprefix'],
  ];
  for (const [query, field] of cases) {
    const answer = await exportAs(ADMIN, query);
    expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const { errors } = (await answer.json()) as any;
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors[0].message).toMatch(new RegExp(`^${field}: `));
  }
});

it("refuses with 403 a filter reaching past the caller's scope", async () => {
  const cases: Array<[Caller, string]> = [
    [PACIFIC.contactEmail, `importerId=${RIO_GRANDE.id}`],
    [PACIFIC.contactEmail, 'slaState=OVERDUE'],
    [PACIFIC.contactEmail, 'reviewStep=ENTRY_REVIEW'],
    [ENTRY_SPECIALIST, 'processing=PORT'],
    [ENTRY_SPECIALIST, 'centerId=PHARMA'],
  ];
  for (const [as, query] of cases) {
    const answer = await exportAs(as, query);
    expect({ query, status: answer.status }).toEqual({ query, status: 403 });
    expect(((await answer.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
  }
});

it('refuses with 401 a caller without a valid token', async () => {
  for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Array<Record<string, string>>) {
    const answer = await exportAs(null, 'htsPrefix=8542', { headers });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }
});

it('frees its database connection as soon as a client aborts mid-export', async () => {
  const exporting = () =>
    system.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'cee-hub-filings' AND state <> 'idle' AND query LIKE '%string_agg(concat_ws%' AND pid <> pg_backend_pid()`,
    );
  const abort = new AbortController();
  const answer = await exportAs(ADMIN, `filerCode=${BULK_FILER}`, { signal: abort.signal });
  expect(answer.status).toBe(200);
  const reader = answer.body!.getReader();
  expect((await reader.read()).done).toBe(false);
  // Not read further: the export waits on backpressure, its cursor open on its connection.
  await eventually('the export to hold its connection', exporting, ([row]) => row!.n === 1);
  abort.abort();
  await eventually('the export to free its connection', exporting, ([row]) => row!.n === 0, { timeoutMs: 5_000 });
  // And the connection serves again: a whole export after it.
  expect((await exported(ADMIN, `filerCode=${FILER}&portOfEntry=3001`)).map((record) => record[0])).toEqual([formatEntryNumber(FILER, 5_100_004), formatEntryNumber(FILER, 5_100_004)]);
});
