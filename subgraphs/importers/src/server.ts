import { type RunningServer, type SubgraphConfig, startSubgraphServer } from '@cee-hub/common/subgraph';
import { createDataSource, importersEntities } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import type { ImportersContext } from './context';
import { createImporterLoaders } from './loaders/importer.loaders';
import { buildImportersSchema } from './schema';
import { ImporterService } from './services/importer.service';
import { NoticeService } from './services/notice.service';

/** Starts the importers subgraph on an initialized DataSource (used by index.ts and by tests). */
export async function startImportersServer(config: SubgraphConfig, dataSource: DataSource): Promise<RunningServer> {
  const services = { importers: new ImporterService(dataSource), notices: new NoticeService(dataSource) };
  return startSubgraphServer<ImportersContext>(
    {
      service: 'importers',
      schema: await buildImportersSchema(),
      dataSource,
      secret: config.internalTokenSecret,
      inlineTracing: config.inlineTracing,
      bodyLimitBytes: config.bodyLimitBytes,
      production: config.production,
      extendContext: (base) => ({ ...base, services, loaders: createImporterLoaders(services.importers) }),
    },
    config.port,
    config.host,
  );
}

export function createImportersDataSource(config: SubgraphConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: importersEntities, poolSize: config.poolSize, applicationName: 'cee-hub-importers' });
}
