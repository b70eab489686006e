import { runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { readTemporalConfig } from '@cee-hub/common/temporal';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { createImportersDataSource, startImportersServer } from './server';

runMain(async () => {
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createImportersDataSource(config).initialize();
  stopOnSignals('importers', await startImportersServer(config, dataSource, readTemporalConfig(process.env)), dataSource);
});
