import { announceListening, createLogger, retryWithBackoff, runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { connectTemporalClient, readTemporalConfig } from '@cee-hub/common/temporal';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { type ReviewTemporal, ReviewService } from './review/review.service';
import { createFilingsDataSource, startFilingsServer } from './server';

/** How often the process looks for summaries whose review could not be started. */
const SWEEP_INTERVAL_MS = 60_000;
/** While Temporal is unreachable, connecting is tried again this often, backing off to the sweep's pace. */
const TEMPORAL_RECONNECT = { firstDelayMs: 1_000, maxDelayMs: SWEEP_INTERVAL_MS, attempts: Infinity };

runMain(async () => {
  const logger = createLogger('filings');
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createFilingsDataSource(config).initialize();
  const temporalConfig = readTemporalConfig(process.env);
  let temporal: ReviewTemporal | null = null;
  const connect = async (): Promise<void> => {
    temporal = { client: await connectTemporalClient(temporalConfig), taskQueue: temporalConfig.taskQueue };
    logger.info({ address: temporalConfig.address }, 'connected to Temporal');
  };
  try {
    await connect();
  } catch (error) {
    // Filing goes on without Temporal; the sweep below starts the missed reviews once it is back.
    logger.error({ err: error, address: temporalConfig.address }, 'Temporal is unreachable; reviews start when it is back');
    void retryWithBackoff(connect, TEMPORAL_RECONNECT);
  }
  const server = await startFilingsServer(config, dataSource, () => temporal);
  stopOnSignals('filings', server, dataSource);
  announceListening(server.port);
  const sweeper = new ReviewService(dataSource, () => temporal, logger);
  const sweep = async (): Promise<void> => {
    const started = await sweeper.startMissingReviews();
    if (started) logger.info({ started }, 'started reviews that had been missed');
  };
  setInterval(() => void sweep().catch((error: unknown) => logger.error({ err: error }, 'review sweep failed')), SWEEP_INTERVAL_MS).unref();
});
