import { randomBytes } from 'node:crypto';
import { importerRows } from '@cee-hub/db';
import { createScratchDatabase, dropScratchDatabase } from '@cee-hub/db/testing';
import { entrySummaryInput, startSystem, type System } from '@cee-hub/launcher/testing';

/**
 * The same system on an external PostgreSQL (DATABASE_URL), as in production. The server is
 * EXTERNAL_DATABASE_URL, by default this machine's PostgreSQL on 127.0.0.1:5432.
 */
const SERVER_URL = process.env.EXTERNAL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = `cee_hub_e2e_${randomBytes(5).toString('hex')}`;
const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;

let system: System;

beforeAll(async () => {
  let databaseUrl: string;
  try {
    databaseUrl = await createScratchDatabase(SERVER_URL, DATABASE);
  } catch (error) {
    throw new Error(`This test needs the PostgreSQL at ${SERVER_URL} (set EXTERNAL_DATABASE_URL): ${String(error)}`);
  }
  system = await startSystem({ database: { url: databaseUrl } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await dropScratchDatabase(SERVER_URL, DATABASE).catch(() => undefined);
});

it('migrates, seeds and serves the graph on an external database', async () => {
  expect(system.stack.databaseUrl).toContain(DATABASE);
  const { data } = await system.query('{ centers { id } }');
  expect(data!.centers).toHaveLength(10);
  const filed = await system.query(
    'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { status processingCenter { id } } }',
    { input: entrySummaryInput(PACIFIC.id) },
    PACIFIC.contactEmail,
  );
  expect(filed.errors).toBeUndefined();
  expect(filed.data!.fileEntrySummary).toEqual({ status: 'FILED', processingCenter: { id: 'ELECTRONICS' } });
});
