import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { FanoutResult } from './fanout';
import type { LoadResult } from './load';
import type { NationalQueryRow, NationalSection } from './national';
import type { SqlCountResult } from './sql-count';

export interface ReadRow {
  query: string;
  text: string;
  responseBytes: number;
  direct?: LoadResult;
  ours: LoadResult;
  hive: LoadResult;
  /** The same query through a second instance of each gateway with in-flight deduplication off. */
  withoutDeduplication?: { ours: LoadResult; hive: LoadResult };
}

export interface BenchReport {
  generatedAt: string;
  command: string;
  config: Record<string, number>;
  machine: { cpuModel: string; cores: number; memoryGiB: number; node: string; platform: string };
  data: { importers: number; summaries: number; lines: number; electronicsImporters: number; generationMs: number };
  reads: ReadRow[];
  filing: {
    viaGateway: LoadResult;
    direct?: LoadResult;
    rawTemporal: { label: string; requestsPerSecond: number; latencyP50Ms: number; latencyP99Ms: number; requests: number };
    /** CPU milliseconds per raw start and per filing (its review workflow's work included), by process. */
    cpuMsPerOperation?: { rawStart: Record<string, number>; filing: Record<string, number> };
  };
  fanout: FanoutResult[];
  sql: SqlCountResult[];
  topStatements: Array<{ calls: number; query: string }>;
  startup: { clusterInitMs: number; startupMs: number; hiveStartupMs: number };
  memory: { idle: Record<string, number>; underReadLoad: Record<string, number>; underFilingLoad: Record<string, number> };
  /** The last national run (BENCH_SCALE=national); each kind of run keeps the other's part of the report. */
  national?: NationalSection;
}

const f0 = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const errorsOf = (result: LoadResult) => `${result.non2xx + result.errors + result.timeouts}`;

function markdown(report: BenchReport): string {
  const lines: string[] = [];
  const push = (...items: string[]) => lines.push(...items);
  push(
    '# CEE Hub benchmark report',
    '',
    `Generated ${report.generatedAt} by \`${report.command}\` (a benchmark, not a test: it never fails on time).`,
    '',
    `**Machine**: ${report.machine.cpuModel}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, ${report.machine.platform}. ` +
      'The load generator, both gateways, the subgraphs, the worker, Temporal and PostgreSQL all share these cores, so absolute figures are low; the ratios are what the run compares.',
    '',
    `**Data set** (seed ${report.config.seed}): 10 Centers, ${report.data.importers} generated importers (+ seed), ${report.data.summaries} entry summaries with ${report.data.lines} lines; ` +
      `${report.data.electronicsImporters} importers participate in ELECTRONICS. Generated and inserted in ${f1(report.data.generationMs / 1000)} s.`,
    '',
    `**Load**: autocannon, ${report.config.connections} connections, ${report.config.warmupSeconds} s warm-up then ${report.config.durationSeconds} s per row; as admin.`,
    '',
    '## 1. Federated reads',
    '',
    '| query | target | req/s | p50 ms | p99 ms | errors | ours/Hive (req/s) | ours/direct (req/s) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  );
  for (const row of report.reads) {
    const plain = row.withoutDeduplication;
    // [target, result, the Hive result it is compared with (ours only)]
    const rows: Array<[string, LoadResult | undefined, LoadResult?]> = [
      ['direct', row.direct],
      ['our gateway', row.ours, row.hive],
      ['Hive Gateway', row.hive],
      ...(plain
        ? ([
            ['our gateway, deduplication off', plain.ours, plain.hive],
            ['Hive Gateway, deduplication off', plain.hive],
          ] as Array<[string, LoadResult, LoadResult?]>)
        : []),
    ];
    for (const [target, result, hive] of rows) {
      if (!result) {
        push(`| ${row.query} | direct | n/a (needs more than one subgraph) | | | | | |`);
        continue;
      }
      const versusDirect = hive && row.direct ? ratio(result.requestsPerSecond, row.direct.requestsPerSecond) : '';
      push(
        `| ${row.query} | ${target} | ${f0(result.requestsPerSecond)} | ${result.latencyP50Ms} | ${result.latencyP99Ms} | ${errorsOf(result)} | ${hive ? ratio(result.requestsPerSecond, hive.requestsPerSecond) : ''} | ${versusDirect} |`,
      );
    }
  }
  push('', 'Queries:', '');
  for (const row of report.reads) push(`- ${row.query} (${row.responseBytes} bytes): \`${row.text}\``);
  push(
    '',
    'Direct: the one-subgraph query straight to the centers subgraph with the internal identity token; the others need an entity join, so no single subgraph answers them. ' +
      'Hive Gateway (`hive-gateway supergraph`, @graphql-hive/gateway 2.x) serves the same supergraph (subgraph URLs rewritten to this run\'s ports) and forwards the caller\'s `x-cee-identity` header to the subgraphs (`propagateHeaders.fromClientToSubgraphs`); it is sent a token signed per run, while our gateway is sent the user\'s JWT and signs an internal token itself for each subgraph request. ' +
      'The three-subgraph query asks for 10 importers, not 20: our gateway\'s cost limit (5,000) refuses 20 × 5 filings (cost 6,085). ' +
      'Both gateways share identical subgraph requests in flight by default (Hive\'s `deduplicateInflightRequests`, our `SUBGRAPH_DEDUPLICATION`, keyed by subgraph, identity, operation and variables): with every connection sending the same query as the same user, that saves most subgraph work. The rows "deduplication off" are second instances of both gateways with it turned off, measured after the others, and show what each gateway costs per request on its own. "ours/Hive" compares like with like.',
  );
  const { viaGateway, direct: filingDirect, rawTemporal } = report.filing;
  push(
    '',
    '## 2. Filing throughput',
    '',
    `Concurrency ${report.config.connections}. A filing returns once the summary, its lines and its FILED event are committed and its review workflow has been started.`,
    '',
    '| path | per second | p50 ms | p99 ms | count | errors |',
    '|---|---:|---:|---:|---:|---:|',
    `| fileEntrySummary via our gateway | ${f1(viaGateway.requestsPerSecond)} | ${viaGateway.latencyP50Ms} | ${viaGateway.latencyP99Ms} | ${viaGateway.requests} | ${errorsOf(viaGateway)} |`,
    ...(filingDirect
      ? [`| fileEntrySummary straight to the filings subgraph | ${f1(filingDirect.requestsPerSecond)} | ${filingDirect.latencyP50Ms} | ${filingDirect.latencyP99Ms} | ${filingDirect.requests} | ${errorsOf(filingDirect)} |`]
      : []),
    `| raw Temporal \`workflow.start\` loop (empty workflow type, task queue nobody polls) | ${f1(rawTemporal.requestsPerSecond)} | ${rawTemporal.latencyP50Ms} | ${rawTemporal.latencyP99Ms} | ${rawTemporal.requests} | 0 |`,
    '',
    `Ratio filings via the gateway / raw Temporal starts: **${ratio(viaGateway.requestsPerSecond, rawTemporal.requestsPerSecond)}** (target in issue 5: ≥ 0.5×)${filingDirect ? `; straight to the subgraph / raw Temporal: ${ratio(filingDirect.requestsPerSecond, rawTemporal.requestsPerSecond)}` : ''}.`,
    '',
    'Order: the raw loop runs first on a quiet system, then the direct filings, then (after the review workflows they started have stopped writing events, at most 90 s) the filings through the gateway. Each filing starts a real review workflow, which the worker then runs (risk scoring, status changes, events) while later filings are made.',
    '',
    ...cpuTable(report.filing.cpuMsPerOperation),
    '## 3. Subscription fan-out',
    '',
    '`subscription { filingUpdated { id type toStatus occurredAt } }` as admin (every event). Events are made by filing entry summaries straight to the filings subgraph; every event committed after a probe (FILED and the review workflow\'s own events, read back from filings.filing_event) must reach every subscriber exactly once. Latency = arrival − the event\'s occurredAt (PostgreSQL `now()` of its transaction, so it includes that transaction\'s few milliseconds).',
    '',
    '| path | subscribers (connected) | events | deliveries / expected | lost | duplicated | p50 ms | p99 ms | max ms | drain ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const result of report.fanout) {
    push(
      `| ${result.label} | ${result.subscribers} (${result.connectedSubscribers}) | ${result.events} | ${result.deliveries} / ${result.deliveriesExpected} | ${result.lost} | ${result.duplicated} | ${f0(result.latencyP50Ms)} | ${f0(result.latencyP99Ms)} | ${f0(result.latencyMaxMs)} | ${f0(result.drainMs)} |`,
    );
  }
  for (const result of report.fanout) {
    if (result.drainTimedOut) push('', `**${result.label}**: the wait for deliveries ended at its deadline; the undelivered are counted as lost (they may still have been on their way).`);
  }
  if (report.fanout.length === 2) {
    push('', `Gateway p99 / direct p99: ${ratio(report.fanout[1]!.latencyP99Ms, report.fanout[0]!.latencyP99Ms)}.`);
  }
  push(
    '',
    '## 4. SQL statements per request',
    '',
    'Counted with `pg_stat_statements` (the benchmark preloads it in its own cluster): reset, run the operation through our gateway one request after another, sum `calls`; the idle background rate (the review sweep and other periodic work) is measured for 3 s and subtracted. The page size is capped at 100, so 1,000 items are 10 pages of 100 and the figure is per 1,000 items.',
    '',
    '| list | items | runs | statements per request (per 1,000 items for 1,000) | per item | idle noise /s |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const row of report.sql) push(`| ${row.label} | ${row.items} | ${row.requests} | ${row.statementsPerRequest} | ${row.statementsPerItem} | ${row.idleNoisePerSecond} |`);
  push('', 'Statements of one importers list of 100 (calls, statement):', '');
  for (const statement of report.topStatements) push(`- ${statement.calls} × \`${statement.query.replace(/`/g, "'")}\``);
  const names = Object.keys(report.memory.idle);
  push(
    '',
    '## 5. Start-up and memory',
    '',
    `- From the \`startStack\` call to every process ready (existing empty cluster; migrations, seed, Temporal dev server, 3 subgraphs, worker, gateway): **${f1(report.startup.startupMs / 1000)} s**.`,
    `- Creating the PostgreSQL cluster beforehand (initdb, done by the benchmark to preload pg_stat_statements; \`npm start\` does it on first run): ${f1(report.startup.clusterInitMs / 1000)} s.`,
    `- Hive Gateway, from spawn to ready: ${f1(report.startup.hiveStartupMs / 1000)} s.`,
    '',
    'Resident memory (VmRSS, MiB). PostgreSQL is the postmaster plus its backends, which double-counts shared buffers. "Idle" is sampled 2 s after start-up and data generation, before the Node heaps have shrunk, so a later peak can be below it.',
    '',
    '| process | idle | peak under the read load (1) | peak under the filing load (2) |',
    '|---|---:|---:|---:|',
  );
  for (const name of names) push(`| ${name} | ${f1(report.memory.idle[name] ?? 0)} | ${f1(report.memory.underReadLoad[name] ?? 0)} | ${f1(report.memory.underFilingLoad[name] ?? 0)} |`);
  push('');
  return lines.join('\n');
}

/**
 * Where the CPU of a raw start and of a filing goes: with every process on the same 2 cores, the
 * filing rate is bounded by the sum, while the raw start loop waits mostly on Temporal's storage.
 */
function cpuTable(cpu: BenchReport['filing']['cpuMsPerOperation']): string[] {
  if (!cpu) return [];
  const names = Object.keys(cpu.filing);
  const total = (values: Record<string, number>) => Object.values(values).reduce((sum, value) => sum + value, 0);
  return [
    'CPU milliseconds per operation by process (user + system from /proc; for a filing, until its review workflow has stopped writing events, so a few seconds of idle time are included):',
    '',
    '| process | per raw start | per filing via the gateway |',
    '|---|---:|---:|',
    ...names.map((name) => `| ${name} | ${f1(cpu.rawStart[name] ?? 0)} | ${f1(cpu.filing[name] ?? 0)} |`),
    `| **total** | **${f1(total(cpu.rawStart))}** | **${f1(total(cpu.filing))}** |`,
    '',
  ];
}

/** The report last written under `dir`, if any: a run of one scale keeps the other scale's part of it. */
export async function readReport(dir: string): Promise<Partial<BenchReport> | undefined> {
  const json = path.join(dir, 'report.json');
  if (!existsSync(json)) return undefined;
  return JSON.parse(await readFile(json, 'utf8')) as Partial<BenchReport>;
}

/**
 * Writes report.md (with `appendix`, Markdown, at its end) and report.json under `dir`. The
 * 20,000-filing sections come from the last default run and the national section from the last
 * national run: a default run passes the national section it read back, a national run the
 * default sections (a report with none of them shows the national section alone).
 */
export async function writeReport(dir: string, report: Partial<BenchReport>, appendix = ''): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const md = path.join(dir, 'report.md');
  const json = path.join(dir, 'report.json');
  const defaultPart = report.reads && report.filing ? markdown(report as BenchReport) : '# CEE Hub benchmark report\n';
  const nationalPart = report.national ? nationalMarkdown(report.national) : '';
  // The national section follows the history of optimizations (section 6), which closes the default part.
  await writeFile(md, `${defaultPart}${appendix ? `\n${appendix.trim()}\n` : ''}${nationalPart}`);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  return [md, json];
}

const mib = (value: number | undefined) => (value === undefined ? '–' : f1(value));
const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : '**missed**');

/** What a missed row is bound by, from the plans of its longest statements. */
function bound(row: NationalQueryRow): string {
  const [first] = row.statements;
  if (!first) return row.met ? '' : 'not explained (its bound parameters are not visible to the benchmark)';
  const spill = first.spilledKiB > 0 ? `, sorts spilled ${first.spilledKiB} kB to disk` : '';
  return `its ${row.explainedStatements} statements take ${f0(row.explainedTotalMs)} ms of execution alone, on 2 cores; the longest, ${first.label}, ${f0(first.executionMs)} ms: ` +
    `${first.rowsScanned.toLocaleString('en-US')} rows out of its scans, ${first.buffersHit.toLocaleString('en-US')} buffers hit, ${first.buffersRead.toLocaleString('en-US')} read${spill}`;
}

function nationalMarkdown(section: NationalSection): string {
  const { data, config } = section;
  const lines: string[] = [];
  const push = (...items: string[]) => lines.push(...items);
  const t = data.timings;
  push(
    '',
    '## 7. At national scale',
    '',
    `Generated ${section.generatedAt} by \`${section.command}\` on the same machine.`,
    '',
    `**Data set** (seed ${config.seed}, over the last ${config.days} days): ${data.importers.toLocaleString('en-US')} importers (${data.participatingImporters.toLocaleString('en-US')} participating across the ten Centers, the rest processed by the ports), ` +
      `${data.summaries.toLocaleString('en-US')} entry summaries with ${data.lines.toLocaleString('en-US')} lines, ${data.events.toLocaleString('en-US')} filing events and ${data.reviews.toLocaleString('en-US')} reviews (${data.openReviews.toLocaleString('en-US')} open at a step now). ` +
      `Loaded with COPY FROM STDIN (four tables at once) in ${f1(t.copyMs / 1000)} s` +
      (data.rebuiltIndexes ? `, secondary indexes dropped for the load and rebuilt after it in ${f1(t.indexesMs / 1000)} s, foreign keys added back (validated) in ${f1(t.constraintsMs / 1000)} s` : `, indexes kept, foreign keys added back (validated) in ${f1(t.constraintsMs / 1000)} s`) +
      `, statistics rollups built from it in ${f1(t.rollupsMs / 1000)} s, VACUUM ANALYZE ${f1(t.vacuumAnalyzeMs / 1000)} s; ${f1(t.totalMs / 1000)} s in all.`,
    '',
    `**PostgreSQL** (set by the benchmark on its own cluster, as a server of this size would be): ${Object.entries(section.postgresSettings).map(([name, value]) => `${name} = ${value}`).join(', ')}.`,
    '',
    `**Load**: our gateway, as an admin, autocannon with ${config.connections} connections, ${config.warmupSeconds} s warm-up then ${config.durationSeconds} s per row. Every connection sends the same request, so the gateway's in-flight deduplication shares identical subgraph requests (as in section 1).`,
    '',
    '| request | target | req/s | p50 ms | p99 ms | requests | errors | SQL statements per request | target met | what bounds it |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|',
  );
  for (const row of section.rows) {
    const load = row.load;
    push(
      `| ${row.name}${load.label.endsWith('one after another)') ? ' (none finished within the load\'s window: 3 requests one after another, p99 = the slowest)' : ''} | p99 < ${row.target.p99Ms} ms | ${f1(load.requestsPerSecond)} | ${load.latencyP50Ms} | ${load.latencyP99Ms} | ${load.requests} | ${errorsOf(load)} | ${row.statementsPerRequest} | ${verdict(row.met)} | ${row.met ? '' : bound(row)} |`,
    );
  }
  const exportRow = section.export;
  if (exportRow.skipped) {
    push(`| CSV export of ${config.exportRows.toLocaleString('en-US')} rows | > 50,000 rows/s, < 200 MiB | ${exportRow.skipped} | | | | | | | |`);
  } else {
    const peak = exportRow.peakRssMiB ?? {};
    push(
      `| CSV export (\`GET /exports/filings.csv?${new URLSearchParams(exportRow.filter).toString()}\`): ${exportRow.rows?.toLocaleString('en-US')} rows, ${mib((exportRow.bytes ?? 0) / 2 ** 20)} MiB in ${f1(exportRow.seconds ?? 0)} s | > 50,000 rows/s, filings subgraph < 200 MiB | **${f0(exportRow.rowsPerSecond ?? 0)} rows/s** | | | | | | ${verdict(exportRow.met)} | peak RSS: filings subgraph ${mib(peak['filings subgraph'])} MiB, our gateway ${mib(peak['gateway (ours)'])} MiB |`,
    );
  }
  push(
    '',
    'SQL statements per request: pg_stat_statements, 3 requests one after another, the idle background rate subtracted (as in section 4). "What bounds it" reads the plan of the longest statement of one request of the row, run again alone with EXPLAIN (ANALYZE, BUFFERS) on the parameters the request bound: the statistics sections are separate statements the filings subgraph runs concurrently on its pool, so a request waits for the slowest of them and for the cores they share.',
    '',
  );
  for (const row of section.rows.filter((candidate) => candidate.statements.length > 0)) {
    push(`The longest of the ${row.explainedStatements} statements of one request of "${row.name}" (${f0(row.explainedTotalMs)} ms in all; execution alone, rows out of scans, buffers hit/read):`, '');
    for (const statement of row.statements) {
      push(`- ${statement.label}: ${f1(statement.executionMs)} ms, ${statement.rowsScanned.toLocaleString('en-US')} rows, ${statement.buffersHit}/${statement.buffersRead} buffers${statement.spilledKiB ? `, ${statement.spilledKiB} kB sorted on disk` : ''}`);
    }
    push('');
  }
  if (section.slowest) {
    push(
      `### EXPLAIN (ANALYZE, BUFFERS) of the slowest query`,
      '',
      `The longest statement (${section.slowest.statement.label}) of "${section.slowest.row}", the row with the highest p99 among those explained:`,
      '',
      '```sql',
      section.slowest.statement.sql,
      '```',
      '',
      '```',
      section.slowest.statement.plan,
      '```',
      '',
    );
  }
  return lines.join('\n');
}
