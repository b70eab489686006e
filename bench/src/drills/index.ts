import { type StartSystemOptions, startSystem, type System } from '@cee-hub/launcher/testing';
import type { DrillContext, DrillResult, DrillSize } from './common';
import { hostileInputDrill } from './hostile';
import { productionModeDrill } from './production-mode';
import { racesDrill } from './races';
import { resourceLimitsDrill } from './resource-limits';
import { subgraphOutageDrill } from './subgraph-outage';
import { wholeRestartDrill } from './whole-restart';
import { workerCrashDrill } from './worker-crash';

export type { DrillContext, DrillResult, DrillSize } from './common';
export { type HostileEntry, loadHostileCorpus, sendHostile } from './hostile';
export { hostileInputDrill, productionModeDrill, racesDrill, resourceLimitsDrill, subgraphOutageDrill, wholeRestartDrill, workerCrashDrill };

/**
 * The drills in the order they run: hostile input first, while nothing else writes (its row
 * counts must not move), then the mistakes of configuration and the limits on what one
 * client may hold, the whole restart last (it restarts every process).
 */
export const DRILLS: Record<string, (context: DrillContext) => Promise<DrillResult>> = {
  'hostile-input': hostileInputDrill,
  'production-mode': productionModeDrill,
  'resource-limits': resourceLimitsDrill,
  'subgraph-outage': subgraphOutageDrill,
  races: racesDrill,
  'worker-crash': workerCrashDrill,
  'whole-restart': wholeRestartDrill,
};

/**
 * The drills' settings: review timings that let a low-risk filing go from FILED to LIQUIDATED
 * in seconds.
 */
const DRILL_ENV: NodeJS.ProcessEnv = { REVIEW_RANDOM_SAMPLE_RATE: '0', LIQUIDATION_AFTER_ENTRY: '1s' };

export interface DrillOptions {
  /** The database of the system the drills start: an empty (or already seeded) one, or a scratch one on a server. */
  database: NonNullable<StartSystemOptions['database']>;
  size: DrillSize;
  /** Names from DRILLS; all when absent. */
  only?: string[];
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface DrillReport {
  size: DrillSize;
  startupSeconds: number;
  results: DrillResult[];
  losses: number;
}

/** One line per drill: what it did, what it counted, what it lost. */
export function formatResult(result: DrillResult): string {
  const counted = Object.entries(result.counted).map(([key, value]) => `${key}=${value}`).join(' ');
  const verdict = result.losses.length === 0 ? 'OK' : `${result.losses.length} LOSS(ES)`;
  const lines = [`[${verdict}] ${result.name} (${result.seconds.toFixed(1)} s): ${result.did}`, `    counted: ${counted}`];
  for (const loss of result.losses) lines.push(`    loss: ${loss}`);
  return lines.join('\n');
}

/** Starts a system on `database`, runs the drills on it one after another, stops it. */
export async function runDrills(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const system: System = await startSystem({
    database: options.database,
    env: { ...DRILL_ENV, ...options.env },
    // DRILLS_KEEP_LOGS=1 keeps the processes' logs (and Temporal's file) for a look afterwards.
    keepData: process.env.DRILLS_KEEP_LOGS === '1',
  });
  const startupSeconds = (Date.now() - started) / 1000;
  log(`system started in ${startupSeconds.toFixed(1)} s (gateway ${system.gatewayUrl})`);
  const results: DrillResult[] = [];
  try {
    for (const [name, drill] of Object.entries(DRILLS)) {
      if (options.only && !options.only.includes(name)) continue;
      const result = await drill({ system, size: options.size, log });
      results.push(result);
      log(formatResult(result));
    }
  } finally {
    await system.stop();
  }
  return { size: options.size, startupSeconds, results, losses: results.reduce((sum, r) => sum + r.losses.length, 0) };
}
