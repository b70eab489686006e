import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { allEntities, createDataSource, migrateDatabase } from './data-source';
import { startEmbeddedDatabase } from './embedded';
import { seedDatabase } from './seed';

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A port the OS says is free now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A migrated, seeded database of its own for a test run. With TEST_DATABASE_URL (a server
 * the tests may create databases on) it creates a fresh database there and drops it after;
 * otherwise it starts an embedded PostgreSQL in a temporary folder.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let stopServer: () => Promise<void>;
  if (serverUrl) {
    const name = `cee_hub_test_${randomBytes(6).toString('hex')}`;
    url = await createScratchDatabase(serverUrl, name);
    stopServer = () => dropScratchDatabase(serverUrl, name);
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'cee-hub-test-pg-'));
    // As root, PostgreSQL runs as another user, which must be able to reach its data folder.
    await chmod(dataDir, 0o755);
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pg'), port: await freePort() });
    url = embedded.url;
    stopServer = async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  await migrateDatabase(url);
  const dataSource = await createDataSource({ url, entities: allEntities, poolSize: 2 }).initialize();
  try {
    await seedDatabase(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return { url, stop: stopServer };
}

/** Creates an empty database `name` on the server of `serverUrl` and returns its URL. */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
