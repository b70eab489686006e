import { runMain } from '@cee-hub/common';
import { stopOnSignals } from '@cee-hub/common/subgraph';
import { migrateDatabase } from '@cee-hub/db';
import { config } from './config';
import { createFilingsDataSource, startFilingsServer } from './server';

runMain(async () => {
  await migrateDatabase(config.databaseUrl);
  const dataSource = await createFilingsDataSource(config).initialize();
  stopOnSignals('filings', await startFilingsServer(config, dataSource), dataSource);
});
