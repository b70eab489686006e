import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '@cee-hub/db';
import { freePort } from '@cee-hub/db/testing';
import { REPO_ROOT } from '@cee-hub/launcher/config';
import { startSystem, type System } from '@cee-hub/launcher/testing';
import { Client } from 'pg';
import { generateData, type GeneratedData } from '../support/bench-data';
import { loadNationalData } from '../support/national-data';
import { BENCH_CONFIG as config, benchScale, NATIONAL_CONFIG as national, SECTIONS, selectedSections } from './config';
import { ADMIN, type BenchContext, settleEvents } from './context';
import { measureFanout, type FanoutResult } from './fanout';
import { measureFiling } from './filing';
import { type BenchGateway, startHiveGateway } from './gateways';
import { type ProcessSpec, sampleRss } from './processes';
import { measureNational, type NationalSection } from './national';
import { measureReads } from './reads';
import { readReport, writeReport, type BenchReport, type ReadRow } from './report';
import { measureSqlStatements, type SqlCountResult } from './sql-count';

const sections = selectedSections();
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The national run's PostgreSQL settings beyond the embedded defaults (128 MB of shared buffers,
 * 4 MB per sort): what a server holding a million filings would be given on a machine of this size.
 */
const NATIONAL_POSTGRES_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  work_mem: '64MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '4GB',
  random_page_cost: '1.1',
  // Not for speed: pg_stat_activity shows the statistics statements whole, so they can be explained.
  track_activity_query_size: '32kB',
};

/** A cluster with pg_stat_statements preloaded, so statements can be counted (step 4); answers how long its initdb took. */
async function initializeCluster(dataDir: string, settings: Record<string, string> = {}): Promise<number> {
  const started = Date.now();
  const cluster = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'postgres'), port: await freePort() });
  const client = new Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  for (const [name, value] of Object.entries(settings)) await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
  await client.end();
  await cluster.stop();
  return Date.now() - started;
}

/** The processes whose memory and CPU the report shows, found by their command lines. */
function processSpecs(dataDir: string): ProcessSpec[] {
  return [
    ...(['gateway', 'centers', 'importers', 'filings'] as const).map((name) => ({
      name: name === 'gateway' ? 'gateway (ours)' : `${name} subgraph`,
      match: (line: string) => line.includes(path.join(REPO_ROOT, name === 'gateway' ? 'gateway' : `subgraphs/${name}`, 'dist/index.js')),
    })),
    { name: 'workflow worker', match: (line) => line.includes(path.join(REPO_ROOT, 'workflows/dist/worker-main.js')) },
    { name: 'Temporal dev server', match: (line) => line.includes('start-dev') && line.includes(dataDir) },
    { name: 'PostgreSQL (postmaster + backends)', match: (line) => line.includes('/bin/postgres') && line.includes(path.join(dataDir, 'postgres')), withChildren: true },
    { name: 'Hive Gateway', match: (line) => line.includes('hive-gateway') && line.includes('supergraph') },
  ];
}

function machine(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/**
 * BENCH_SCALE=national: loads the national data set with COPY and measures the national rows
 * only; the report keeps the 20,000-filing sections of the last default run.
 */
async function mainNational(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cee-hub-bench-national-'));
  await chmod(dataDir, 0o755);
  const command = `BENCH_SCALE=national BENCH_NATIONAL_IMPORTERS=${national.importers} BENCH_NATIONAL_FILINGS=${national.filings} BENCH_CONNECTIONS=${national.connections} BENCH_DURATION_SECONDS=${national.durationSeconds} npm run bench`;
  log(`CEE Hub benchmark at national scale: ${JSON.stringify(national)}\n  data and logs in ${dataDir}`);
  await initializeCluster(dataDir, NATIONAL_POSTGRES_SETTINGS);
  const startCalled = Date.now();
  const system: System = await startSystem({ dataDir, onProgress: (message) => log(`  ${((Date.now() - startCalled) / 1000).toFixed(1)} s  ${message}`) });
  try {
    log('loading the national data set…');
    const data = await loadNationalData(
      system.databaseUrl,
      { importers: national.importers, filings: national.filings, days: national.days, seed: national.seed },
      // BENCH_NATIONAL_KEEP_INDEXES=1 loads into the indexed tables, to compare with the rebuild.
      { rebuildIndexes: process.env.BENCH_NATIONAL_KEEP_INDEXES !== '1', log },
    );
    log(`loaded in ${(data.timings.totalMs / 1000).toFixed(1)} s: ${JSON.stringify(data.timings)}`);
    const context = { system, specs: processSpecs(dataDir), gatewayHeaders: { authorization: `Bearer ${await system.tokenFor(ADMIN)}` }, log };
    const measured = await measureNational(context, national);
    const section: NationalSection = { generatedAt: new Date().toISOString(), command, config: national, data, postgresSettings: NATIONAL_POSTGRES_SETTINGS, ...measured };
    const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
    const previous = (await readReport(resultsDir)) ?? {};
    const history = await readFile(path.join(REPO_ROOT, 'bench', 'optimizations.md'), 'utf8');
    const paths = await writeReport(resultsDir, { ...previous, national: section }, history);
    log(`report written: ${paths.join(', ')}`);
  } finally {
    await system.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  if (benchScale() === 'national') return mainNational();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cee-hub-bench-'));
  // As root, PostgreSQL runs as another user, which must reach its folder.
  await chmod(dataDir, 0o755);
  const command = `BENCH_IMPORTERS=${config.importers} BENCH_FILINGS=${config.filings} BENCH_SUBSCRIBERS=${config.subscribers} BENCH_DURATION_SECONDS=${config.durationSeconds} npm run bench`;
  log(`CEE Hub benchmark: ${JSON.stringify(config)}\n  data and logs in ${dataDir}`);
  const clusterInitMs = await initializeCluster(dataDir);

  // 5a. Start-up: from the startStack call to every process ready.
  log('starting the stack…');
  const startCalled = Date.now();
  const system: System = await startSystem({
    dataDir,
    // The fan-out's subscribers are one admin on a connection each: far more than one person holds.
    env: { MAX_SUBSCRIPTIONS_PER_IDENTITY: String(Math.max(50, config.subscribers)) },
    onProgress: (message) => log(`  ${((Date.now() - startCalled) / 1000).toFixed(1)} s  ${message}`),
  });
  const startupMs = Date.now() - startCalled;
  log(`stack ready in ${(startupMs / 1000).toFixed(1)} s`);

  let hive: BenchGateway | undefined;
  try {
    log('generating the data set…');
    const generationStarted = Date.now();
    const data: GeneratedData = await generateData(system.databaseUrl, { importers: config.importers, filings: config.filings, seed: config.seed });
    const generationMs = Date.now() - generationStarted;

    const hiveDir = path.join(dataDir, 'hive');
    await mkdir(hiveDir, { recursive: true });
    const hiveStarted = Date.now();
    hive = await startHiveGateway({ dir: hiveDir, urls: system.stack.urls, logFile: path.join(system.stack.logDir, 'hive-gateway.log'), deduplicate: true });
    const hiveStartupMs = Date.now() - hiveStarted;

    const context: BenchContext = { system, config, data, specs: processSpecs(dataDir), gatewayHeaders: { authorization: `Bearer ${await system.tokenFor(ADMIN)}` }, log };
    // Idle: nothing has written a filing event for a while.
    await settleEvents(system);
    const idleRss = sampleRss(context.specs);
    log(`idle RSS (MiB): ${JSON.stringify(idleRss)}`);

    const { reads, loadRss }: { reads: ReadRow[]; loadRss: Record<string, number> } = sections.has('reads') ? await measureReads(context, hive, dataDir) : { reads: [], loadRss: {} };
    // 4. SQL statements per request, first on a quiet system: the review workflows the filing load starts run SQL for a while.
    const { sql, topStatements }: { sql: SqlCountResult[]; topStatements: BenchReport['topStatements'] } = sections.has('sql') ? await measureSqlStatements(context) : { sql: [], topStatements: [] };
    const filing = sections.has('filing') ? await measureFiling(context) : undefined;
    const fanout: FanoutResult[] = sections.has('fanout') ? await measureFanout(context) : [];

    if (!filing || sections.size < SECTIONS.length) {
      log(`BENCH_ONLY=${[...sections].join(',')}: a partial run, so no report was written`);
      return;
    }
    const report: BenchReport = {
      generatedAt: new Date().toISOString(),
      command,
      config,
      machine: machine(),
      data: { importers: data.importers.length, summaries: data.summaries, lines: data.lines, electronicsImporters: data.importersByCenter.ELECTRONICS ?? 0, generationMs },
      reads,
      filing: filing.filing,
      fanout,
      sql,
      topStatements,
      startup: { clusterInitMs, startupMs, hiveStartupMs },
      memory: { idle: idleRss, underReadLoad: loadRss, underFilingLoad: filing.filingRss },
    };
    // The history of what each optimization bought is kept by hand beside the code and closes the report.
    const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
    // The national section of the last national run stays beside these rows.
    const national = (await readReport(resultsDir))?.national;
    const history = await readFile(path.join(REPO_ROOT, 'bench', 'optimizations.md'), 'utf8');
    const paths = await writeReport(resultsDir, national ? { ...report, national } : report, history);
    log(`report written: ${paths.join(', ')}`);
  } finally {
    await hive?.stop();
    await system.stop();
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
