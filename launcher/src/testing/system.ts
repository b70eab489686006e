import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Identity, INTERNAL_IDENTITY_HEADER, InternalTokenSigner, issueUserToken } from '@cee-hub/common';
import { type GraphQLResponse, postGraphQL, TEST_INTERNAL_TOKEN_SECRET, TEST_JWT_SECRET } from '@cee-hub/common/testing';
import { seededIdentity } from '@cee-hub/db';
import { freePort, startScratchDatabase, type TestDatabase } from '@cee-hub/db/testing';
import { Pool } from 'pg';
import { type RunningStack, type ServiceEnvironment, type ServiceName, spawnService, type StackOptions, startStack, stopProcess, waitUntilReady } from '../stack';
import { connectLive, type LiveConnection, type LiveConnectionOptions } from './live';

/** A seeded user by email (see seededIdentity), or any identity. */
export type Caller = string | Identity;

export interface StartSystemOptions {
  /**
   * The system's database: an existing one (`url`), or a new, empty one on a PostgreSQL server
   * (`scratchOn`, a URL of that server), dropped at stop. When absent, an embedded PostgreSQL
   * in the data folder, as `npm start` runs it.
   */
  database?: { url: string } | { scratchOn: string };
  /** Environment for every process, over the harness's: LOG_LEVEL=warn and the run's secrets. */
  env?: NodeJS.ProcessEnv;
  /** A folder the caller owns for the data and logs; when absent, a temporary one removed at stop. */
  dataDir?: string;
  /** Keeps the temporary data folder (logs, Temporal's file) at stop, and says where it is. */
  keepData?: boolean;
  onProgress?: (message: string) => void;
}

/**
 * The whole system of a test, a drill or the benchmark, and what they do with it. Every
 * process picks its own port; a restart keeps it, so the URLs hold for the system's life.
 */
export interface System {
  /** The running processes; restartAll replaces it. */
  readonly stack: RunningStack;
  readonly gatewayUrl: string;
  readonly databaseUrl: string;
  /** A user token for the gateway, signed with the secret the processes run with. */
  tokenFor(as: Caller, lifetime?: string): Promise<string>;
  /** The headers a subgraph accepts: the identity signed as the gateway signs it. */
  internalHeadersFor(as: Caller): Promise<Record<string, string>>;
  /** Sends an operation through the gateway as `as`, or as the public when absent. */
  query<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphQLResponse<TData>>;
  /** Opens a graphql-ws connection to the gateway (or `options.url`) as `as`; closed at stop. */
  connect(as: Caller | null, options?: LiveConnectionOptions): Promise<LiveConnection>;
  /** Runs SQL against the system's database. */
  sql<T = Record<string, any>>(text: string, values?: unknown[]): Promise<T[]>;
  /**
   * Starts another process of `service` beside the system's own (a second gateway, a filings
   * replica) with the system's settings, `env` over them, and the subgraphs it is given instead
   * of the system's; it is stopped at stop, if not before.
   */
  startReplica(service: ServiceName, options?: ReplicaOptions): Promise<Replica>;
  /** Stops one process and starts it again on its port, ready. */
  restart(service: ServiceName): Promise<void>;
  /** Stops every process and starts them again on the same data, Temporal file and ports, as a second `npm start` would. */
  restartAll(): Promise<void>;
  /** Stops everything and removes what the system created. */
  stop(): Promise<void>;
}

export interface ReplicaOptions {
  env?: NodeJS.ProcessEnv;
  subgraphUrls?: Partial<ServiceEnvironment['subgraphUrls']>;
}

export interface Replica {
  /** Its base URL (`/graphql`, `/ready` and the WebSocket endpoint are under it). */
  url: string;
  stop(): Promise<void>;
}

/** Settings every system starts with; the caller's env overrides them. */
const HARNESS_ENV: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET };

/** Starts the whole system as `npm start` does, seeded, each process on a port it picks. */
export async function startSystem(options: StartSystemOptions = {}): Promise<System> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'cee-hub-system-')));
  const removeDataDir = async () => {
    if (options.dataDir) return;
    if (options.keepData) process.stderr.write(`the system's data and logs are kept in ${dataDir}\n`);
    else await rm(dataDir, { recursive: true, force: true });
  };
  let scratch: TestDatabase | undefined;
  let stack: RunningStack;
  let stackOptions: StackOptions;
  try {
    scratch = options.database && 'scratchOn' in options.database ? await startScratchDatabase(options.database.scratchOn) : undefined;
    stackOptions = {
      databaseUrl: scratch?.url ?? (options.database && 'url' in options.database ? options.database.url : undefined),
      dataDir,
      embeddedPostgresPort: await freePort(),
      host: '127.0.0.1',
      // Each process picks a free port and announces it: no port is chosen ahead and taken meanwhile.
      ports: { gateway: 0, centers: 0, importers: 0, filings: 0, documents: 0, worker: 0 },
      seed: true,
      temporalPort: await freePort(),
      env: { ...HARNESS_ENV, ...options.env },
      onProgress: options.onProgress,
    };
    stack = await startStack(stackOptions);
  } catch (error) {
    await scratch?.stop();
    await removeDataDir();
    throw error;
  }

  const pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  // An idle connection dies when restartAll restarts an embedded PostgreSQL; the next query opens another.
  pool.on('error', () => undefined);
  const connections: LiveConnection[] = [];
  const replicas = new Set<ChildProcess>();
  const gatewayUrl = `${stack.urls.gateway}/graphql`;
  const identityOf = (as: Caller): Identity => (typeof as === 'string' ? seededIdentity(as) : as);
  // Signed with the secrets the processes run with, whatever options.env set.
  const tokenFor = (as: Caller, lifetime?: string) => issueUserToken(identityOf(as), stack.secrets.jwtSecret, lifetime);
  const signer = new InternalTokenSigner(stack.secrets.internalTokenSecret);

  return {
    get stack() {
      return stack;
    },
    gatewayUrl,
    databaseUrl: stack.databaseUrl,
    tokenFor,
    internalHeadersFor: async (as) => ({ [INTERNAL_IDENTITY_HEADER]: await signer.sign(identityOf(as)) }),
    query: async (query, variables, as) => postGraphQL(gatewayUrl, query, variables, as ? { authorization: `Bearer ${await tokenFor(as)}` } : {}),
    connect: async (as, connectOptions = {}) => {
      const authorization = connectOptions.authorization ?? (as ? `Bearer ${await tokenFor(as, connectOptions.lifetime)}` : undefined);
      const connection = connectLive(connectOptions.url ?? webSocketUrl(stack.urls.gateway), authorization);
      connections.push(connection);
      return connection;
    },
    startReplica: async (service, replicaOptions = {}) => {
      const log = createWriteStream(path.join(stack.logDir, `${service}-replica-${replicas.size + 1}.log`), { flags: 'a' });
      const environment = stack.environment;
      const child = spawnService(
        service,
        0,
        { ...environment, env: { ...environment.env, ...replicaOptions.env }, subgraphUrls: { ...environment.subgraphUrls, ...replicaOptions.subgraphUrls } },
        { log },
      );
      replicas.add(child);
      const stopReplica = async () => {
        if (replicas.delete(child)) await stopProcess(child);
      };
      try {
        const port = await waitUntilReady(service, environment.host, child);
        return { url: `http://${environment.host}:${port}`, stop: stopReplica };
      } catch (error) {
        await stopReplica();
        throw error;
      }
    },
    sql: async (text, values) => (await pool.query(text, values as any[])).rows,
    restart: (service) => stack.restart(service),
    restartAll: async () => {
      await stack.stop();
      // The seed is idempotent, so seeding again leaves the data as it was.
      stack = await startStack({ ...stackOptions, ports: stack.ports });
    },
    stop: async () => {
      await Promise.all(connections.map((connection) => connection.client.dispose()));
      await Promise.all([...replicas].map((child) => stopProcess(child)));
      await pool.end().catch(() => undefined);
      await stack.stop();
      await scratch?.stop();
      await removeDataDir();
    },
  };
}

/** The graphql-ws endpoint of a process whose base URL is `httpUrl`. */
export function webSocketUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/graphql`;
}
