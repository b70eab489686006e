import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { ListeningMessage } from '@cee-hub/common';
import { findTemporalCli, startTemporalDevServer, type TemporalDevServer } from './temporal-dev-server';
import { allEntities, createDataSource, type EmbeddedDatabase, migrateDatabase, seedDatabase, startEmbeddedDatabase } from '@cee-hub/db';
import { type StackSecrets, stackSecrets } from './secrets';
import { REPO_ROOT, SERVICE_PORTS } from './config';

export type ServiceName = 'centers' | 'importers' | 'filings' | 'documents' | 'worker' | 'gateway';

/** The subgraphs, by the names the supergraph gives them. */
export type SubgraphName = 'centers' | 'importers' | 'filings' | 'documents';

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
  /** What the processes were started with: a replica started beside them with it joins the system. */
  environment: ServiceEnvironment;
  /** Restarts one process (e.g. after killing it in a test) and waits until it is ready. */
  restart(service: ServiceName): Promise<void>;
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const ENTRY_POINTS: Record<ServiceName, string> = {
  centers: 'subgraphs/centers/dist/index.js',
  importers: 'subgraphs/importers/dist/index.js',
  filings: 'subgraphs/filings/dist/index.js',
  documents: 'subgraphs/documents/dist/index.js',
  worker: 'workflows/dist/worker-main.js',
  gateway: 'gateway/dist/index.js',
};

/** Started together once the database and Temporal are up; the gateway follows them. */
const BACKEND_SERVICES = ['centers', 'importers', 'filings', 'documents', 'worker'] as const;

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

/** What every process of a stack is started with, whatever its service. */
export interface ServiceEnvironment {
  env?: NodeJS.ProcessEnv;
  secrets: StackSecrets;
  databaseUrl: string;
  temporalAddress: string;
  host: string;
  /** The subgraphs' GraphQL endpoints, for the gateway. */
  subgraphUrls: Record<SubgraphName, string>;
}

/**
 * Spawns one process of `service` on `port` (0: it picks one), its output piped to `log`
 * and, with `toConsole`, the terminal. waitUntilReady then says which port it took.
 */
export function spawnService(service: ServiceName, port: number, environment: ServiceEnvironment, output: { log: WriteStream; toConsole?: boolean }): ChildProcess {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, ENTRY_POINTS[service])], {
    env: {
      ...process.env,
      ...environment.env,
      JWT_SECRET: environment.secrets.jwtSecret,
      INTERNAL_TOKEN_SECRET: environment.secrets.internalTokenSecret,
      DATABASE_URL: environment.databaseUrl,
      TEMPORAL_ADDRESS: environment.temporalAddress,
      HOST: environment.host,
      [SERVICE_PORTS[service].variable]: String(port),
      CENTERS_URL: environment.subgraphUrls.centers,
      IMPORTERS_URL: environment.subgraphUrls.importers,
      FILINGS_URL: environment.subgraphUrls.filings,
      DOCUMENTS_URL: environment.subgraphUrls.documents,
    },
    // The IPC channel is only a lifeline: a child stops when it closes (see onShutdown).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.pipe(output.log, { end: false });
    if (output.toConsole) stream.pipe(process.stdout, { end: false });
  }
  child.once('exit', () => output.log.end());
  return child;
}

/** Stops `child` with `signal`, and outright when it has not stopped within STOP_GRACE_MS. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', onForced?: () => void): Promise<void> {
  child.kill(signal);
  // A process that has not stopped by then is stopped outright (the worker bounds its own grace time well within it).
  const force = setTimeout(() => {
    onForced?.();
    child.kill('SIGKILL');
  }, STOP_GRACE_MS);
  await exited(child);
  clearTimeout(force);
}

/** PostgreSQL at the given URL, or an embedded one started in the data folder. */
async function startDatabase(options: StackOptions, progress: (message: string) => void): Promise<{ databaseUrl: string; embedded?: EmbeddedDatabase }> {
  if (options.databaseUrl) return { databaseUrl: options.databaseUrl };
  progress(`starting embedded PostgreSQL on port ${options.embeddedPostgresPort}`);
  const embedded = await startEmbeddedDatabase({ dataDir: path.join(options.dataDir, 'postgres'), port: options.embeddedPostgresPort });
  return { databaseUrl: embedded.url, embedded };
}

/** Applies the migrations and, when asked, loads the seed data (idempotent). */
async function prepareDatabase(databaseUrl: string, seed: boolean, progress: (message: string) => void): Promise<void> {
  progress('applying migrations');
  await migrateDatabase(databaseUrl);
  if (!seed) return;
  progress('loading seed data');
  const dataSource = await createDataSource({ url: databaseUrl, entities: allEntities, poolSize: 2 }).initialize();
  try {
    await seedDatabase(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** A Temporal dev server keeping its file in the data folder. */
async function startTemporal(options: StackOptions, progress: (message: string) => void): Promise<TemporalDevServer> {
  const cliPath = await findTemporalCli(path.join(REPO_ROOT, '.tools'), progress);
  progress(`starting the Temporal dev server on port ${options.temporalPort}`);
  return startTemporalDevServer({
    cliPath,
    port: options.temporalPort,
    uiPort: options.temporalUiPort,
    dbFile: path.join(options.dataDir, 'temporal', 'temporal.db'),
    host: options.host,
  });
}

/** The stack's processes: each started on its port, watched, and stopped. */
class ServiceProcesses {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private stopping = false;
  /** Filled in as each process announces its port; a restart keeps the port it had. */
  readonly ports: Record<ServiceName, number>;

  constructor(
    private readonly options: StackOptions,
    private readonly logDir: string,
    private readonly environment: Omit<ServiceEnvironment, 'subgraphUrls'>,
  ) {
    this.ports = { ...options.ports };
  }

  /** The subgraphs' endpoints as they are now (the gateway starts once they are known). */
  subgraphUrls(): ServiceEnvironment['subgraphUrls'] {
    const urls = this.urls();
    return { centers: `${urls.centers}/graphql`, importers: `${urls.importers}/graphql`, filings: `${urls.filings}/graphql`, documents: `${urls.documents}/graphql` };
  }

  async launch(service: ServiceName): Promise<void> {
    const log = createWriteStream(path.join(this.logDir, `${service}.log`), { flags: 'a' });
    const child = spawnService(service, this.ports[service], { ...this.environment, subgraphUrls: this.subgraphUrls() }, { log, toConsole: this.options.logsToConsole });
    this.children.set(service, child);
    child.once('exit', (code) => {
      if (!this.stopping && this.children.get(service) === child) this.options.onUnexpectedExit?.(service, code);
    });
    this.ports[service] = await waitUntilReady(service, this.options.host, child);
  }

  /** Each process's base URL, from the port it serves on. */
  urls(): Record<ServiceName, string> {
    return Object.fromEntries(Object.entries(this.ports).map(([service, port]) => [service, `http://${this.options.host}:${port}`])) as Record<ServiceName, string>;
  }

  async kill(service: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.children.get(service);
    if (!child) return;
    this.children.delete(service);
    await stopProcess(child, signal, () => this.options.onProgress?.(`${service} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`));
  }

  /** The gateway first, so no request reaches a subgraph that is going away. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await this.kill('gateway');
    await Promise.all(BACKEND_SERVICES.map((service) => this.kill(service)));
  }
}

/**
 * Starts the whole system: PostgreSQL (embedded unless a URL is given), migrations and seed
 * data, the four subgraphs and the worker, then the gateway, each as its own process, waiting for each to
 * report ready. `npm start` and the harness of the tests, drills and benchmark use it.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const progress = options.onProgress ?? (() => undefined);
  // Decided before anything starts: production mode without its secrets stops here, with nothing to clean up.
  const secrets = stackSecrets({ ...process.env, ...options.env }, options.dataDir);
  const logDir = path.join(options.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const { databaseUrl, embedded } = await startDatabase(options, progress);
  let temporal: TemporalDevServer | undefined;
  let processes: ServiceProcesses | undefined;
  const stop = async (): Promise<void> => {
    await processes?.stopAll();
    await temporal?.stop();
    // On Ctrl-C the terminal signals PostgreSQL too; a cluster already stopped is fine.
    await embedded?.stop().catch(() => undefined);
  };

  try {
    await prepareDatabase(databaseUrl, options.seed, progress);
    if (!options.temporalAddress) temporal = await startTemporal(options, progress);
    const temporalAddress = options.temporalAddress ?? temporal!.address;
    const environment = { env: options.env, secrets, databaseUrl, temporalAddress, host: options.host };
    processes = new ServiceProcesses(options, logDir, environment);
    progress('starting the centers, importers, filings and documents subgraphs and the workflow worker');
    await Promise.all(BACKEND_SERVICES.map((service) => processes!.launch(service)));
    progress('starting the gateway');
    await processes.launch('gateway');
    const running = processes;
    return {
      databaseUrl,
      temporalAddress,
      temporalUiUrl: temporal?.uiUrl,
      ports: running.ports,
      urls: running.urls(),
      logDir,
      secrets,
      environment: { ...environment, subgraphUrls: running.subgraphUrls() },
      kill: (service, signal) => running.kill(service, signal),
      restart: async (service) => {
        await running.kill(service);
        await running.launch(service);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
