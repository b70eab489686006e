import { eventually } from '@cee-hub/common/testing';
import { Client } from 'pg';
import type { NationalData } from '../support/national-data';
import type { NationalConfig } from './config';
import type { BenchContext } from './context';
import { checkAnswer, runLoad, type LoadResult } from './load';
import { peakSampler } from './processes';
import { SqlCounter } from './sql-count';

/** What a row must reach at national scale (issue 13). */
export interface NationalTarget {
  p99Ms?: number;
  rowsPerSecond?: number;
  peakMiB?: number;
}

export interface NationalQueryRow {
  name: string;
  text: string;
  variables: Record<string, unknown>;
  target: NationalTarget;
  load: LoadResult;
  statementsPerRequest: number;
  met: boolean;
  /** The longest statements PostgreSQL ran for one such request, with what their plans read. */
  statements: CapturedStatement[];
  /** How many statements of one request were explained, and their execution times added up. */
  explainedStatements: number;
  explainedTotalMs: number;
}

export interface NationalExportRow {
  /** Why it was not measured (no export route in this build). */
  skipped?: string;
  filter?: Record<string, string>;
  rows?: number;
  bytes?: number;
  seconds?: number;
  rowsPerSecond?: number;
  /** Peak resident memory of the filings subgraph, which streams the export, and of our gateway. */
  peakRssMiB?: Record<string, number>;
  target: NationalTarget;
  met?: boolean;
}

/** A statement seen running for a request, explained with ANALYZE and BUFFERS. */
export interface CapturedStatement {
  /** Which statistics section (or other statement) it is, from its text. */
  label: string;
  sql: string;
  executionMs: number;
  /** From the plan: rows read by its scans, shared buffers hit and read, sorts that spilled to disk. */
  rowsScanned: number;
  buffersHit: number;
  buffersRead: number;
  spilledKiB: number;
  plan: string;
}

export interface NationalSection {
  generatedAt: string;
  command: string;
  config: NationalConfig;
  data: NationalData;
  /** The PostgreSQL settings of the run that differ from the embedded defaults. */
  postgresSettings: Record<string, string>;
  rows: NationalQueryRow[];
  export: NationalExportRow;
  /** The slowest statement of the slowest row, with its full plan. */
  slowest?: { row: string; statement: CapturedStatement };
}

/** What the national measurements use of the benchmark's context (no default data set). */
export type NationalContext = Pick<BenchContext, 'system' | 'gatewayHeaders' | 'specs' | 'log'>;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const QUEUE = `query($center: ID!) { reviewQueue(role: ENTRY_SPECIALIST, centerId: $center, first: 20) {
  nodes { entryNumber status filedAt totalEnteredValue importer { name } review { step stepDueAt escalated claimedBy { email } } }
  pageInfo { endCursor hasNextPage } } }`;
const SEARCH = `query($filter: FilingSearchFilter!) { searchFilings(filter: $filter, first: 20) {
  nodes { entryNumber status filedAt totalEnteredValue importer { name } processingCenter { id } }
  pageInfo { endCursor hasNextPage } totalCount { value isExact } } }`;
const FIGURES = 'filings enteredValue duty';
const STATISTICS = `from to totals { ${FIGURES} } byStatus { status ${FIGURES} }
  topHeadings { key ${FIGURES} } topCountriesOfOrigin { key ${FIGURES} } topPortsOfEntry { key ${FIGURES} } topImporters { importer { id name } ${FIGURES} }
  informationRequests { cf28Issued cf28Answered cf28MedianResponseSeconds cf29Issued cf29Responded cf29MedianResponseSeconds returned corrected }
  openSteps { step open breached escalated dueWithin24Hours }
  staffDecisionTimes { count p50Seconds p90Seconds } automaticAcceptanceTimes { count p50Seconds p90Seconds }
  weekly { weekStart filings enteredValue decisions automaticAcceptances }
  workload { staffEmail role claimed decided medianStepSeconds }`;
const CENTER_STATISTICS = `query($center: ID!, $from: LocalDate!, $to: LocalDate!) { center(id: $center) { statistics(from: $from, to: $to) { ${STATISTICS} } } }`;
const NATIONAL_STATISTICS = `query($from: LocalDate!, $to: LocalDate!) { statistics(from: $from, to: $to, processing: ALL) { ${STATISTICS} } }`;

/** A national statistics request can take seconds; the gateway gives a subgraph 30 s (SUBGRAPH_TIMEOUT_MS). */
const REQUEST_TIMEOUT_SECONDS = 30;

/** The Center whose queue and statistics are read: Electronics, as in the default rows. */
const CENTER = 'ELECTRONICS';

interface QuerySpec {
  name: string;
  text: string;
  variables: Record<string, unknown>;
  target: NationalTarget;
  /** The bound parameters of this row's statements, when they are known from the request: for EXPLAIN. */
  parameters?: unknown[];
}

function querySpecs(): QuerySpec[] {
  const to = isoDay(Date.now());
  const from = isoDay(Date.now() - 364 * DAY_MS);
  return [
    { name: `review queue of a Center (${CENTER}, entry specialists, 20)`, text: QUEUE, variables: { center: CENTER }, target: { p99Ms: 100 } },
    { name: 'search by HTS heading (8517, 20 newest, with totalCount)', text: SEARCH, variables: { filter: { htsPrefix: '8517' } }, target: { p99Ms: 100 } },
    { name: "search by importer name ('Atlas Harbor', 20 newest, with totalCount)", text: SEARCH, variables: { filter: { importer: 'Atlas Harbor' } }, target: { p99Ms: 100 } },
    { name: `a Center's statistics over a year (${CENTER}, ${from} to ${to})`, text: CENTER_STATISTICS, variables: { center: CENTER, from, to }, target: { p99Ms: 100 }, parameters: [from, to, CENTER] },
    { name: `national statistics over a year (${from} to ${to})`, text: NATIONAL_STATISTICS, variables: { from, to }, target: { p99Ms: 500 }, parameters: [from, to] },
  ];
}

/**
 * The national measurements: each query through our gateway at a fixed concurrency (autocannon,
 * warm-up first), its SQL statements per request (pg_stat_statements), the statements one
 * request runs explained with ANALYZE and BUFFERS, and the CSV export of 100,000 rows.
 */
export async function measureNational(context: NationalContext, national: NationalConfig): Promise<Pick<NationalSection, 'rows' | 'export' | 'slowest'>> {
  const { system, gatewayHeaders, log } = context;
  const rows: NationalQueryRow[] = [];
  for (const spec of querySpecs()) {
    log(`national: ${spec.name}`);
    await databaseIdle(system.databaseUrl);
    const body = JSON.stringify({ query: spec.text, variables: spec.variables });
    await checkAnswer(system.gatewayUrl, gatewayHeaders, body);
    await runLoad({ label: spec.name, url: system.gatewayUrl, headers: gatewayHeaders, body, connections: national.connections, durationSeconds: national.warmupSeconds, timeoutSeconds: REQUEST_TIMEOUT_SECONDS });
    let load = await runLoad({ label: spec.name, url: system.gatewayUrl, headers: gatewayHeaders, body, connections: national.connections, durationSeconds: national.durationSeconds, timeoutSeconds: REQUEST_TIMEOUT_SECONDS });
    // A request longer than the load's window completes none there: time a few one after another instead.
    if (load.requests === 0) load = await sequentialLoad(spec.name, () => checkAnswer(system.gatewayUrl, gatewayHeaders, body));
    log(`  ${load.requestsPerSecond.toFixed(1)} req/s, p50 ${load.latencyP50Ms} ms, p99 ${load.latencyP99Ms} ms, errors ${load.non2xx + load.errors + load.timeouts}`);
    rows.push({ name: spec.name, text: spec.text, variables: spec.variables, target: spec.target, load, statementsPerRequest: 0, met: load.requests > 0 && load.latencyP99Ms < spec.target.p99Ms! && load.non2xx + load.errors + load.timeouts === 0, statements: [], explainedStatements: 0, explainedTotalMs: 0 });
  }

  log('national: SQL statements per request…');
  // Requests the load cut off at its end still run in the subgraph: they would count as noise.
  await databaseIdle(system.databaseUrl);
  const counter = await SqlCounter.open(system.databaseUrl);
  for (const [index, spec] of querySpecs().entries()) {
    const body = JSON.stringify({ query: spec.text, variables: spec.variables });
    const result = await counter.measure(spec.name, 1, 3, async () => void (await checkAnswer(system.gatewayUrl, gatewayHeaders, body)));
    rows[index]!.statementsPerRequest = result.statementsPerRequest;
  }
  await counter.close();

  log('national: the statements of one request, explained…');
  for (const [index, spec] of querySpecs().entries()) {
    const explained = await explainRequest(context, spec);
    const row = rows[index]!;
    row.statements = explained.slice(0, 3);
    row.explainedStatements = explained.length;
    row.explainedTotalMs = Math.round(explained.reduce((sum, statement) => sum + statement.executionMs, 0) * 10) / 10;
  }
  const slowestRow = rows.filter((row) => row.statements.length > 0).sort((a, b) => b.load.latencyP99Ms - a.load.latencyP99Ms)[0];
  const slowest = slowestRow ? { row: slowestRow.name, statement: slowestRow.statements[0]! } : undefined;

  const exportRow = await measureExport(context, national);
  return { rows, export: exportRow, slowest };
}

/** Waits (at most 2 minutes) until no statement of another connection is running in the database. */
async function databaseIdle(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await eventually(
      'the database to be idle',
      async () => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`)).rows[0]!.n,
      (active) => active === 0,
      { timeoutMs: 120_000, intervalMs: 250 },
    ).catch(() => undefined);
  } finally {
    await client.end();
  }
}

/** How many requests `sequentialLoad` times. */
const SEQUENTIAL_REQUESTS = 3;

/** Times SEQUENTIAL_REQUESTS requests one after another: p50 is their median, p99 the slowest. */
async function sequentialLoad(label: string, request: () => Promise<unknown>): Promise<LoadResult> {
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL_REQUESTS; i++) {
    const started = Date.now();
    await request();
    times.push(Date.now() - started);
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((sum, time) => sum + time, 0);
  return {
    label: `${label} (${SEQUENTIAL_REQUESTS} requests one after another)`,
    requestsPerSecond: (SEQUENTIAL_REQUESTS * 1000) / total,
    latencyP50Ms: times[Math.floor(times.length / 2)]!,
    latencyP99Ms: times[times.length - 1]!,
    requests: SEQUENTIAL_REQUESTS,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
  };
}

/**
 * Watches pg_stat_activity while one request runs and explains every statement seen with
 * ANALYZE and BUFFERS, longest first, given the row's known parameters
 * (the statistics statements take the period and the Center; other rows' statements are
 * counted and timed but not explained, as their bound parameters are not visible).
 */
async function explainRequest(context: NationalContext, spec: QuerySpec): Promise<CapturedStatement[]> {
  if (!spec.parameters) return [];
  const { system, gatewayHeaders } = context;
  const watcher = new Client({ connectionString: system.databaseUrl });
  await watcher.connect();
  try {
    const seen = new Map<string, number>();
    let running = true;
    const request = checkAnswer(system.gatewayUrl, gatewayHeaders, JSON.stringify({ query: spec.text, variables: spec.variables })).finally(() => (running = false));
    while (running) {
      const active = await watcher.query<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database() AND query LIKE '%filings.%'`,
      );
      for (const { query } of active.rows) seen.set(query, (seen.get(query) ?? 0) + 1);
    }
    await request;
    const parameters = spec.parameters;
    const candidates = [...seen.keys()].filter((sql) => {
      const used = [...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
      return used.length > 0 && Math.max(...used) <= parameters.length;
    });
    const explained: CapturedStatement[] = [];
    for (const sql of candidates) {
      const used = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
      try {
        const plan = (await watcher.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters.slice(0, used))).rows.map((row) => row['QUERY PLAN']).join('\n');
        explained.push(summarizePlan(sql, plan));
      } catch (error) {
        // A statement of another process seen in passing, or cut short: not this request's.
        context.log(`  not explained (${error instanceof Error ? error.message : String(error)}): ${sql.slice(0, 100)}`);
      }
    }
    return explained.sort((a, b) => b.executionMs - a.executionMs);
  } finally {
    await watcher.end();
  }
}

/** The statistics section a statement computes (StatisticsRepository), told by what its text holds. */
function statementLabel(sql: string): string {
  const markers: Array<[RegExp, string]> = [
    [/GROUPING SETS/, 'figures'],
    [/AS dimension/, 'top rankings'],
    [/responses AS/, 'information requests'],
    [/unnest\(/, 'open steps'],
    [/generate_series/, 'weekly'],
    [/times AS/, 'decision times'],
    [/staff AS/, 'workload'],
  ];
  return markers.find(([marker]) => marker.test(sql))?.[1] ?? 'statement';
}

/** What a text plan says it read: rows out of its scan nodes, shared buffers, sorts on disk. */
export function summarizePlan(sql: string, plan: string): CapturedStatement {
  let rowsScanned = 0;
  let buffersHit = 0;
  let buffersRead = 0;
  let spilledKiB = 0;
  const lines = plan.split('\n');
  for (const [index, line] of lines.entries()) {
    const scan = /(Seq Scan|(?<!Bitmap )Index Scan|Index Only Scan|Bitmap Heap Scan)[^(]*\(cost=[^)]*\) \(actual time=[^ ]+ rows=([\d.]+) loops=(\d+)\)/.exec(line);
    if (scan) rowsScanned += Math.round(Number(scan[2]) * Number(scan[3]));
    const spill = /Disk: (\d+)kB/.exec(line) ?? /Disk Usage: (\d+)kB/.exec(line);
    if (spill) spilledKiB += Number(spill[1]);
    // A node's buffers include those of the nodes below it: the largest figures are the statement's.
    const buffers = /^\s*Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(line);
    if (buffers && !/^Planning/.test(lines[index - 1] ?? '')) {
      buffersHit = Math.max(buffersHit, Number(buffers[1] ?? 0));
      buffersRead = Math.max(buffersRead, Number(buffers[2] ?? 0));
    }
  }
  const execution = /Execution Time: ([\d.]+) ms/.exec(plan);
  return { label: statementLabel(sql), sql: sql.replace(/\s+/g, ' ').trim(), executionMs: execution ? Number(execution[1]) : 0, rowsScanned, buffersHit, buffersRead, spilledKiB, plan };
}

/**
 * The CSV export (GET /exports/filings.csv with the search filter as query parameters) of the
 * newest ~100,000 filings, streamed and counted here, with the peak RSS of the processes that
 * stream it. Without the route (404), the row says so.
 */
async function measureExport(context: NationalContext, national: NationalConfig): Promise<NationalExportRow> {
  const { system, gatewayHeaders, log } = context;
  const target: NationalTarget = { rowsPerSecond: 50_000, peakMiB: 200 };
  const [day] = await system.sql<{ day: string }>(
    `SELECT to_char(filed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM filings.entry_summary ORDER BY filed_at DESC OFFSET $1 LIMIT 1`,
    [Math.max(0, national.exportRows - 1)],
  );
  const filter = { filedFrom: day?.day ?? isoDay(Date.now() - 365 * DAY_MS) };
  const url = new URL(`/exports/filings.csv?${new URLSearchParams(filter).toString()}`, system.gatewayUrl);
  log(`national: CSV export ${url.pathname}${url.search}…`);
  const sampler = peakSampler(context.specs.filter((spec) => spec.name === 'filings subgraph' || spec.name === 'gateway (ours)'), 100);
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(url, { headers: gatewayHeaders });
  } catch (error) {
    sampler.stop();
    return { skipped: `n/a (the export request failed: ${error instanceof Error ? error.message : String(error)})`, target };
  }
  if (response.status === 404) {
    sampler.stop();
    await response.body?.cancel();
    return { skipped: 'n/a (no export route)', target };
  }
  if (!response.ok || !response.body) {
    sampler.stop();
    return { skipped: `n/a (the export answered ${response.status}: ${(await response.text()).slice(0, 200)})`, target };
  }
  let newlines = 0;
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) newlines += 1;
  }
  const seconds = (Date.now() - started) / 1000;
  const peakRssMiB = sampler.stop();
  // The header line is no filing.
  const rows = Math.max(0, newlines - 1);
  const rowsPerSecond = rows / seconds;
  const filingsPeak = peakRssMiB['filings subgraph'] ?? 0;
  log(`  ${rows} rows in ${seconds.toFixed(1)} s: ${rowsPerSecond.toFixed(0)} rows/s; peak RSS ${JSON.stringify(peakRssMiB)}`);
  return { filter, rows, bytes, seconds, rowsPerSecond, peakRssMiB, target, met: rowsPerSecond > target.rowsPerSecond! && filingsPeak < target.peakMiB! };
}
