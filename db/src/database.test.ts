import { allEntities, createDataSource, migrateDatabase } from './data-source';
import { seedDatabase } from './seed';

// The global setup (jest.database-setup.js) started, migrated and seeded this database.
const database = { url: process.env.TEST_DB_URL! };

it('migrates once, however many processes start together', async () => {
  const runs = await Promise.all([migrateDatabase(database.url), migrateDatabase(database.url), migrateDatabase(database.url)]);
  expect(runs).toEqual([[], [], []]);
});

it('seeds idempotently, leaving changed rows as users left them', async () => {
  const dataSource = await createDataSource({ url: database.url, entities: allEntities, poolSize: 2 }).initialize();
  try {
    const counts = async () =>
      (await dataSource.query(`SELECT (SELECT count(*) FROM centers.coverage_range) AS ranges, (SELECT count(*) FROM importers.importer) AS importers,
        (SELECT count(*) FROM filings.entry_summary) AS summaries, (SELECT count(*) FROM filings.filing_event) AS events`))[0];
    const before = await counts();
    await dataSource.query(`UPDATE centers.center SET hours = 'changed by an admin' WHERE id = 'PHARMA'`);
    await seedDatabase(dataSource);
    expect(await counts()).toEqual(before);
    expect((await dataSource.query(`SELECT hours FROM centers.center WHERE id = 'PHARMA'`))[0].hours).toBe('changed by an admin');
  } finally {
    await dataSource.destroy();
  }
});
