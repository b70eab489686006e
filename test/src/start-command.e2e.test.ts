import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueUserToken } from '@cee-hub/common';
import { eventually, postGraphQL } from '@cee-hub/common/testing';
import { freePort } from '@cee-hub/db/testing';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** Runs the start command's program as `npm start` does after building, on free ports. */
async function start(dataDir: string, ports: Record<string, number>): Promise<Started> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'launcher/dist/start.js')], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(ports.postgres),
      GATEWAY_PORT: String(ports.gateway),
      CENTERS_PORT: String(ports.centers),
      IMPORTERS_PORT: String(ports.importers),
      FILINGS_PORT: String(ports.filings),
      WORKER_PORT: String(ports.worker),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.temporalUi),
      TEMPORAL_ADDRESS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = () => output.includes('CEE Hub is ready');
  await eventually('the start command to be ready or to exit', () => ready() || child.exitCode !== null, Boolean, { timeoutMs: 90_000, intervalMs: 200 }).catch(() => {
    throw new Error(`the start command did not get ready:\n${output}`);
  });
  if (!ready()) throw new Error(`the start command exited early:\n${output}`);
  return { child, output: () => output, exit };
}

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cee-hub-start-'));
  await chmod(dataDir, 0o755);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('starts everything, prints where to go, stops cleanly on Ctrl-C and keeps its data', async () => {
  const ports = {
    postgres: await freePort(),
    gateway: await freePort(),
    centers: await freePort(),
    importers: await freePort(),
    filings: await freePort(),
    worker: await freePort(),
    temporal: await freePort(),
    temporalUi: await freePort(),
  };
  const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;

  const first = await start(dataDir, ports);
  expect(first.output()).toContain(gateway);
  expect(first.output()).toContain('npm run token');
  // The console is served beside GraphQL and linked from the printout.
  const consoleUrl = `http://127.0.0.1:${ports.gateway}/console/`;
  expect(first.output()).toContain(consoleUrl);
  const consolePage = await fetch(consoleUrl);
  expect(consolePage.status).toBe(200);
  expect(await consolePage.text()).toContain('<title>CEE Hub console</title>');
  // The Temporal web UI of the dev server is up and linked.
  expect(first.output()).toContain(`http://127.0.0.1:${ports.temporalUi}`);
  expect((await fetch(`http://127.0.0.1:${ports.temporalUi}`)).status).toBe(200);
  const { data } = await postGraphQL(gateway, '{ centers { id name managementCity } }');
  expect(data!.centers).toHaveLength(10);
  const registered = await postGraphQL(gateway, `mutation { registerImporter(input: {
      importerNumber: "41-202020200", name: "Persistence Test Co.", contactEmail: "persist@test.example",
      address: { street: "1 Main St", city: "Buffalo", state: "NY", postalCode: "14202" } }) { id } }`);
  expect(registered.errors).toBeUndefined();
  first.child.kill('SIGINT');
  expect(await first.exit).toBe(0);
  expect(first.output()).toContain('stopped');

  // A second start on the same data folder finds what the first one stored.
  const second = await start(dataDir, ports);
  // The development secrets were made at the first start, for this install only, and kept.
  const secretsFile = path.join(dataDir, 'secrets.json');
  expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
  const { jwtSecret } = JSON.parse(readFileSync(secretsFile, 'utf8')) as { jwtSecret: string };
  // Marked as development secrets, which production mode refuses.
  expect(jwtSecret).toMatch(/^cee-hub-development-.{32,}$/);
  const adminToken = await issueUserToken({ role: 'ADMIN', email: 'admin@cbp.example' }, jwtSecret);
  const found = await postGraphQL(gateway, '{ importers(filter: { search: "Persistence" }) { totalCount } }', undefined, { authorization: `Bearer ${adminToken}` });
  expect(found.data!.importers.totalCount).toBe(1);
  // `npm run token` signs with the same file's secret.
  const token = spawnSync(process.execPath, [path.join(REPO_ROOT, 'launcher/dist/token.js'), 'admin@cbp.example'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(ports.postgres) },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(token.status).toBe(0);
  const fromTokenCommand = await postGraphQL(gateway, '{ importers { totalCount } }', undefined, { authorization: `Bearer ${token.stdout.trim()}` });
  expect(fromTokenCommand.errors).toBeUndefined();
  second.child.kill('SIGTERM');
  expect(await second.exit).toBe(0);
  // Every process it started is gone: nothing answers on its ports any more.
  for (const port of [ports.gateway, ports.centers, ports.importers, ports.filings, ports.worker, ports.temporalUi]) {
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }
}, 240_000);
