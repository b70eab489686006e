import { announceListening, createLogger, runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { readTemporalConfig, TemporalLink } from '@cee-hub/common/temporal';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { type ReviewTemporal, ReviewService } from './review/review.service';
import { createFilingsDataSource, startFilingsServer } from './server';
import { StatisticsRepository } from './statistics/statistics.repository';

/** How often the process looks for summaries whose review could not be started. */
const SWEEP_INTERVAL_MS = 60_000;
/** How often the statistics' rollups merge the deltas the writers appended. */
const COMPACT_INTERVAL_MS = 60_000;

runMain(async () => {
  const logger = createLogger('filings');
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createFilingsDataSource(config).initialize();
  const temporalConfig = readTemporalConfig(process.env);
  // Filing goes on without Temporal; the sweep below starts the missed reviews once it is back.
  const link = new TemporalLink(temporalConfig, logger, 'entry summaries are filed and their reviews start once it is back');
  await link.client();
  const temporal = (): ReviewTemporal | null => (link.connected ? { client: link.connected, taskQueue: temporalConfig.taskQueue } : null);
  const server = await startFilingsServer(config, dataSource, temporal);
  stopOnSignals('filings', server, dataSource);
  announceListening(server.port);
  const sweeper = new ReviewService(dataSource, temporal, logger);
  const sweep = async (): Promise<void> => {
    const started = await sweeper.startMissingReviews();
    if (started) logger.info({ started }, 'started reviews that had been missed');
  };
  setInterval(() => void sweep().catch((error: unknown) => logger.error({ err: error }, 'review sweep failed')), SWEEP_INTERVAL_MS).unref();
  const statistics = new StatisticsRepository(dataSource);
  setInterval(() => void statistics.compact().catch((error: unknown) => logger.error({ err: error }, 'statistics compaction failed')), COMPACT_INTERVAL_MS).unref();
});
