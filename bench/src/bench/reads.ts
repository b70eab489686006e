import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type BenchContext, internalHeaders } from './context';
import { type BenchGateway, startHiveGateway } from './gateways';
import { checkAnswer, runLoad, type LoadResult } from './load';
import { peakSampler } from './processes';
import type { ReadRow } from './report';

const QUERIES = {
  'one subgraph (centers)': '{ centers { id name managementCity } }',
  'two subgraphs (importers → centers)': '{ importers(first: 20) { nodes { name participation { center { name } } } } }',
  'three subgraphs (center → importers → filings → center)':
    '{ center(id: "ELECTRONICS") { name participatingImporters(first: 10) { nodes { name filings(first: 5) { nodes { entryNumber status processingCenter { name } } } } } } }',
} as const;

/**
 * 1. Federated reads: each query straight to the centers subgraph (where it is one), through
 * our gateway and through Hive Gateway, then again with in-flight deduplication off.
 */
export async function measureReads(context: BenchContext, hive: BenchGateway, dataDir: string): Promise<{ reads: ReadRow[]; loadRss: Record<string, number> }> {
  const { system, config, gatewayHeaders, log } = context;
  const reads: ReadRow[] = [];
  const readSampler = peakSampler(context.specs);
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
    const direct = name.startsWith('one subgraph') ? await loadRun('direct (centers subgraph)', `${system.stack.urls.centers}/graphql`, await internalHeaders(context), body) : undefined;
    const ours = await loadRun('our gateway', system.gatewayUrl, gatewayHeaders, body);
    const hiveResult = await loadRun('Hive Gateway', hive.url, await internalHeaders(context), body);
    const answer = await checkAnswer(system.gatewayUrl, gatewayHeaders, body);
    reads.push({ query: name, text: query, responseBytes: answer.bytes, direct, ours, hive: hiveResult });
  }
  const loadRss = readSampler.stop();
  log(`peak RSS under load 1 (MiB): ${JSON.stringify(loadRss)}`);

  // Both gateways share identical reads in flight by default; the same rows with that off
  // show what each gateway costs per request on its own (started after the memory sample).
  log('reads without in-flight deduplication…');
  const plainDir = path.join(dataDir, 'hive-plain');
  await mkdir(plainDir, { recursive: true });
  const plainHive = await startHiveGateway({ dir: plainDir, urls: system.stack.urls, logFile: path.join(system.stack.logDir, 'hive-gateway-plain.log'), deduplicate: false });
  const plainOurs = await system.startReplica('gateway', { env: { SUBGRAPH_DEDUPLICATION: 'false' } });
  try {
    for (const row of reads) {
      log(`reads without deduplication: ${row.query}`);
      const body = JSON.stringify({ query: row.text });
      const ours = await loadRun('our gateway, deduplication off', `${plainOurs.url}/graphql`, gatewayHeaders, body);
      const hiveResult = await loadRun('Hive Gateway, deduplication off', plainHive.url, await internalHeaders(context), body);
      row.withoutDeduplication = { ours, hive: hiveResult };
    }
  } finally {
    await plainOurs.stop();
    await plainHive.stop();
  }
  return { reads, loadRss };
}
