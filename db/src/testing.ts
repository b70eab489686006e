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

export interface TestServer {
  /** URL of a database on the server from which test databases can be created. */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server for a test run: TEST_DATABASE_URL when set (a server the tests may
 * create databases on), else an embedded PostgreSQL in a temporary folder.
 */
export async function startTestServer(): Promise<TestServer> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return { serverUrl, stop: async () => undefined };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cee-hub-test-pg-'));
  // As root, PostgreSQL runs as another user, which must be able to reach its data folder.
  await chmod(dataDir, 0o755);
  const embedded = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), databaseName: 'postgres' });
  return {
    serverUrl: embedded.url,
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on a test server, dropped by `stop`. */
export async function startScratchDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `cee_hub_test_${randomBytes(6).toString('hex')}`;
  const url = await createScratchDatabase(serverUrl, name);
  return { url, stop: () => dropScratchDatabase(serverUrl, name) };
}

/** A fresh database on a test server, migrated and seeded as the system's own; dropped by `stop`. */
export async function startSeededScratchDatabase(serverUrl: string): Promise<TestDatabase> {
  const database = await startScratchDatabase(serverUrl);
  await migrateDatabase(database.url);
  const dataSource = await createDataSource({ url: database.url, entities: allEntities, poolSize: 2 }).initialize();
  try {
    await seedDatabase(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return database;
}

/** A migrated, seeded database of its own for a test run, on a server of its own (see startTestServer). */
export async function startTestDatabase(): Promise<TestDatabase> {
  const server = await startTestServer();
  const database = await startSeededScratchDatabase(server.serverUrl);
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await server.stop();
    },
  };
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
