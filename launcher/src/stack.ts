import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { ListeningMessage } from '@cee-hub/common';
import { findTemporalCli, startTemporalDevServer, type TemporalDevServer } from './temporal-dev-server';
import { allEntities, createDataSource, type EmbeddedDatabase, migrateDatabase, seedDatabase, startEmbeddedDatabase } from '@cee-hub/db';
import { type StackSecrets, stackSecrets } from './secrets';
import { REPO_ROOT } from './config';

export type ServiceName = 'centers' | 'importers' | 'filings' | 'worker' | 'gateway';

export interface StackOptions {
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its cluster and where process logs go. */
  dataDir: string;
  embeddedPostgresPort: number;
  host: string;
  /** The port of each process; 0 lets the system pick a free one (RunningStack.ports says which). */
  ports: Record<ServiceName, number>;
  seed: boolean;
  /** A Temporal cluster to use; when absent, a Temporal dev server is started. */
  temporalAddress?: string;
  /** The dev server's gRPC port, and its web UI port (no UI when absent). */
  temporalPort: number;
  temporalUiPort?: number;
  /**
   * Extra environment for every process (limits, NODE_ENV, and the secrets: JWT_SECRET and
   * INTERNAL_TOKEN_SECRET, each the install's generated development secret when not given, in
   * development mode only).
   */
  env?: NodeJS.ProcessEnv;
  logsToConsole?: boolean;
  onProgress?: (message: string) => void;
  /** Called when a process exits while the stack is running. */
  onUnexpectedExit?: (service: ServiceName, code: number | null) => void;
}

export interface RunningStack {
  databaseUrl: string;
  temporalAddress: string;
  /** The Temporal web UI of the dev server, when one was started with a UI. */
  temporalUiUrl?: string;
  /** The ports the processes serve on, and their base URLs. */
  ports: Record<ServiceName, number>;
  urls: Record<ServiceName, string>;
  logDir: string;
  /** The secrets the processes run with: tests sign user and gateway tokens with them. */
  secrets: StackSecrets;
  /** Restarts one process (e.g. after killing it in a test) and waits until it is ready. */
  restart(service: ServiceName): Promise<void>;
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const ENTRY_POINTS: Record<ServiceName, string> = {
  centers: 'subgraphs/centers/dist/index.js',
  importers: 'subgraphs/importers/dist/index.js',
  filings: 'subgraphs/filings/dist/index.js',
  worker: 'workflows/dist/worker-main.js',
  gateway: 'gateway/dist/index.js',
};

const PORT_VARIABLES: Record<ServiceName, string> = {
  centers: 'CENTERS_PORT',
  importers: 'IMPORTERS_PORT',
  filings: 'FILINGS_PORT',
  worker: 'WORKER_PORT',
  gateway: 'GATEWAY_PORT',
};

/** Started together once the database and Temporal are up; the gateway follows them. */
const BACKEND_SERVICES = ['centers', 'importers', 'filings', 'worker'] as const;

/**
 * Waits for `child` to announce the port it serves on (see announceListening), then for that
 * port to report ready. Only the child's own message counts: a process that took the port
 * first would answer `/ready` too, and the stack would run against a stranger.
 */
export async function waitUntilReady(service: ServiceName, host: string, child: ChildProcess, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error(`${service} did not start listening within ${timeoutMs / 1000} s; see its log`))), timeoutMs);
    const onMessage = (message: Partial<ListeningMessage>) => {
      if (message?.type === 'cee-hub:listening' && typeof message.port === 'number') settle(() => resolve(message.port!));
    };
    const onExit = (code: number | null) => settle(() => reject(new Error(`${service} exited with code ${code} while starting; see its log`)));
    function settle(then: () => void): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service} exited with code ${child.exitCode} while starting; see its log`);
    const response = await fetch(`http://${host}:${port}/ready`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
    if (response?.ok) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service} was not ready within ${timeoutMs / 1000} s; see its log`);
}

/** How long a process may take to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 20_000;

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the whole system: PostgreSQL (embedded unless a URL is given), migrations and seed
 * data, the three subgraphs, then the gateway, each as its own process, waiting for each to
 * report ready. `npm start` and the end-to-end tests both use it.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const progress = options.onProgress ?? (() => undefined);
  // Decided before anything starts: production mode without its secrets stops here, with nothing to clean up.
  const secrets = stackSecrets({ ...process.env, ...options.env }, options.dataDir);
  const logDir = path.join(options.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    progress(`starting embedded PostgreSQL on port ${options.embeddedPostgresPort}`);
    embedded = await startEmbeddedDatabase({ dataDir: path.join(options.dataDir, 'postgres'), port: options.embeddedPostgresPort });
    databaseUrl = embedded.url;
  }
  let temporal: TemporalDevServer | undefined;
  let temporalAddress = options.temporalAddress ?? '';
  const children = new Map<ServiceName, { child: ChildProcess; log: WriteStream }>();
  let stopping = false;
  // Filled in as each process announces its port; a restart keeps the port it had.
  const ports = { ...options.ports };
  const urls = {} as Record<ServiceName, string>;
  const subgraphUrl = (service: ServiceName) => `http://${options.host}:${ports[service]}/graphql`;

  const launch = async (service: ServiceName): Promise<void> => {
    const log = createWriteStream(path.join(logDir, `${service}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [path.join(REPO_ROOT, ENTRY_POINTS[service])], {
      env: {
        ...process.env,
        ...options.env,
        JWT_SECRET: secrets.jwtSecret,
        INTERNAL_TOKEN_SECRET: secrets.internalTokenSecret,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: temporalAddress,
        HOST: options.host,
        [PORT_VARIABLES[service]]: String(ports[service]),
        CENTERS_URL: subgraphUrl('centers'),
        IMPORTERS_URL: subgraphUrl('importers'),
        FILINGS_URL: subgraphUrl('filings'),
      },
      // The IPC channel is only a lifeline: a child stops when it closes (see onShutdown).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.pipe(log, { end: false });
      if (options.logsToConsole) stream.pipe(process.stdout, { end: false });
    }
    children.set(service, { child, log });
    child.once('exit', (code) => {
      log.end();
      if (!stopping && children.get(service)?.child === child) options.onUnexpectedExit?.(service, code);
    });
    ports[service] = await waitUntilReady(service, options.host, child);
    urls[service] = `http://${options.host}:${ports[service]}`;
  };

  const kill = async (service: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const entry = children.get(service);
    if (!entry) return;
    children.delete(service);
    entry.child.kill(signal);
    // A process that has not stopped by then is stopped outright (the worker bounds its own grace time well within it).
    const force = setTimeout(() => {
      options.onProgress?.(`${service} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
      entry.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await exited(entry.child);
    clearTimeout(force);
  };

  const stop = async (): Promise<void> => {
    stopping = true;
    await kill('gateway');
    await Promise.all(BACKEND_SERVICES.map((service) => kill(service)));
    await temporal?.stop();
    // On Ctrl-C the terminal signals PostgreSQL too; a cluster already stopped is fine.
    await embedded?.stop().catch(() => undefined);
  };

  try {
    progress('applying migrations');
    await migrateDatabase(databaseUrl);
    if (options.seed) {
      progress('loading seed data');
      const dataSource = await createDataSource({ url: databaseUrl, entities: allEntities, poolSize: 2 }).initialize();
      try {
        await seedDatabase(dataSource);
      } finally {
        await dataSource.destroy();
      }
    }
    if (!options.temporalAddress) {
      const cliPath = await findTemporalCli(path.join(REPO_ROOT, '.tools'), progress);
      progress(`starting the Temporal dev server on port ${options.temporalPort}`);
      temporal = await startTemporalDevServer({
        cliPath,
        port: options.temporalPort,
        uiPort: options.temporalUiPort,
        dbFile: path.join(options.dataDir, 'temporal', 'temporal.db'),
        host: options.host,
      });
      temporalAddress = temporal.address;
    }
    progress('starting the centers, importers and filings subgraphs and the workflow worker');
    await Promise.all(BACKEND_SERVICES.map(launch));
    progress('starting the gateway');
    await launch('gateway');
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    databaseUrl,
    temporalAddress,
    temporalUiUrl: temporal?.uiUrl,
    ports,
    urls,
    logDir,
    secrets,
    kill,
    restart: async (service) => {
      await kill(service);
      await launch(service);
    },
    stop,
  };
}
