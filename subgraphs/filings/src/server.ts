import { createLogger } from '@cee-hub/common';
import { type RunningServer, type SubgraphConfig, startSubgraphServer } from '@cee-hub/common/subgraph';
import { createDataSource, filingsEntities } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import { AudienceReads } from './access/audience-lookups';
import type { FilingsContext, FilingsServices } from './context';
import { FilingEventLog } from './event-log/filing-event-log';
import { EntrySummaryService } from './filing/entry-summary.service';
import { createFilingLoaders } from './filing/filing.loaders';
import { createFilingEventBus, type FilingEventBus } from './live/filing-event-bus';
import { attachSubscriptionServer } from '@cee-hub/common/live';
import { type ReviewTemporal, ReviewService } from './review/review.service';
import { filingExportRoute } from './search/filing-export';
import { FilingSearchService } from './search/filing-search.service';
import { buildFilingsSchema } from './schema';
import { StatisticsRepository } from './statistics/statistics.repository';

export type { ReviewTemporal } from './review/review.service';

/**
 * Starts the filings subgraph on an initialized DataSource (used by index.ts and by tests): HTTP
 * and graphql-ws on one port and path, and the process's one LISTEN connection for filing events.
 * With `temporal` null, summaries are still filed but no review starts (the sweep of the
 * filings process starts them once Temporal is reachable) and review decisions are refused.
 */
export async function startFilingsServer(
  config: SubgraphConfig,
  dataSource: DataSource,
  temporal: ReviewTemporal | null | (() => ReviewTemporal | null),
  options: FilingsServerOptions = {},
): Promise<RunningFilingsServer> {
  const logger = createLogger('filings');
  const schema = await buildFilingsSchema();
  const eventLog = new FilingEventLog(dataSource);
  const events = createFilingEventBus({ databaseUrl: config.databaseUrl, eventLog, logger, ...options.bus });
  let server: RunningServer;
  try {
    await events.start();
    const filings = new EntrySummaryService(dataSource);
    const services: FilingsServices = {
      filings,
      summaries: filings.summaries,
      eventLog,
      audience: new AudienceReads(dataSource, eventLog),
      reviews: new ReviewService(dataSource, temporal),
      search: new FilingSearchService(dataSource),
      statistics: new StatisticsRepository(dataSource),
      events,
    };
    server = await startSubgraphServer<FilingsContext>(
      {
        service: 'filings',
        schema,
        dataSource,
        logger,
        extendContext: (base) => ({ ...base, services, loaders: createFilingLoaders(services) }),
        // The CSV export of a search, beside GraphQL: a stream too long for a GraphQL answer.
        extraRoutes: (verifier, routeLogger) => filingExportRoute({ dataSource, search: services.search, verifier, logger: routeLogger }),
        // Without its LISTEN connection the process would serve subscriptions that stay silent.
        readiness: async () => {
          if (!events.listening) throw new Error('not listening for filing events; reconnecting');
        },
        attach: attachSubscriptionServer<FilingsContext>({
          schema,
          production: config.production,
          createContext: (base) => ({ ...base, services, loaders: createFilingLoaders(services, { cache: false }) }),
        }),
      },
      config,
    );
  } catch (error) {
    await events.close();
    throw error;
  }
  return {
    port: server.port,
    events,
    stop: async () => {
      // Subscriptions end (and leave the bus) with the server; then the bus stops listening.
      await server.stop();
      await events.close();
    },
  };
}

export interface FilingsServerOptions {
  /** Reconnect timing of the LISTEN connection (tests shorten it). */
  bus?: { reconnectDelayMs?: number; maxReconnectDelayMs?: number };
}

/** The running subgraph, with its event bus (for readiness checks and tests). */
export interface RunningFilingsServer extends RunningServer {
  events: FilingEventBus;
}

/**
 * A DataSource for the filings schema. The importer directory and the Centers' read modules
 * (coverage, center directory) read the importers and centers schemas through it with plain
 * SQL, as their owners wrote it.
 */
export function createFilingsDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: filingsEntities, poolSize: config.poolSize, applicationName: 'cee-hub-filings' });
}
