import { createLogger } from '@cee-hub/common';
import type { TemporalConfig } from '@cee-hub/common/temporal';
import { allEntities, createDataSource } from '@cee-hub/db';
import { createCentersActivities } from '@cee-hub/centers/activities';
import { createClaimReleaseActivities, createReviewActivities } from '@cee-hub/filings/activities';
import { createOnboardingActivities } from '@cee-hub/importers/activities';
import { type Logger as TemporalLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { permanentFailureInterceptors } from './permanent-failures';

export interface CeeHubWorker {
  worker: Worker;
  dataSource: DataSource;
  connection: NativeConnection;
}

let runtimeInstalled = false;

/** Temporal's own logs go through pino, as JSON lines like every other process's. */
function installRuntimeLogger(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const logger = createLogger('worker');
  const forward = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string, meta?: Record<string, unknown>) => logger[level](meta ?? {}, message);
  const temporalLogger: TemporalLogger = {
    log: (level, message, meta) => forward(level.toLowerCase() as 'info')(message, meta),
    trace: forward('trace'),
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
  Runtime.install({ logger: temporalLogger });
}

/**
 * A worker for all CEE Hub workflows, with the activities of every domain on one DataSource.
 * Activities live with their domains (subgraphs/<name>/src/activities.ts); the worker only
 * registers them.
 */
export async function createCeeHubWorker(options: {
  temporal: TemporalConfig;
  databaseUrl: string;
  workflowsPath?: string;
  /** How long a shutdown waits for tasks in flight before it gives up on them (their work is retried elsewhere). */
  shutdownGraceMs?: number;
}): Promise<CeeHubWorker> {
  installRuntimeLogger();
  const dataSource = await createDataSource({ url: options.databaseUrl, entities: allEntities, poolSize: 10, applicationName: 'cee-hub-worker' }).initialize();
  const connection = await NativeConnection.connect({ address: options.temporal.address, tls: options.temporal.tls, apiKey: options.temporal.apiKey });
  const worker = await Worker.create({
    connection,
    namespace: options.temporal.namespace,
    taskQueue: options.temporal.taskQueue,
    workflowsPath: options.workflowsPath ?? require.resolve('./workflows'),
    activities: {
      ...createOnboardingActivities(dataSource),
      ...createReviewActivities(dataSource),
      ...createCentersActivities(dataSource),
      ...createClaimReleaseActivities(dataSource),
    },
    interceptors: { activity: [permanentFailureInterceptors] },
    // Bounded: a task that does not finish in time is given up, and Temporal hands it to another worker.
    shutdownGraceTime: options.shutdownGraceMs ?? 5_000,
    shutdownForceTime: (options.shutdownGraceMs ?? 5_000) + 5_000,
  });
  return { worker, dataSource, connection };
}
