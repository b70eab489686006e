import { announceListening, runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { readTemporalConfig } from '@cee-hub/common/temporal';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { createImportersDataSource, startImportersServer } from './server';

runMain(async () => {
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createImportersDataSource(config).initialize();
  const server = await startImportersServer(config, dataSource, readTemporalConfig(process.env));
  stopOnSignals('importers', server, dataSource);
  announceListening(server.port);
});
