import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { INTERNAL_IDENTITY_HEADER } from '@cee-hub/common';
import { eventually } from '@cee-hub/common/testing';
import { freePort } from '@cee-hub/db/testing';
import { REPO_ROOT } from '@cee-hub/launcher/config';

/** Hive Gateway, started by the benchmark beside the system's own gateway. */
export interface BenchGateway {
  /** Its GraphQL endpoint. */
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

type SubgraphUrls = Record<'centers' | 'importers' | 'filings', string>;

/** Spawns a gateway process and waits until `readyUrl` answers 200 (at most 60 s). */
async function spawnGateway(options: { name: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; url: string; readyUrl: string; logFile: string }): Promise<BenchGateway> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const ready = async () => {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with code ${child.exitCode}; see ${options.logFile}`);
    return (await fetch(options.readyUrl, { signal: AbortSignal.timeout(1_000) }))?.ok;
  };
  await eventually(`${options.name} to be ready (see ${options.logFile})`, ready, Boolean, { timeoutMs: 60_000, intervalMs: 200 });
  return {
    url: options.url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Hive Gateway (`hive-gateway supergraph`) on the composed supergraph of the repository, with
 * the subgraph URLs of the running stack, forwarding the caller's internal identity header to
 * every subgraph (propagateHeaders.fromClientToSubgraphs). It shares identical requests in
 * flight by default; `deduplicate: false` turns that off (its HTTP transport's
 * `deduplicateInflightRequests`).
 */
export async function startHiveGateway(options: { dir: string; urls: SubgraphUrls; logFile: string; deduplicate: boolean }): Promise<BenchGateway> {
  // Hive Gateway cannot say which port it took, so it is given one free now.
  const port = await freePort();
  let supergraph = await readFile(path.join(REPO_ROOT, 'gateway', 'supergraph.graphql'), 'utf8');
  for (const name of ['centers', 'importers', 'filings'] as const) {
    supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+(")`), `$1${options.urls[name]}/graphql$2`);
  }
  await writeFile(path.join(options.dir, 'supergraph.graphql'), supergraph);
  await writeFile(
    path.join(options.dir, 'gateway.config.mjs'),
    `export const gatewayConfig = {
  supergraph: './supergraph.graphql',
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const identity = request.headers.get('${INTERNAL_IDENTITY_HEADER}');
      return identity ? { '${INTERNAL_IDENTITY_HEADER}': identity } : {};
    },
  },${options.deduplicate ? '' : "\n  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },"}
};
`,
  );
  return spawnGateway({
    name: 'Hive Gateway',
    args: [path.join(REPO_ROOT, 'node_modules', '.bin', 'hive-gateway'), 'supergraph', './supergraph.graphql', '--config-path', './gateway.config.mjs', '--host', '127.0.0.1', '--port', String(port)],
    cwd: options.dir,
    env: { NODE_ENV: 'production' },
    url: `http://127.0.0.1:${port}/graphql`,
    readyUrl: `http://127.0.0.1:${port}/readiness`,
    logFile: options.logFile,
  });
}
