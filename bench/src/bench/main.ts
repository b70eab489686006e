import { TEST_JWT_SECRET, TEST_INTERNAL_TOKEN_SECRET } from '@cee-hub/common/testing';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatEntryNumber, INTERNAL_IDENTITY_HEADER, InternalTokenSigner, issueUserToken, type Identity } from '@cee-hub/common';
import { connectTemporalClient } from '@cee-hub/common/temporal';
import { startEmbeddedDatabase } from '@cee-hub/db';
import { freePort } from '@cee-hub/db/testing';
import { REPO_ROOT } from '@cee-hub/launcher/config';
import { startStack, type RunningStack } from '@cee-hub/launcher/stack';
import { BENCH_FILER_CODE, generateData, type GeneratedData } from '../support/bench-data';
import { runFanout, type FanoutResult } from './fanout';
import { type BenchGateway, startHiveGateway, startOurGateway } from './gateways';
import { checkAnswer, runLoad, type LoadResult } from './load';
import { cpuSeconds, peakSampler, type ProcessSpec, sampleRss } from './processes';
import { writeReport, type BenchReport, type ReadRow } from './report';
import { SqlCounter, type SqlCountResult } from './sql-count';

const envInt = (name: string, fallback: number): number => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, not '${value}'`);
  return parsed;
};

const config = {
  importers: envInt('BENCH_IMPORTERS', 3000),
  filings: envInt('BENCH_FILINGS', 20000),
  subscribers: envInt('BENCH_SUBSCRIBERS', 1000),
  durationSeconds: envInt('BENCH_DURATION_SECONDS', 10),
  warmupSeconds: envInt('BENCH_WARMUP_SECONDS', 3),
  connections: envInt('BENCH_CONNECTIONS', 10),
  fanoutEvents: envInt('BENCH_FANOUT_EVENTS', 10),
  seed: envInt('BENCH_SEED', 20261128),
};

const SECTIONS = ['reads', 'sql', 'filing', 'fanout'] as const;
type Section = (typeof SECTIONS)[number];

/** BENCH_ONLY=reads,fanout runs some sections, for working on one measure; only a full run writes the report. */
function selectedSections(): ReadonlySet<Section> {
  const value = process.env.BENCH_ONLY;
  if (!value) return new Set(SECTIONS);
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names sections among ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  return new Set(names as Section[]);
}
const sections = selectedSections();

const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const QUERIES = {
  'one subgraph (centers)': '{ centers { id name managementCity } }',
  'two subgraphs (importers → centers)': '{ importers(first: 20) { nodes { name participation { center { name } } } } }',
  'three subgraphs (center → importers → filings → center)':
    '{ center(id: "ELECTRONICS") { name participatingImporters(first: 10) { nodes { name filings(first: 5) { nodes { entryNumber status processingCenter { name } } } } } } }',
} as const;

/** Waits until no filing event has been written for 3 s (at most 90 s). */
async function settleEvents(databaseUrl: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let last = '';
    let stableSince = Date.now();
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ max: string | null }>('SELECT max(id)::text AS max FROM filings.filing_event');
      const current = rows[0]?.max ?? '';
      if (current !== last) {
        last = current;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= 3_000) return;
      await sleep(500);
    }
  } finally {
    await client.end();
  }
}

const LOAD_GENERATOR = 'benchmark (load generator, Temporal client)';

/** CPU used by each process of the system and by the benchmark itself from now on, per operation done. */
function cpuMeter(specs: readonly ProcessSpec[]): { perOperation(operations: number): Record<string, number> } {
  const read = (): Record<string, number> => {
    const own = process.cpuUsage();
    return { ...cpuSeconds(specs), [LOAD_GENERATOR]: (own.user + own.system) / 1e6 };
  };
  const before = read();
  return {
    perOperation(operations) {
      const after = read();
      return Object.fromEntries(Object.entries(after).map(([name, seconds]) => [name, Math.round(((seconds - (before[name] ?? 0)) * 1000 * 100) / Math.max(operations, 1)) / 100]));
    },
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cee-hub-bench-'));
  // As root, PostgreSQL runs as another user, which must reach its folder.
  await chmod(dataDir, 0o755);
  const signer = new InternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET);
  const userToken = await issueUserToken(ADMIN, TEST_JWT_SECRET);
  const gatewayHeaders = { authorization: `Bearer ${userToken}` };
  const internalHeaders = async () => ({ [INTERNAL_IDENTITY_HEADER]: await signer.sign(ADMIN) });
  const command = `BENCH_IMPORTERS=${config.importers} BENCH_FILINGS=${config.filings} BENCH_SUBSCRIBERS=${config.subscribers} BENCH_DURATION_SECONDS=${config.durationSeconds} npm run bench`;
  log(`CEE Hub benchmark: ${JSON.stringify(config)}\n  data and logs in ${dataDir}`);

  // 0. A cluster with pg_stat_statements preloaded, so statements can be counted (step 4).
  const postgresPort = await freePort();
  const clusterStarted = Date.now();
  {
    const cluster = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'postgres'), port: postgresPort });
    const { Client } = await import('pg');
    const client = new Client({ connectionString: cluster.url });
    await client.connect();
    await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await client.end();
    await cluster.stop();
  }
  const clusterInitMs = Date.now() - clusterStarted;

  // 5a. Start-up: from the startStack call to every process ready.
  log('starting the stack…');
  const startCalled = Date.now();
  const stack: RunningStack = await startStack({
    dataDir,
    embeddedPostgresPort: postgresPort,
    host: '127.0.0.1',
    ports: { gateway: 0, centers: 0, importers: 0, filings: 0, worker: 0 },
    seed: true,
    temporalPort: await freePort(),
    // The fan-out's subscribers are one admin on a connection each: far more than one person holds.
    env: { LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, MAX_SUBSCRIPTIONS_PER_IDENTITY: String(Math.max(50, config.subscribers)) },
    onProgress: (message) => log(`  ${((Date.now() - startCalled) / 1000).toFixed(1)} s  ${message}`),
  });
  const startupMs = Date.now() - startCalled;
  log(`stack ready in ${(startupMs / 1000).toFixed(1)} s`);

  let hive: BenchGateway | undefined;
  try {
    log('generating the data set…');
    const generationStarted = Date.now();
    const data: GeneratedData = await generateData(stack.databaseUrl, { importers: config.importers, filings: config.filings, seed: config.seed });
    const generationMs = Date.now() - generationStarted;

    const hiveDir = path.join(dataDir, 'hive');
    await mkdir(hiveDir, { recursive: true });
    const hiveStarted = Date.now();
    hive = await startHiveGateway({ dir: hiveDir, port: await freePort(), urls: stack.urls, logFile: path.join(stack.logDir, 'hive-gateway.log'), deduplicate: true });
    const hiveStartupMs = Date.now() - hiveStarted;

    const specs: ProcessSpec[] = [
      ...(['gateway', 'centers', 'importers', 'filings'] as const).map((name) => ({
        name: name === 'gateway' ? 'gateway (ours)' : `${name} subgraph`,
        match: (line: string) => line.includes(path.join(REPO_ROOT, name === 'gateway' ? 'gateway' : `subgraphs/${name}`, 'dist/index.js')),
      })),
      { name: 'workflow worker', match: (line) => line.includes(path.join(REPO_ROOT, 'workflows/dist/worker-main.js')) },
      { name: 'Temporal dev server', match: (line) => line.includes('start-dev') && line.includes(dataDir) },
      { name: 'PostgreSQL (postmaster + backends)', match: (line) => line.includes('/bin/postgres') && line.includes(path.join(dataDir, 'postgres')), withChildren: true },
      { name: 'Hive Gateway', match: (line) => line.includes('hive-gateway') && line.includes('supergraph') },
    ];
    await sleep(2_000);
    const idleRss = sampleRss(specs);
    log(`idle RSS (MiB): ${JSON.stringify(idleRss)}`);

    // 1. Federated reads.
    const reads: ReadRow[] = [];
    let loadRss: Record<string, number> = {};
    if (sections.has('reads')) {
      const readSampler = peakSampler(specs);
      const loadRun = async (label: string, url: string, headers: Record<string, string>, body: string): Promise<LoadResult> => {
        await checkAnswer(url, headers, body);
        await runLoad({ label, url, headers, body, connections: config.connections, durationSeconds: config.warmupSeconds });
        const result = await runLoad({ label, url, headers, body, connections: config.connections, durationSeconds: config.durationSeconds });
        log(`  ${label}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
        return result;
      };
      for (const [name, query] of Object.entries(QUERIES)) {
        log(`reads: ${name}`);
        const body = JSON.stringify({ query });
        const direct = name.startsWith('one subgraph') ? await loadRun('direct (centers subgraph)', `${stack.urls.centers}/graphql`, await internalHeaders(), body) : undefined;
        const ours = await loadRun('our gateway', `${stack.urls.gateway}/graphql`, gatewayHeaders, body);
        // Internal tokens live 60 s: sign afresh for each run.
        const hiveResult = await loadRun('Hive Gateway', hive.url, await internalHeaders(), body);
        const answer = await checkAnswer(`${stack.urls.gateway}/graphql`, gatewayHeaders, body);
        reads.push({ query: name, text: query, responseBytes: answer.bytes, direct, ours, hive: hiveResult });
      }
      loadRss = readSampler.stop();
      log(`peak RSS under load 1 (MiB): ${JSON.stringify(loadRss)}`);

      // Both gateways share identical reads in flight by default; the same rows with that off
      // show what each gateway costs per request on its own (started after the memory sample).
      log('reads without in-flight deduplication…');
      const plainDir = path.join(dataDir, 'hive-plain');
      await mkdir(plainDir, { recursive: true });
      const plainHive = await startHiveGateway({ dir: plainDir, port: await freePort(), urls: stack.urls, logFile: path.join(stack.logDir, 'hive-gateway-plain.log'), deduplicate: false });
      const plainOurs = await startOurGateway({ port: await freePort(), urls: stack.urls, logFile: path.join(stack.logDir, 'gateway-plain.log'), env: { SUBGRAPH_DEDUPLICATION: 'false' } });
      try {
        for (const row of reads) {
          log(`reads without deduplication: ${row.query}`);
          const body = JSON.stringify({ query: row.text });
          const ours = await loadRun('our gateway, deduplication off', plainOurs.url, gatewayHeaders, body);
          const hiveResult = await loadRun('Hive Gateway, deduplication off', plainHive.url, await internalHeaders(), body);
          row.withoutDeduplication = { ours, hive: hiveResult };
        }
      } finally {
        await plainOurs.stop();
        await plainHive.stop();
      }
    }

    // 4. SQL statements per request, first on a quiet system: the review workflows the filing load starts run SQL for a while.
    const sql: SqlCountResult[] = [];
    let topStatements: BenchReport['topStatements'] = [];
    if (sections.has('sql')) {
      log('SQL statements per request…');
      const counter = await SqlCounter.open(stack.databaseUrl);
      const importerList = 'query($first: Int!, $after: String) { importers(first: $first, after: $after) { nodes { name participation { center { name } } filings(first: 5) { nodes { entryNumber status } } } pageInfo { endCursor hasNextPage } } }';
      const filingList = 'query($first: Int!, $after: String) { filings(first: $first, after: $after) { nodes { entryNumber importer { name } processingCenter { name } lines { htsNumber duty } } pageInfo { endCursor hasNextPage } } }';
      const pages = async (query: string, root: 'importers' | 'filings', items: number): Promise<void> => {
        let after: string | null = null;
        let remaining = items;
        while (remaining > 0) {
          const first = Math.min(100, remaining);
          const answer = await checkAnswer(`${stack.urls.gateway}/graphql`, gatewayHeaders, JSON.stringify({ query, variables: { first, after } }));
          const page = (answer.data as Record<string, { pageInfo: { endCursor: string | null; hasNextPage: boolean } }>)[root]!;
          remaining -= first;
          after = page.pageInfo.endCursor;
          if (!page.pageInfo.hasNextPage) break;
        }
      };
      for (const [label, query, root] of [
        ['importers with Center and 5 filings each', importerList, 'importers'],
        ['filings with importer, Center and lines', filingList, 'filings'],
      ] as const) {
        for (const items of [10, 100, 1000]) {
          const result = await counter.measure(`${label}${items > 100 ? ' (10 pages of 100; the page size is capped at 100)' : ''}`, items, items > 100 ? 2 : 5, () => pages(query, root, items));
          sql.push(result);
          log(`  ${label}, ${items} items: ${result.statementsPerRequest} statements per ${items > 100 ? '1000 items' : 'request'}`);
        }
      }
      await counter.measure('importers 100 (for the statement list)', 100, 1, () => pages(importerList, 'importers', 100));
      topStatements = await counter.topStatements();
      await counter.close();
    }

    // 2. Filing throughput vs a raw Temporal start loop.
    let filingResults: BenchReport['filing'] | undefined;
    let filingRss: Record<string, number> = {};
    if (sections.has('filing')) {
      log('filing throughput…');
      let serial = 1;
      const filingBody = () =>
        JSON.stringify({
          query: 'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber status } }',
          variables: {
            input: {
              entryNumber: formatEntryNumber(BENCH_FILER_CODE, serial++),
              entryType: '01',
              importerId: data.electronicsImporterId,
              portOfEntry: '2704',
              entryDate: today(),
              releaseDate: today(),
              lines: [{ htsNumber: '8517.62.0090', countryOfOrigin: 'CN', enteredValue: 12500, dutyRate: 0 }],
            },
          },
        });
      await checkAnswer(`${stack.urls.gateway}/graphql`, gatewayHeaders, filingBody());
      // 2b. The raw Temporal start loop, before the filing load, whose review workflows keep the worker and Temporal busy afterwards.
      const temporalClient = await connectTemporalClient({ address: stack.temporalAddress, namespace: 'default', taskQueue: 'bench-nobody' });
      let started = 0;
      const startLatencies: number[] = [];
      const loopDeadline = Date.now() + config.durationSeconds * 1000;
      const rawCpu = cpuMeter(specs);
      const loopStarted = Date.now();
      await Promise.all(
        Array.from({ length: config.connections }, async (_, worker) => {
          let n = 0;
          while (Date.now() < loopDeadline) {
            const before = Date.now();
            await temporalClient.workflow.start('BenchEmptyWorkflow', {
              taskQueue: 'bench-nobody-runs-this',
              workflowId: `bench-empty-${worker}-${n++}-${loopStarted}`,
              workflowExecutionTimeout: '1 minute',
            });
            startLatencies.push(Date.now() - before);
            started += 1;
          }
        }),
      );
      const loopSeconds = (Date.now() - loopStarted) / 1000;
      const rawCpuMs = rawCpu.perOperation(started);
      await temporalClient.connection.close();
      startLatencies.sort((a, b) => a - b);
      const rawTemporal = {
        label: 'raw Temporal workflow.start loop',
        requestsPerSecond: started / loopSeconds,
        latencyP50Ms: startLatencies[Math.floor(startLatencies.length * 0.5)] ?? Number.NaN,
        latencyP99Ms: startLatencies[Math.min(startLatencies.length - 1, Math.floor(startLatencies.length * 0.99))] ?? Number.NaN,
        requests: started,
      };
      log(`  ${rawTemporal.label}: ${rawTemporal.requestsPerSecond.toFixed(1)}/s, p50 ${rawTemporal.latencyP50Ms} ms, p99 ${rawTemporal.latencyP99Ms} ms`);

      // The same mutation straight to the filings subgraph: what the gateway adds to a filing.
      const filingDirect = await runLoad({ label: 'fileEntrySummary straight to the filings subgraph', url: `${stack.urls.filings}/graphql`, headers: await internalHeaders(), body: filingBody, connections: config.connections, durationSeconds: config.durationSeconds });
      log(`  ${filingDirect.label}: ${filingDirect.requestsPerSecond.toFixed(1)}/s, p50 ${filingDirect.latencyP50Ms} ms, p99 ${filingDirect.latencyP99Ms} ms, non-2xx ${filingDirect.non2xx}`);
      await settleEvents(stack.databaseUrl);
      const filingSampler = peakSampler(specs);
      const filingCpu = cpuMeter(specs);
      const filing = await runLoad({ label: 'fileEntrySummary via our gateway', url: `${stack.urls.gateway}/graphql`, headers: gatewayHeaders, body: filingBody, connections: config.connections, durationSeconds: config.durationSeconds });
      filingRss = filingSampler.stop();
      // The review workflows those filings started are part of their cost: wait for their events.
      await settleEvents(stack.databaseUrl);
      const filingCpuMs = filingCpu.perOperation(filing.requests);
      log(`  ${filing.label}: ${filing.requestsPerSecond.toFixed(1)}/s, p50 ${filing.latencyP50Ms} ms, p99 ${filing.latencyP99Ms} ms, non-2xx ${filing.non2xx}`);
      log(`  via the gateway / raw Temporal starts: ${(filing.requestsPerSecond / rawTemporal.requestsPerSecond).toFixed(2)}×`);
      log(`  CPU ms per raw start ${JSON.stringify(rawCpuMs)}; per filing ${JSON.stringify(filingCpuMs)}`);
      filingResults = { viaGateway: filing, direct: filingDirect, rawTemporal, cpuMsPerOperation: { rawStart: rawCpuMs, filing: filingCpuMs } };
    }
    // 3. Subscription fan-out, once the review workflows of the filing load have stopped writing events.
    const fanout: FanoutResult[] = [];
    if (sections.has('fanout')) {
      await settleEvents(stack.databaseUrl);
      let fanSerial = 500_000;
      const produce = async () => {
        const body = JSON.stringify({
          query: 'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }',
          variables: { input: { entryNumber: formatEntryNumber(BENCH_FILER_CODE, fanSerial++), entryType: '01', importerId: data.electronicsImporterId, portOfEntry: '2704', entryDate: today(), releaseDate: today(), lines: [{ htsNumber: '8517.62.0090', countryOfOrigin: 'CN', enteredValue: 500, dutyRate: 0 }] } },
        });
        await checkAnswer(`${stack.urls.filings}/graphql`, await internalHeaders(), body);
      };
      const wsOf = (url: string) => `${url.replace(/^http/, 'ws')}/graphql`;
      for (const target of ['direct', 'gateway'] as const) {
        log(`subscription fan-out: ${config.subscribers} subscribers, ${target === 'direct' ? 'straight to the filings subgraph' : 'through our gateway'}…`);
        const sampler = peakSampler(specs);
        const result = await runFanout({
          label: target === 'direct' ? 'straight to the filings subgraph' : 'through our gateway',
          wsUrl: wsOf(target === 'direct' ? stack.urls.filings : stack.urls.gateway),
          connectionParams: async () => (target === 'direct' ? await internalHeaders() : { authorization: `Bearer ${userToken}` }),
          subscribers: config.subscribers,
          events: config.fanoutEvents,
          databaseUrl: stack.databaseUrl,
          produce,
          intervalMs: 500,
        });
        const peak = sampler.stop();
        fanout.push(result);
        log(`  ${result.label}: ${result.events} events × ${result.subscribers} subscribers, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, lost ${result.lost}, duplicated ${result.duplicated}; peak RSS ${JSON.stringify(peak)}`);
        await sleep(2_000);
      }
    }

    if (!filingResults || sections.size < SECTIONS.length) {
      log(`BENCH_ONLY=${[...sections].join(',')}: a partial run, so no report was written`);
      return;
    }
    const cpus = os.cpus();
    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      command,
      config,
      machine: {
        cpuModel: cpus[0]?.model ?? 'unknown',
        cores: cpus.length,
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        node: process.version,
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
      },
      data: { importers: data.importers.length, summaries: data.summaries, lines: data.lines, electronicsImporters: data.importersByCenter.ELECTRONICS ?? 0, generationMs },
      reads,
      filing: filingResults,
      fanout,
      sql,
      topStatements,
      startup: { clusterInitMs, startupMs, hiveStartupMs },
      memory: { idle: idleRss, underReadLoad: loadRss, underFilingLoad: filingRss },
    };
    // The history of what each optimization bought is kept by hand beside the code and closes the report.
    const history = await readFile(path.join(REPO_ROOT, 'bench', 'optimizations.md'), 'utf8');
    const paths = await writeReport(path.join(REPO_ROOT, 'bench', 'results'), report, history);
    log(`report written: ${paths.join(', ')}`);
  } finally {
    await hive?.stop();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
