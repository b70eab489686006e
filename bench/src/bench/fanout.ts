import { eventually } from '@cee-hub/common/testing';
import { webSocketUrl } from '@cee-hub/launcher/testing';
import { createClient, type Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { type BenchContext, filingBody, internalHeaders, settleEvents } from './context';
import { checkAnswer } from './load';
import { peakSampler } from './processes';

export interface FanoutResult {
  label: string;
  subscribers: number;
  connectedSubscribers: number;
  events: number;
  deliveriesExpected: number;
  deliveries: number;
  lost: number;
  duplicated: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** From the first event's commit to the last delivery of the last event. */
  drainMs: number;
  /** The wait for deliveries ended at its deadline: the undelivered count as lost. */
  drainTimedOut: boolean;
}

export interface FanoutOptions {
  label: string;
  wsUrl: string;
  connectionParams: () => Promise<Record<string, unknown>>;
  subscribers: number;
  events: number;
  databaseUrl: string;
  /** Makes one status change (files an entry summary); the events it and its workflow commit are counted. */
  produce: () => Promise<void>;
  /** Waits until the events made so far have stopped coming (the probes' review workflows). */
  settle: () => Promise<void>;
  /** The pace of the measured status changes. */
  intervalMs: number;
  /** How long to wait for every delivery after the last status change. */
  drainTimeoutMs?: number;
}

const SUBSCRIPTION = 'subscription { filingUpdated { id type toStatus occurredAt } }';

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N graphql-ws subscribers to filingUpdated (admin: every event). A probe event first proves
 * that every subscription is live; then `events` status changes are made and every event
 * committed after the probe (read back from filings.filing_event, workflow events included)
 * must reach every subscriber exactly once. Latency is arrival minus the event's occurredAt
 * (PostgreSQL now() of its transaction, so it includes the transaction's own duration).
 */
export async function runFanout(options: FanoutOptions): Promise<FanoutResult> {
  const pg = new PgClient({ connectionString: options.databaseUrl });
  await pg.connect();
  const clients: Client[] = [];
  const received: Array<Map<string, number>> = [];
  const latencies: number[] = [];
  let duplicated = 0;
  let baseline = Number.POSITIVE_INFINITY;
  let lastArrival = 0;
  let connected = 0;
  try {
    const probeSeen = new Set<number>();
    for (let index = 0; index < options.subscribers; index++) {
      const seen = new Map<string, number>();
      received.push(seen);
      const client = createClient({
        url: options.wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        connectionParams: options.connectionParams,
        on: { connected: () => void (connected += 1) },
      });
      clients.push(client);
      client.subscribe<{ filingUpdated: { id: string; occurredAt: string } }>(
        { query: SUBSCRIPTION },
        {
          next: (result) => {
            const event = result.data?.filingUpdated;
            if (!event) return;
            probeSeen.add(index);
            if (Number(event.id) <= baseline) return;
            const arrival = Date.now();
            lastArrival = Math.max(lastArrival, arrival);
            if (seen.has(event.id)) duplicated += 1;
            else {
              seen.set(event.id, arrival);
              latencies.push(arrival - new Date(event.occurredAt).getTime());
            }
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      // Do not open a thousand sockets in one burst.
      if (index % 50 === 49) await sleep(50);
    }
    // Probe until every subscription has delivered something (the gateway subscribes upstream lazily).
    const probed = async () => {
      if (probeSeen.size >= options.subscribers) return true;
      await options.produce();
      return false;
    };
    // Those that never deliver count as lost below.
    await eventually('every subscription to deliver a probe', probed, Boolean, { timeoutMs: 120_000, intervalMs: 1_500 }).catch(() => undefined);
    await options.settle();
    const [{ max }] = (await pg.query<{ max: string | null }>('SELECT max(id)::text AS max FROM filings.filing_event')).rows as [{ max: string | null }];
    baseline = Number(max ?? 0);
    const firstCommit = Date.now();
    for (let event = 0; event < options.events; event++) {
      await options.produce();
      // The measured events come at a set pace, not as fast as the system takes them.
      await sleep(options.intervalMs);
    }
    // Wait for the workflow's follow-up events and for every delivery.
    let expected: Array<{ id: string; occurred_at: Date }> = [];
    const drained = async () => {
      expected = (await pg.query<{ id: string; occurred_at: Date }>('SELECT id::text AS id, occurred_at FROM filings.filing_event WHERE id > $1 ORDER BY id', [baseline])).rows;
      const complete = received.every((seen) => expected.every((event) => seen.has(event.id)));
      return complete && Date.now() - lastArrival > 2_000;
    };
    const drainTimedOut = await eventually('every delivery', drained, Boolean, { timeoutMs: options.drainTimeoutMs ?? 180_000, intervalMs: 1_000 }).then(
      () => false,
      () => true,
    );
    const expectedIds = new Set(expected.map((event) => event.id));
    let deliveries = 0;
    let lost = 0;
    for (const seen of received) {
      for (const id of expectedIds) if (!seen.has(id)) lost += 1;
      for (const id of seen.keys()) if (expectedIds.has(id)) deliveries += 1;
    }
    latencies.sort((a, b) => a - b);
    return {
      label: options.label,
      subscribers: options.subscribers,
      connectedSubscribers: connected,
      events: expected.length,
      deliveriesExpected: expected.length * options.subscribers,
      deliveries,
      lost,
      duplicated,
      latencyP50Ms: percentile(latencies, 0.5),
      latencyP99Ms: percentile(latencies, 0.99),
      latencyMaxMs: latencies.at(-1) ?? Number.NaN,
      drainMs: lastArrival - firstCommit,
      drainTimedOut,
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await pg.end();
  }
}

/** 3. Subscription fan-out, straight to the filings subgraph and through our gateway, once the review workflows of the filing load have stopped writing events. */
export async function measureFanout(context: BenchContext): Promise<FanoutResult[]> {
  const { system, config, log } = context;
  await settleEvents(system);
  let serial = 500_000;
  const produce = async () => {
    await checkAnswer(`${system.stack.urls.filings}/graphql`, await internalHeaders(context), filingBody(context, serial++, 500, '{ id }'));
  };
  const fanout: FanoutResult[] = [];
  for (const target of ['direct', 'gateway'] as const) {
    const label = target === 'direct' ? 'straight to the filings subgraph' : 'through our gateway';
    log(`subscription fan-out: ${config.subscribers} subscribers, ${label}…`);
    const sampler = peakSampler(context.specs);
    const result = await runFanout({
      label,
      wsUrl: webSocketUrl(target === 'direct' ? system.stack.urls.filings : system.stack.urls.gateway),
      connectionParams: async () => (target === 'direct' ? await internalHeaders(context) : context.gatewayHeaders),
      subscribers: config.subscribers,
      events: config.fanoutEvents,
      databaseUrl: system.databaseUrl,
      produce,
      settle: () => settleEvents(system),
      intervalMs: 500,
    });
    const peak = sampler.stop();
    fanout.push(result);
    log(`  ${result.label}: ${result.events} events × ${result.subscribers} subscribers, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, lost ${result.lost}, duplicated ${result.duplicated}; peak RSS ${JSON.stringify(peak)}`);
    // The next run starts from a quiet system: this run's follow-up events have all been written.
    await settleEvents(system);
  }
  return fanout;
}
