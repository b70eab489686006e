import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { issueUserToken } from '@cee-hub/common';
import { postGraphQL } from '@cee-hub/common/testing';
import { seededIdentity, startSystem, type System } from './support/system';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-jwt-secret-of-at-least-32-characters',
  INTERNAL_TOKEN_SECRET: 'a-production-internal-secret-of-32-characters-or-more',
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
  const withDevSecret = await system.query('{ importers { totalCount } }', undefined, 'admin@cbp.example');
  expect(withDevSecret.status).toBe(401);
});

it('serves the console but no development sign-in in production', async () => {
  const origin = system.stack.urls.gateway;
  expect((await fetch(`${origin}/console/`)).status).toBe(200);
  const signIn = await fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@cbp.example' }) });
  expect(signIn.status).toBe(404);
  expect(await signIn.text()).not.toContain('token');
});

it('refuses to start without its secrets, saying which is missing', () => {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'gateway/dist/index.js')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', GATEWAY_PORT: '0' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('configuration error: JWT_SECRET is required when NODE_ENV=production');
});
