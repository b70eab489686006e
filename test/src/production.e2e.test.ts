import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INTERNAL_IDENTITY_HEADER, InternalTokenSigner, issueUserToken } from '@cee-hub/common';
import { postGraphQL, tokenWithoutExpiry } from '@cee-hub/common/testing';
import { seededIdentity } from '@cee-hub/db';
import { startSystem, type System } from '@cee-hub/launcher/testing';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('base64url'),
  INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
};

let system: System;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: PRODUCTION });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it('turns off introspection and field suggestions in production', async () => {
  const introspection = await system.query('{ __schema { types { name } } }');
  expect(introspection.status).toBe(400);
  expect(introspection.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const typo = await system.query('{ centers { nmae } }');
  expect(typo.errors![0]!.message).not.toMatch(/Did you mean/);
});

it('accepts only tokens signed with the configured secrets', async () => {
  const token = await issueUserToken(seededIdentity('admin@cbp.example'), PRODUCTION.JWT_SECRET);
  const ok = await postGraphQL(system.gatewayUrl, '{ importers { totalCount } }', undefined, { authorization: `Bearer ${token}` });
  expect(ok.errors).toBeUndefined();
  for (const secret of [randomBytes(32).toString('base64url'), 'cee-hub-development-jwt-secret-not-for-production']) {
    const other = await issueUserToken(seededIdentity('admin@cbp.example'), secret);
    const withOtherSecret = await postGraphQL(system.gatewayUrl, '{ importers { totalCount } }', undefined, { authorization: `Bearer ${other}` });
    expect(withOtherSecret.status).toBe(401);
  }
  // Signed with the right secrets but never expiring: refused at the gateway and at a subgraph.
  const forever = await tokenWithoutExpiry('user', seededIdentity('admin@cbp.example'), PRODUCTION.JWT_SECRET);
  const withoutExp = await postGraphQL(system.gatewayUrl, '{ importers { totalCount } }', undefined, { authorization: `Bearer ${forever}` });
  expect(withoutExp.status).toBe(401);
  expect(withoutExp.errors![0]!.message).toBe('The token has no expiry (exp); CEE Hub accepts only tokens that expire');
  const foreverInternal = await tokenWithoutExpiry('internal', { role: 'ADMIN' }, PRODUCTION.INTERNAL_TOKEN_SECRET);
  const directWithoutExp = await postGraphQL(`${system.stack.urls.importers}/graphql`, '{ importers { totalCount } }', undefined, { [INTERNAL_IDENTITY_HEADER]: foreverInternal });
  expect(directWithoutExp.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  // Nor does a subgraph take an identity signed with another secret (the development one of earlier versions among them).
  for (const secret of [randomBytes(32).toString('base64url'), 'cee-hub-development-internal-secret-not-for-production']) {
    const forged = await new InternalTokenSigner(secret).sign({ role: 'ADMIN' });
    const direct = await postGraphQL(`${system.stack.urls.importers}/graphql`, '{ importers { totalCount } }', undefined, { [INTERNAL_IDENTITY_HEADER]: forged });
    expect(direct.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  }
});

it('serves the console but no development sign-in in production', async () => {
  const origin = system.stack.urls.gateway;
  expect((await fetch(`${origin}/console/`)).status).toBe(200);
  const signIn = await fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@cbp.example' }) });
  expect(signIn.status).toBe(404);
  expect(await signIn.text()).not.toContain('token');
});

const startAlone = (entry: string, env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, entry)], { env: { PATH: process.env.PATH, GATEWAY_PORT: '0', ...env }, encoding: 'utf8', timeout: 20_000 });

it('refuses to start without its secrets, saying which is missing', () => {
  const result = startAlone('gateway/dist/index.js', { NODE_ENV: 'production' });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('configuration error: JWT_SECRET is required when NODE_ENV=production');
});

it('takes any NODE_ENV but development and test, however spelled, as production', () => {
  for (const spelling of ['Production', 'PRODUCTION', 'production ', 'prod', 'staging', 'Development']) {
    const result = startAlone('gateway/dist/index.js', { NODE_ENV: spelling });
    expect({ spelling, status: result.status }).toEqual({ spelling, status: 1 });
    expect(result.stderr).toContain(`JWT_SECRET is required when NODE_ENV=${spelling} (production mode)`);
  }
});

it('does not start at all (`npm start` neither) in production mode without secrets of its own', () => {
  for (const NODE_ENV of ['Production', 'PRODUCTION', 'production ', 'prod']) {
    const dataDir = path.join(tmpdir(), `cee-hub-never-made-${randomBytes(6).toString('hex')}`);
    const result = startAlone('launcher/dist/start.js', { NODE_ENV, DATA_DIR: dataDir });
    expect({ NODE_ENV, status: result.status }).toEqual({ NODE_ENV, status: 1 });
    expect(result.stderr).toContain(`configuration error: JWT_SECRET is required when NODE_ENV=${NODE_ENV} (production mode)`);
    // Nothing was generated for it: no data folder, no secrets file.
    expect(existsSync(dataDir)).toBe(false);
  }
  // The install's generated development secrets are refused too (they begin cee-hub-development-).
  const generated = { JWT_SECRET: `cee-hub-development-${PRODUCTION.JWT_SECRET}`, INTERNAL_TOKEN_SECRET: PRODUCTION.INTERNAL_TOKEN_SECRET };
  const result = startAlone('gateway/dist/index.js', { NODE_ENV: 'Production', HOST: '0.0.0.0', ...generated });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('JWT_SECRET is a development secret');
});

/** Starts the gateway alone and resolves with its origin once it logs that it is ready. */
function startGatewayAlone(env: NodeJS.ProcessEnv): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'gateway/dist/index.js')], { env: { PATH: process.env.PATH, GATEWAY_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /"port":(\d+)[^\n]*"msg":"gateway ready"/.exec(output);
      if (ready) {
        resolve({
          origin: `http://127.0.0.1:${ready[1]}`,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before it was ready:\n${output}`)));
  });
}

it('starts a misspelt production in production mode: no development sign-in, no introspection', async () => {
  for (const NODE_ENV of ['Production', 'production ']) {
    const gateway = await startGatewayAlone({ NODE_ENV, HOST: '0.0.0.0', JWT_SECRET: PRODUCTION.JWT_SECRET, INTERNAL_TOKEN_SECRET: PRODUCTION.INTERNAL_TOKEN_SECRET });
    try {
      const signIn = await fetch(`${gateway.origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ' ADMIN@cbp.example ' }) });
      expect({ NODE_ENV, status: signIn.status }).toEqual({ NODE_ENV, status: 404 });
      expect(await signIn.text()).not.toContain('token');
      const introspection = await postGraphQL(`${gateway.origin}/graphql`, '{ __schema { types { name } } }');
      expect(introspection.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await gateway.stop();
    }
  }
}, 60_000);

it('serves beyond loopback only in production mode', () => {
  for (const entry of ['gateway/dist/index.js', 'subgraphs/centers/dist/index.js', 'workflows/dist/worker-main.js']) {
    const result = startAlone(entry, { HOST: '0.0.0.0', DATABASE_URL: 'postgres://127.0.0.1:1/none', JWT_SECRET: PRODUCTION.JWT_SECRET, INTERNAL_TOKEN_SECRET: PRODUCTION.INTERNAL_TOKEN_SECRET });
    expect({ entry, status: result.status }).toEqual({ entry, status: 1 });
    expect(result.stderr).toContain('HOST=0.0.0.0 would listen beyond this machine, and development mode (NODE_ENV=unset) serves loopback only');
  }
});
