import { connectTemporalClient, readTemporalConfig } from '@cee-hub/common/temporal';
import type { Client } from '@temporalio/client';
import { type CeeHubWorker, createCeeHubWorker } from '../worker';

/** The system's worker running on a test file's own task queue, with a client to start and address its workflows. */
export interface TestWorker {
  running: CeeHubWorker;
  client: Client;
  taskQueue: string;
  /** Shuts the worker down, waits for it, and closes both connections and the worker's DataSource. */
  stop(): Promise<void>;
}

/**
 * Starts the whole worker (every workflow and activity) against the run's Temporal dev server
 * (TEST_TEMPORAL_ADDRESS) and database (TEST_DB_URL), polling `taskQueue` only: a queue of its
 * own per test file keeps the files' workflows apart. It reads the environment as it is now,
 * so set durations and rates in process.env before calling.
 */
export async function startTestWorker(taskQueue: string): Promise<TestWorker> {
  const temporal = { ...readTemporalConfig(process.env), address: process.env.TEST_TEMPORAL_ADDRESS!, taskQueue };
  const running = await createCeeHubWorker({ temporal, databaseUrl: process.env.TEST_DB_URL!, workflowsPath: require.resolve('../workflows') });
  const run = running.worker.run();
  const client = await connectTemporalClient(temporal);
  return {
    running,
    client,
    taskQueue,
    stop: async () => {
      running.worker.shutdown();
      await run;
      await client.connection.close();
      await running.connection.close();
      await running.dataSource.destroy();
    },
  };
}
