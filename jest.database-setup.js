// Jest global setup for suites that need PostgreSQL: one migrated, seeded database per run,
// shared with the test files through TEST_DB_URL.
const { startTestDatabase } = require('@cee-hub/db/testing');

module.exports = async () => {
  const database = await startTestDatabase();
  process.env.TEST_DB_URL = database.url;
  globalThis.__ceeHubTestDatabase = database;
};
