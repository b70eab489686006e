import { connectTemporalClient } from '@cee-hub/common/temporal';
import { type BenchContext, filingBody, internalHeaders, settleEvents } from './context';
import { checkAnswer, runLoad } from './load';
import { cpuSeconds, peakSampler, type ProcessSpec } from './processes';
import type { BenchReport } from './report';

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

/** The raw Temporal start loop: empty workflows started on a task queue nobody serves, for the duration. */
async function rawTemporalStarts(context: BenchContext): Promise<{ result: BenchReport['filing']['rawTemporal']; cpuMs: Record<string, number> }> {
  const { system, config } = context;
  const temporalClient = await connectTemporalClient({ address: system.stack.temporalAddress, namespace: 'default', taskQueue: 'bench-nobody' });
  let started = 0;
  const startLatencies: number[] = [];
  const loopDeadline = Date.now() + config.durationSeconds * 1000;
  const rawCpu = cpuMeter(context.specs);
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
  const cpuMs = rawCpu.perOperation(started);
  await temporalClient.connection.close();
  startLatencies.sort((a, b) => a - b);
  const result = {
    label: 'raw Temporal workflow.start loop',
    requestsPerSecond: started / loopSeconds,
    latencyP50Ms: startLatencies[Math.floor(startLatencies.length * 0.5)] ?? Number.NaN,
    latencyP99Ms: startLatencies[Math.min(startLatencies.length - 1, Math.floor(startLatencies.length * 0.99))] ?? Number.NaN,
    requests: started,
  };
  context.log(`  ${result.label}: ${result.requestsPerSecond.toFixed(1)}/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms`);
  return { result, cpuMs };
}

/** 2. Filing throughput through our gateway and straight to the filings subgraph, against a raw Temporal start loop. */
export async function measureFiling(context: BenchContext): Promise<{ filing: BenchReport['filing']; filingRss: Record<string, number> }> {
  const { system, config, gatewayHeaders, log } = context;
  log('filing throughput…');
  let serial = 1;
  const body = () => filingBody(context, serial++, 12500, '{ id entryNumber status }');
  await checkAnswer(system.gatewayUrl, gatewayHeaders, body());
  // 2b. The raw Temporal start loop, before the filing load, whose review workflows keep the worker and Temporal busy afterwards.
  const rawTemporal = await rawTemporalStarts(context);

  // The same mutation straight to the filings subgraph: what the gateway adds to a filing.
  const direct = await runLoad({ label: 'fileEntrySummary straight to the filings subgraph', url: `${system.stack.urls.filings}/graphql`, headers: await internalHeaders(context), body, connections: config.connections, durationSeconds: config.durationSeconds });
  log(`  ${direct.label}: ${direct.requestsPerSecond.toFixed(1)}/s, p50 ${direct.latencyP50Ms} ms, p99 ${direct.latencyP99Ms} ms, non-2xx ${direct.non2xx}`);
  await settleEvents(system);
  const filingSampler = peakSampler(context.specs);
  const filingCpu = cpuMeter(context.specs);
  const viaGateway = await runLoad({ label: 'fileEntrySummary via our gateway', url: system.gatewayUrl, headers: gatewayHeaders, body, connections: config.connections, durationSeconds: config.durationSeconds });
  const filingRss = filingSampler.stop();
  // The review workflows those filings started are part of their cost: wait for their events.
  await settleEvents(system);
  const filingCpuMs = filingCpu.perOperation(viaGateway.requests);
  log(`  ${viaGateway.label}: ${viaGateway.requestsPerSecond.toFixed(1)}/s, p50 ${viaGateway.latencyP50Ms} ms, p99 ${viaGateway.latencyP99Ms} ms, non-2xx ${viaGateway.non2xx}`);
  log(`  via the gateway / raw Temporal starts: ${(viaGateway.requestsPerSecond / rawTemporal.result.requestsPerSecond).toFixed(2)}×`);
  log(`  CPU ms per raw start ${JSON.stringify(rawTemporal.cpuMs)}; per filing ${JSON.stringify(filingCpuMs)}`);
  return {
    filing: { viaGateway, direct, rawTemporal: rawTemporal.result, cpuMsPerOperation: { rawStart: rawTemporal.cpuMs, filing: filingCpuMs } },
    filingRss,
  };
}
