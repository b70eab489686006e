import { type RunningServer, type SubgraphConfig, startSubgraphServer } from '@cee-hub/common/subgraph';
import { createDataSource, filingsEntities } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { FilingsContext } from './context';
import { createFilingLoaders } from './loaders/filing.loaders';
import { buildFilingsSchema } from './schema';
import { EntrySummaryService } from './services/entry-summary.service';
import { type ReviewTemporal, ReviewService } from './services/review.service';

export type { ReviewTemporal } from './services/review.service';

/**
 * Starts the filings subgraph on an initialized DataSource (used by index.ts and by tests).
 * With `temporal` null, summaries are still filed but no review starts (the sweep of the
 * filings process starts them once Temporal is reachable) and review decisions are refused.
 */
export async function startFilingsServer(config: SubgraphConfig, dataSource: DataSource, temporal: ReviewTemporal | null | (() => ReviewTemporal | null)): Promise<RunningServer> {
  const services = { filings: new EntrySummaryService(dataSource), reviews: new ReviewService(dataSource, temporal) };
  return startSubgraphServer<FilingsContext>(
    {
      service: 'filings',
      schema: await buildFilingsSchema(),
      dataSource,
      secret: config.internalTokenSecret,
      inlineTracing: config.inlineTracing,
      bodyLimitBytes: config.bodyLimitBytes,
      production: config.production,
      extendContext: (base) => ({ ...base, services, loaders: createFilingLoaders(services.filings, services.reviews) }),
    },
    config.port,
    config.host,
  );
}

/**
 * A DataSource for the filings schema. The importer directory and the coverage service read
 * the importers and centers schemas through it with plain SQL, as their owners wrote it.
 */
export function createFilingsDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: filingsEntities, poolSize: config.poolSize, applicationName: 'cee-hub-filings' });
}
