import { type RunningServer, type SubgraphConfig, startSubgraphServer } from '@cee-hub/common/subgraph';
import { centersEntities, createDataSource } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { CentersContext } from './context';
import { createCenterLoaders } from './loaders/center.loaders';
import { buildCentersSchema } from './schema';
import { CenterService } from './services/center.service';

/** Starts the centers subgraph on an initialized DataSource (used by index.ts and by tests). */
export async function startCentersServer(config: SubgraphConfig, dataSource: DataSource): Promise<RunningServer> {
  const services = { centers: new CenterService(dataSource) };
  return startSubgraphServer<CentersContext>(
    {
      service: 'centers',
      schema: await buildCentersSchema(),
      dataSource,
      extendContext: (base) => ({ ...base, services, loaders: createCenterLoaders(services.centers) }),
    },
    config,
  );
}

export function createCentersDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: centersEntities, poolSize: config.poolSize, applicationName: 'cee-hub-centers' });
}
