import { announceListening, createLogger, runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { connectTemporalClient, readTemporalConfig } from '@cee-hub/common/temporal';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { createFilingsDataSource, startFilingsServer } from './server';
import { type ReviewTemporal, ReviewService } from './services/review.service';

/** How often the process looks for summaries whose review could not be started. */
const SWEEP_INTERVAL_MS = 60_000;

runMain(async () => {
  const logger = createLogger('filings');
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createFilingsDataSource(config).initialize();
  const temporalConfig = readTemporalConfig(process.env);
  let temporal: ReviewTemporal | null = null;
  const connect = async (): Promise<void> => {
    if (temporal) return;
    try {
      temporal = { client: await connectTemporalClient(temporalConfig), taskQueue: temporalConfig.taskQueue };
      logger.info({ address: temporalConfig.address }, 'connected to Temporal');
    } catch (error) {
      // Filing goes on without Temporal; the sweep below starts the missed reviews once it is back.
      logger.error({ err: error, address: temporalConfig.address }, 'Temporal is unreachable; reviews start when it is back');
    }
  };
  await connect();
  const server = await startFilingsServer(config, dataSource, () => temporal);
  stopOnSignals('filings', server, dataSource);
  announceListening(server.port);
  const sweeper = new ReviewService(dataSource, () => temporal, logger);
  const sweep = async (): Promise<void> => {
    await connect();
    const started = await sweeper.startMissingReviews();
    if (started) logger.info({ started }, 'started reviews that had been missed');
  };
  setInterval(() => void sweep().catch((error: unknown) => logger.error({ err: error }, 'review sweep failed')), SWEEP_INTERVAL_MS).unref();
});
