import { announceListening, runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { readTemporalConfig } from '@cee-hub/common/temporal';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { createCentersDataSource, startCentersServer } from './server';

runMain(async () => {
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createCentersDataSource(config).initialize();
  const server = await startCentersServer(config, dataSource, readTemporalConfig(process.env));
  stopOnSignals('centers', server, dataSource);
  announceListening(server.port);
});
