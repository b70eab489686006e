import { announceListening, runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { migrateDatabase } from '@cee-hub/db';
import { readDocumentsConfig } from './config';
import { createDocumentsDataSource, startDocumentsServer } from './server';

runMain(async () => {
  const config = readDocumentsConfig(process.env);
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createDocumentsDataSource(config).initialize();
  const server = await startDocumentsServer(config, dataSource);
  stopOnSignals('documents', server, dataSource);
  announceListening(server.port);
});
