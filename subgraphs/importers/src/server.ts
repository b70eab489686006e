import { createLogger } from '@cee-hub/common';
import { attachSubscriptionServer, EventBus } from '@cee-hub/common/live';
import { type RunningServer, type SubgraphConfig, type SubgraphContext, startSubgraphServer } from '@cee-hub/common/subgraph';
import { readWorkflowDurations, type TemporalConfig, TemporalLink } from '@cee-hub/common/temporal';
import { createDataSource, importersEntities } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { ImportersContext } from './context';
import { createImporterLoaders } from './loaders/importer.loaders';
import { OnboardingEventLog } from './live/onboarding-event-log';
import { createOnboardingLoaders } from './loaders/onboarding.loaders';
import { buildImportersSchema } from './schema';
import { ImporterService } from './services/importer.service';
import { NoticeAdminService } from './services/notice-admin.service';
import { NoticeService } from './services/notice.service';
import { OnboardingService } from './services/onboarding.service';

/**
 * Starts the importers subgraph on an initialized DataSource (used by index.ts and by tests):
 * HTTP and graphql-ws on one port and path, and the process's LISTEN connection for onboarding events.
 * With `temporal`, volunteer onboarding starts and drives workflows there; the server starts
 * even when Temporal cannot be reached, and onboarding mutations then fail with a clear error.
 */
export async function startImportersServer(config: SubgraphConfig, dataSource: DataSource, temporal?: TemporalConfig): Promise<RunningServer> {
  const logger = createLogger('importers');
  const link = temporal ? new TemporalLink(temporal, logger, 'volunteer onboarding is unavailable until it can') : undefined;
  const notices = new NoticeService(dataSource);
  const onboardings = new OnboardingService(
    dataSource,
    link && temporal
      ? { client: () => link.client(), taskQueue: temporal.taskQueue, durations: readWorkflowDurations(process.env).onboarding }
      : undefined,
  );
  const onboardingEvents = new OnboardingEventLog(dataSource);
  const onboardingBus = new EventBus({ databaseUrl: config.databaseUrl, source: onboardingEvents.source(), logger, applicationName: 'cee-hub-importers-listener' });
  const services = { importers: new ImporterService(dataSource), notices, noticeAdmin: new NoticeAdminService(dataSource), onboardings, onboardingEvents, onboardingBus };
  const schema = await buildImportersSchema();
  const extendContext = (base: SubgraphContext): ImportersContext => ({
    ...base,
    services,
    loaders: createImporterLoaders(services.importers),
    onboardingLoaders: createOnboardingLoaders(onboardings, notices),
  });
  let server: RunningServer;
  try {
    await onboardingBus.start();
    server = await startSubgraphServer<ImportersContext>(
      {
        service: 'importers',
        schema,
        dataSource,
        logger,
        extendContext,
        // Without its LISTEN connection the process would serve subscriptions that stay silent.
        readiness: async () => {
          if (!onboardingBus.listening) throw new Error('not listening for onboarding events; reconnecting');
        },
        attach: attachSubscriptionServer<ImportersContext>({ schema, production: config.production, createContext: extendContext }),
      },
      config,
    );
  } catch (error) {
    await onboardingBus.close();
    await link?.close();
    throw error;
  }
  return {
    port: server.port,
    stop: async () => {
      // Subscriptions end (and leave the bus) with the server; then the bus stops listening.
      await server.stop();
      await onboardingBus.close();
      await link?.close();
    },
  };
}

export function createImportersDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: importersEntities, poolSize: config.poolSize, applicationName: 'cee-hub-importers' });
}
