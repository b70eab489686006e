import { createLogger } from '@cee-hub/common';
import { type RunningServer, type SubgraphConfig, startSubgraphServer } from '@cee-hub/common/subgraph';
import { readWorkflowDurations, type TemporalConfig, TemporalLink } from '@cee-hub/common/temporal';
import { createDataSource, importersEntities } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { ImportersContext } from './context';
import { createImporterLoaders } from './loaders/importer.loaders';
import { createOnboardingLoaders } from './loaders/onboarding.loaders';
import { buildImportersSchema } from './schema';
import { ImporterService } from './services/importer.service';
import { NoticeAdminService } from './services/notice-admin.service';
import { NoticeService } from './services/notice.service';
import { OnboardingService } from './services/onboarding.service';

/**
 * Starts the importers subgraph on an initialized DataSource (used by index.ts and by tests).
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
  const services = { importers: new ImporterService(dataSource), notices, noticeAdmin: new NoticeAdminService(dataSource), onboardings };
  const server = await startSubgraphServer<ImportersContext>(
    {
      service: 'importers',
      schema: await buildImportersSchema(),
      dataSource,
      logger,
      extendContext: (base) => ({
        ...base,
        services,
        loaders: createImporterLoaders(services.importers),
        onboardingLoaders: createOnboardingLoaders(onboardings, notices),
      }),
    },
    config,
  );
  return {
    port: server.port,
    stop: async () => {
      await server.stop();
      await link?.close();
    },
  };
}

export function createImportersDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: importersEntities, poolSize: config.poolSize, applicationName: 'cee-hub-importers' });
}
