import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { findGoTool } from './go-tools';

/** The Temporal CLI version the project builds; later tags cannot be `go install`ed. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the copy built
 * earlier into `toolsDir/bin`; else builds it there once with `go install`.
 */
export function findTemporalCli(toolsDir: string, log: (line: string) => void = () => undefined): Promise<string> {
  return findGoTool({ command: 'temporal', module: TEMPORAL_CLI_MODULE, pathVariable: 'TEMPORAL_CLI_PATH', what: 'The Temporal CLI', toolsDir, log, otherwise: 'point TEMPORAL_ADDRESS at a running Temporal server' });
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
/** How many times the dev server is started before its early exits are taken as final. */
const START_ATTEMPTS = 3;

/** The dev server exited before it served. */
class EarlyExitError extends Error {}

/** Keeps the start and the end of a process's output: a Go panic says why at its top, and what it last did at its end. */
function outputCollector(): { collect(chunk: Buffer): void; text(): string } {
  let head = '';
  let tail = '';
  return {
    collect: (chunk) => {
      if (head.length < 2_000) head += chunk.toString();
      else tail = (tail + chunk.toString()).slice(-2_000);
    },
    text: () => (tail ? `${head.slice(0, 2_000)}\n…\n${tail}` : head),
  };
}

/** Starts the dev server and waits until it answers on `address`; EarlyExitError if it exits first. */
async function spawnUntilServing(cliPath: string, args: string[], address: string): Promise<ChildProcess> {
  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = outputCollector();
  child.stdout!.on('data', output.collect);
  child.stderr!.on('data', output.collect);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new EarlyExitError(`the Temporal dev server exited with code ${child.exitCode}:\n${output.text()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return child;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the Temporal dev server did not accept connections on ${address} within 60 s: ${String(error)}\n${output.text()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * The dev server picks free ports for its internal services as it starts; when a process
 * started alongside takes one of them first, it exits at once. A new start picks others.
 */
async function startWithRetries(cliPath: string, args: string[], address: string): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await spawnUntilServing(cliPath, args, address);
    } catch (error) {
      if (!(error instanceof EarlyExitError) || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

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
  const address = `${host}:${options.port}`;
  const child = await startWithRetries(options.cliPath, args, address);
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
