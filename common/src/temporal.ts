import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApplicationFailure, Client, Connection, type TLSConfig, WorkflowNotFoundError } from '@temporalio/client';
import { GraphQLError } from 'graphql';
import { ConfigError, envBool, envOptional, envString } from './env';
import { ConflictError, ForbiddenError, NotFoundError } from './errors';
import { DECISION_ERROR_TYPES, type DecisionErrorType, type OnboardingDurations, type ReviewDurations } from './workflow-contracts';

/** Where and how to reach Temporal; the same settings serve the worker and the subgraphs. */
export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: TLSConfig;
  apiKey?: string;
}

function readFileOrFail(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new ConfigError(`${name} names ${file}, which cannot be read`);
  }
}

/**
 * Reads TEMPORAL_ADDRESS (default the dev server on 127.0.0.1:7233), TEMPORAL_NAMESPACE,
 * TEMPORAL_TASK_QUEUE and the TLS settings of a cluster (TEMPORAL_TLS, TEMPORAL_TLS_CA,
 * TEMPORAL_TLS_CERT with TEMPORAL_TLS_KEY, TEMPORAL_TLS_SERVER_NAME) or TEMPORAL_API_KEY.
 */
export function readTemporalConfig(env: NodeJS.ProcessEnv): Readonly<TemporalConfig> {
  const cert = envOptional(env, 'TEMPORAL_TLS_CERT');
  const key = envOptional(env, 'TEMPORAL_TLS_KEY');
  if (Boolean(cert) !== Boolean(key)) throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both or neither');
  const ca = envOptional(env, 'TEMPORAL_TLS_CA');
  const apiKey = envOptional(env, 'TEMPORAL_API_KEY');
  const useTls = envBool(env, 'TEMPORAL_TLS', Boolean(cert || ca || apiKey));
  const tls: TLSConfig | undefined = useTls
    ? {
        serverNameOverride: envOptional(env, 'TEMPORAL_TLS_SERVER_NAME'),
        serverRootCACertificate: ca ? readFileOrFail('TEMPORAL_TLS_CA', ca) : undefined,
        clientCertPair: cert && key ? { crt: readFileOrFail('TEMPORAL_TLS_CERT', cert), key: readFileOrFail('TEMPORAL_TLS_KEY', key) } : undefined,
      }
    : undefined;
  return Object.freeze({
    address: envString(env, 'TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    namespace: envString(env, 'TEMPORAL_NAMESPACE', 'default'),
    taskQueue: envString(env, 'TEMPORAL_TASK_QUEUE', 'cee-hub'),
    tls,
    apiKey,
  });
}

/** A Temporal client for starting workflows and sending updates, signals and queries. */
export async function connectTemporalClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect({ address: config.address, tls: config.tls, apiKey: config.apiKey });
  return new Client({ connection, namespace: config.namespace });
}

/** The Temporal CLI version the project builds; later tags cannot be `go install`ed. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the copy built
 * earlier into `toolsDir/bin`; else builds it there once with `go install` (this project
 * downloads no binaries: Go modules come through the Go module proxy).
 */
export async function findTemporalCli(toolsDir: string, log: (line: string) => void = () => undefined): Promise<string> {
  const configured = envOptional(process.env, 'TEMPORAL_CLI_PATH');
  if (configured) {
    if (!isExecutable(configured)) throw new ConfigError(`TEMPORAL_CLI_PATH is ${configured}, which is not an executable file`);
    return configured;
  }
  const found = onPath('temporal');
  if (found) return found;
  const binDir = path.resolve(toolsDir, 'bin');
  const built = path.join(binDir, 'temporal');
  if (isExecutable(built)) return built;
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new ConfigError(
      'The Temporal CLI is needed and Go is not installed to build it: install Go 1.22 or later (https://go.dev/doc/install, or `apt-get install golang-go`), ' +
        'or put `temporal` on PATH, or set TEMPORAL_CLI_PATH, or point TEMPORAL_ADDRESS at a running Temporal server',
    );
  }
  mkdirSync(binDir, { recursive: true });
  log(`building the Temporal CLI once with go install ${TEMPORAL_CLI_MODULE} (a few minutes the first time)`);
  await promisify(execFile)(go, ['install', TEMPORAL_CLI_MODULE], {
    env: { ...process.env, GOBIN: binDir },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!isExecutable(built)) throw new Error(`go install finished but ${built} is missing`);
  return built;
}

export interface TemporalDevServerOptions {
  cliPath: string;
  port: number;
  uiPort?: number;
  /** SQLite file to keep workflows between runs; in memory when absent. */
  dbFile?: string;
  namespace?: string;
  logFile?: string;
  host?: string;
}

export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Stops a dev server left running on `dbFile` by an earlier launcher that was killed outright
 * (the server outlives its parent); it would hold the file and the ports.
 */
async function stopLeftoverDevServer(dbFile: string): Promise<void> {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return; // no /proc on this system
  }
  for (const pid of pids) {
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = commandLine.split('\0');
    if (!args.includes('start-dev') || args[args.indexOf('--db-filename') + 1] !== dbFile) continue;
    process.kill(Number(pid), 'SIGTERM');
    for (let waited = 0; waited < 10_000; waited += 100) {
      try {
        process.kill(Number(pid), 0);
      } catch {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Whether something accepts TCP connections on host:port now. */
function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const answer = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.once('connect', () => answer(true));
    socket.once('error', () => answer(false));
    socket.once('timeout', () => answer(false));
  });
}

/**
 * Starts `temporal server start-dev` and resolves once it accepts gRPC connections. A port
 * already served by another process is refused up front: the readiness poll below would
 * otherwise take that process for the new server.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const host = options.host ?? '127.0.0.1';
  const args = ['server', 'start-dev', '--ip', host, '--port', String(options.port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) {
    mkdirSync(path.dirname(options.dbFile), { recursive: true });
    await stopLeftoverDevServer(options.dbFile);
    args.push('--db-filename', options.dbFile);
  }
  if (options.namespace && options.namespace !== 'default') args.push('--namespace', options.namespace);
  if (await portAnswers(host, options.port)) throw new Error(`port ${options.port} on ${host} is in use already; the Temporal dev server needs it free`);
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const address = `${host}:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Temporal dev server exited with code ${child.exitCode}:\n${output}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the Temporal dev server did not accept connections on ${address} within 60 s: ${String(error)}\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://${host}:${options.uiPort}` : undefined,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}


/** Durations of both processes from the environment, with the regulatory defaults. */
export function readWorkflowDurations(env: NodeJS.ProcessEnv): Readonly<{ onboarding: OnboardingDurations; review: ReviewDurations }> {
  return Object.freeze({
    onboarding: {
      reviewSla: envString(env, 'ONBOARDING_REVIEW_SLA', '5 days'),
      escalateAfter: envString(env, 'ONBOARDING_ESCALATE_AFTER', '3 days'),
      informationDeadline: envString(env, 'ONBOARDING_INFORMATION_DEADLINE', '30 days'),
    },
    review: {
      stepSla: envString(env, 'REVIEW_STEP_SLA', '3 days'),
      cf28ResponseWindow: envString(env, 'CF28_RESPONSE_WINDOW', '30 days'),
      cf29ResponseWindow: envString(env, 'CF29_RESPONSE_WINDOW', '20 days'),
      liquidationAfterEntry: envString(env, 'LIQUIDATION_AFTER_ENTRY', '314 days'),
    },
  });
}

/** The first failure in `error`'s cause chain that carries a decision error type (a refusal), if any. */
function refusalCause(error: unknown): ApplicationFailure | undefined {
  for (let current = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ApplicationFailure && (DECISION_ERROR_TYPES as readonly string[]).includes(current.type ?? '')) return current;
  }
  return undefined;
}

/**
 * The GraphQL error for a refused decision, whether the graph refused it itself or the
 * workflow's validator did: the refusal's type is the error's `extensions.code`.
 */
export function refusalError(refusal: { type: DecisionErrorType | string; message: string }): GraphQLError {
  switch (refusal.type) {
    case 'FORBIDDEN':
      return new ForbiddenError(refusal.message);
    case 'CONFLICT':
      return new ConflictError(refusal.message);
    case 'NOT_FOUND':
      return new NotFoundError(refusal.message);
    default:
      return new GraphQLError(refusal.message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * Turns what Temporal answers for a refused Update (or a missing workflow) into the GraphQL
 * error a client expects: an ApplicationFailure whose `type` is a decision error code keeps
 * its code and message; anything else is rethrown as unexpected.
 */
export function toGraphQLError(error: unknown): never {
  if (error instanceof WorkflowNotFoundError) {
    throw new NotFoundError('Nothing is in progress for this; it may have finished already');
  }
  const refusal = refusalCause(error);
  if (refusal) throw refusalError({ type: refusal.type!, message: refusal.message });
  throw error;
}
