import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Identity, issueUserToken } from '@cee-hub/common';
import { type GraphQLResponse, postGraphQL, TEST_INTERNAL_TOKEN_SECRET, TEST_JWT_SECRET } from '@cee-hub/common/testing';
import { seededIdentity } from '@cee-hub/db';
import { freePort } from '@cee-hub/db/testing';
import { type RunningStack, type StackOptions, startStack } from '@cee-hub/launcher/stack';
import { Client } from 'pg';

export { seededIdentity };

/**
 * The drills' settings: review timings that let a low-risk filing go from FILED to LIQUIDATED
 * in seconds, and the run's secrets, which the drills sign their tokens with.
 */
export const DRILL_ENV: NodeJS.ProcessEnv = {
  REVIEW_RANDOM_SAMPLE_RATE: '0',
  LIQUIDATION_AFTER_ENTRY: '1s',
  LOG_LEVEL: 'warn',
  JWT_SECRET: TEST_JWT_SECRET,
  INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET,
};

export interface DrillSystem {
  stack: RunningStack;
  gatewayUrl: string;
  databaseUrl: string;
  query<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: string | Identity): Promise<GraphQLResponse<TData>>;
  tokenFor(as: string | Identity): Promise<string>;
  /** Runs SQL against the system's database. */
  sql<T = Record<string, any>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Stops every process and starts them again on the same database, Temporal file and ports. */
  restartAll(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system on free ports against `databaseUrl` (an empty or seeded database),
 * with its Temporal dev server keeping its file in a temporary data folder.
 */
export async function startDrillSystem(options: { databaseUrl: string; env?: NodeJS.ProcessEnv }): Promise<DrillSystem> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cee-hub-drills-'));
  const stackOptions: StackOptions = {
    databaseUrl: options.databaseUrl,
    dataDir,
    embeddedPostgresPort: await freePort(),
    host: '127.0.0.1',
    // Each process picks a free port on the first start; restartAll keeps them.
    ports: { gateway: 0, centers: 0, importers: 0, filings: 0, worker: 0 },
    seed: true,
    temporalPort: await freePort(),
    env: { ...DRILL_ENV, ...options.env },
  };
  let stack: RunningStack;
  try {
    stack = await startStack(stackOptions);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  const gatewayUrl = `${stack.urls.gateway}/graphql`;
  const tokenFor = (as: string | Identity) => issueUserToken(typeof as === 'string' ? seededIdentity(as) : as, stack.secrets.jwtSecret);
  const system: DrillSystem = {
    stack,
    gatewayUrl,
    databaseUrl: options.databaseUrl,
    tokenFor,
    query: async (query, variables, as) =>
      postGraphQL(gatewayUrl, query, variables, as ? { authorization: `Bearer ${await tokenFor(as)}` } : {}),
    sql: async (text, values) => (await db.query(text, values as any[])).rows,
    restartAll: async () => {
      await system.stack.stop();
      // As `npm start` does on a second run: same data, same settings and ports (the seed is idempotent).
      system.stack = await startStack({ ...stackOptions, ports: system.stack.ports });
    },
    stop: async () => {
      await db.end().catch(() => undefined);
      await system.stack.stop();
      // DRILLS_KEEP_LOGS=1 keeps the processes' logs (and Temporal's file) for a look afterwards.
      if (process.env.DRILLS_KEEP_LOGS === '1') process.stderr.write(`drill logs kept in ${system.stack.logDir}\n`);
      else await rm(dataDir, { recursive: true, force: true });
    },
  };
  return system;
}

/** Row counts of every table in the application schemas. */
export async function tableCounts(system: DrillSystem): Promise<Record<string, number>> {
  const tables = await system.sql<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('centers', 'importers', 'filings') AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM ${name}`))[0]!.n);
  return counts;
}

/** The tables whose counts differ, as "table: before → after". */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).map((name) => `${name}: ${before[name]} → ${after[name]}`);
}

/** Every process's /health status code (0 when it does not answer). */
export async function healthOf(system: DrillSystem): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [service, url] of Object.entries(system.stack.urls)) {
    result[service] = (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.status ?? 0;
  }
  return result;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
