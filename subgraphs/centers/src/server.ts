import { createLogger } from '@cee-hub/common';
import { type RunningServer, type SubgraphConfig, startSubgraphServer } from '@cee-hub/common/subgraph';
import { type TemporalConfig, TemporalLink } from '@cee-hub/common/temporal';
import { centersEntities, createDataSource } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { CentersContext } from './context';
import { createCenterLoaders } from './loaders/center.loaders';
import { buildCentersSchema } from './schema';
import { CenterContactService } from './services/center-contact.service';
import { CenterService } from './services/center.service';
import { StaffAdminService } from './services/staff-admin.service';

/**
 * Starts the centers subgraph on an initialized DataSource (used by index.ts and by tests).
 * With `temporal`, deactivations run the staff deactivation workflow there; the server starts
 * even when Temporal cannot be reached, and a deactivation then fails with a clear error.
 */
export async function startCentersServer(config: SubgraphConfig, dataSource: DataSource, temporal?: TemporalConfig): Promise<RunningServer> {
  const logger = createLogger('centers');
  const link = temporal ? new TemporalLink(temporal, logger, 'deactivating staff is unavailable until it can') : undefined;
  const centers = new CenterService(dataSource);
  const services = {
    centers,
    staffAdmin: new StaffAdminService(dataSource, centers, link && temporal ? { client: () => link.client(), taskQueue: temporal.taskQueue } : undefined),
    contacts: new CenterContactService(dataSource, centers),
  };
  const server = await startSubgraphServer<CentersContext>(
    {
      service: 'centers',
      schema: await buildCentersSchema(),
      dataSource,
      logger,
      extendContext: (base) => ({ ...base, services, loaders: createCenterLoaders(services.centers) }),
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

export function createCentersDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: centersEntities, poolSize: config.poolSize, applicationName: 'cee-hub-centers' });
}
