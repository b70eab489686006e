import { ConfigError, envHost, envInt, envString } from '@cee-hub/common';
import { readTemporalConfig, type TemporalConfig } from '@cee-hub/common/temporal';

export interface WorkerConfig {
  databaseUrl: string;
  temporal: TemporalConfig;
  /** Health and readiness endpoints. */
  port: number;
  host: string;
  /** How long Ctrl-C waits for workflow and activity tasks in flight. */
  shutdownGraceMs: number;
}

/** Reads the worker's settings once; a bad value stops start-up with a clear message. */
export function readWorkerConfig(env: NodeJS.ProcessEnv): Readonly<WorkerConfig> {
  const databaseUrl = envString(env, 'DATABASE_URL', '');
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is not set: start the system with `npm start`, or point DATABASE_URL at a PostgreSQL database');
  return Object.freeze({
    databaseUrl,
    temporal: readTemporalConfig(env),
    port: envInt(env, 'WORKER_PORT', 4004, { max: 65535 }),
    host: envHost(env),
    shutdownGraceMs: envInt(env, 'WORKER_SHUTDOWN_GRACE_MS', 5_000, { max: 600_000 }),
  });
}
