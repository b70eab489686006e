import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { INTERNAL_IDENTITY_HEADER } from '@cee-hub/common';
import { REPO_ROOT } from '@cee-hub/launcher/config';

export interface HiveGateway {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Hive Gateway (`hive-gateway supergraph`) on the composed supergraph of the repository, with
 * the subgraph URLs of the running stack, forwarding the caller's internal identity header to
 * every subgraph (propagateHeaders.fromClientToSubgraphs).
 */
export async function startHiveGateway(options: { dir: string; port: number; urls: Record<'centers' | 'importers' | 'filings', string>; logFile: string }): Promise<HiveGateway> {
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
  },
};
`,
  );
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules', '.bin', 'hive-gateway'), 'supergraph', './supergraph.graphql', '--config-path', './gateway.config.mjs', '--host', '127.0.0.1', '--port', String(options.port)],
    { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${options.port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with code ${child.exitCode}; see ${options.logFile}`);
    const response = await fetch(`http://127.0.0.1:${options.port}/readiness`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
    if (response?.ok) break;
    if (Date.now() > deadline) throw new Error(`Hive Gateway was not ready within 60 s; see ${options.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
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
