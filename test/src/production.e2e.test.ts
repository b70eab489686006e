import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { issueUserToken } from '@cee-hub/common';
import { postGraphQL } from '@cee-hub/common/testing';
import { seededIdentity, startSystem, type System } from './support/system';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: randomBytes(32).toString('base64url'),
  INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url'),
};

let system: System;

beforeAll(async () => {
  system = await startSystem({ env: PRODUCTION });
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
  const withOtherSecret = await system.query('{ importers { totalCount } }', undefined, 'admin@cbp.example');
  expect(withOtherSecret.status).toBe(401);
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

it('serves beyond loopback only in production mode', () => {
  for (const entry of ['gateway/dist/index.js', 'subgraphs/centers/dist/index.js', 'workflows/dist/worker-main.js']) {
    const result = startAlone(entry, { HOST: '0.0.0.0', DATABASE_URL: 'postgres://127.0.0.1:1/none', JWT_SECRET: PRODUCTION.JWT_SECRET, INTERNAL_TOKEN_SECRET: PRODUCTION.INTERNAL_TOKEN_SECRET });
    expect({ entry, status: result.status }).toEqual({ entry, status: 1 });
    expect(result.stderr).toContain('HOST=0.0.0.0 would listen beyond this machine, and development mode (NODE_ENV=unset) serves loopback only');
  }
});
