import { TEST_JWT_SECRET } from '@cee-hub/common/testing';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, createLogger, JWT_AUDIENCE, JWT_ISSUER, listen } from '@cee-hub/common';
import { seededIdentity, seededUsers } from '@cee-hub/db/seeded-users';
import { readGatewayConfig } from './config';
import { createConsoleRoutes } from './console-routes';
import { UserTokenVerifier } from './user-token';

/** The seed data's people, as the graph of a seeded database lists them (see dev-sign-in.test.ts). */
const seededPeople = async () => seededUsers().map((user) => ({ ...user, identity: seededIdentity(user.email) }));

let consoleDir: string;
const servers: Server[] = [];

beforeAll(async () => {
  consoleDir = await mkdtemp(path.join(tmpdir(), 'cee-hub-console-'));
  await mkdir(path.join(consoleDir, 'assets'));
  await writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(consoleDir, 'assets', 'index-abc123.js'), 'console.log("hi")');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(consoleDir, { recursive: true, force: true });
});

/**
 * A server with only the console routes; anything they leave is answered 404 "fell through".
 * `peer` stands in for the caller's address, as a request from another machine would carry.
 */
async function serve(options: { dir?: string; devSignIn?: boolean; peer?: string } = {}): Promise<string> {
  const routes = createConsoleRoutes({
    consoleDir: options.dir ?? consoleDir,
    devSignIn: options.devSignIn === false ? undefined : { jwtSecret: TEST_JWT_SECRET, people: seededPeople },
    logger: createLogger('gateway-test'),
  });
  const server = createServer((request, response) => {
    if (options.peer !== undefined) Object.defineProperty(request.socket, 'remoteAddress', { value: options.peer, configurable: true });
    if (!routes(request, response)) {
      response.writeHead(404);
      response.end('fell through');
    }
  });
  servers.push(server);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
}

it('sends browsers from / to the console and serves its page and hashed assets', async () => {
  const origin = await serve();
  const root = await fetch(`${origin}/`, { redirect: 'manual' });
  expect(root.status).toBe(302);
  expect(root.headers.get('location')).toBe('/console/');

  const page = await fetch(`${origin}/console/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('cache-control')).toBe('no-cache');
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(await page.text()).toContain('<title>console</title>');

  const asset = await fetch(`${origin}/console/assets/index-abc123.js`);
  expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(asset.headers.get('cache-control')).toContain('immutable');
});

it('answers deep links with the app, but a missing asset or a path out of the folder with an error', async () => {
  const origin = await serve();
  const deepLink = await fetch(`${origin}/console/filings/5f0c1d2e-0000-4000-8000-000000000001`);
  expect(deepLink.status).toBe(200);
  expect(await deepLink.text()).toContain('<title>console</title>');
  expect((await fetch(`${origin}/console/assets/missing.js`)).status).toBe(404);
  for (const escape of ['/console/..%2f..%2fetc%2fpasswd.txt', '/console/%2e%2e/%2e%2e/package.json', '/console/assets/..%5c..%5cx.js']) {
    const response = await fetch(`${origin}${escape}`);
    expect([400, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('root:');
  }
  expect((await fetch(`${origin}/console/`, { method: 'POST' })).status).toBe(405);
  // GraphQL and everything else are left to the rest of the server.
  expect(await (await fetch(`${origin}/graphql`)).text()).toBe('fell through');
});

it('says how to build the console when it is not built', async () => {
  const origin = await serve({ dir: path.join(consoleDir, 'not-built') });
  const response = await fetch(`${origin}/console/`);
  expect(response.status).toBe(503);
  expect(await response.text()).toContain('npm run build');
});

it('lists only seeded users and signs a token the gateway accepts for the one chosen', async () => {
  const origin = await serve();
  const list = (await (await fetch(`${origin}/dev/sign-in`)).json()) as { users: Array<{ email: string; role: string; centerId: string | null }> };
  expect(list.users[0]).toEqual({ email: 'admin@cbp.example', name: expect.any(String), role: 'ADMIN', centerId: null });
  expect(list.users).toContainEqual(expect.objectContaining({ email: 'entry-specialist.electronics@cbp.example', role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS' }));
  expect(list.users).toContainEqual(expect.objectContaining({ email: 'customs@pacific-circuit.example', role: 'IMPORTER' }));

  const issue = (body: unknown) => fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { token } = (await (await issue({ email: 'Entry-Specialist.Electronics@cbp.example' })).json()) as { token: string };
  const verifier = new UserTokenVerifier({ secret: TEST_JWT_SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE });
  await expect(verifier.identify(`Bearer ${token}`)).resolves.toMatchObject({ role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' });

  const stranger = await issue({ email: 'someone@elsewhere.example' });
  expect(stranger.status).toBe(404);
  expect((await issue({})).status).toBe(400);
});

it('answers the development sign-in only to this machine, whatever the gateway listens on', async () => {
  for (const peer of ['192.168.1.20', '::ffff:10.0.0.7', '2001:db8::1', '0.0.0.0']) {
    const origin = await serve({ peer });
    const signIn = await fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ' ADMIN@cbp.example ' }) });
    expect({ peer, status: signIn.status }).toEqual({ peer, status: 403 });
    const body = await signIn.text();
    expect(body).toContain('answers requests from this machine only');
    expect(body).not.toContain('token');
    expect((await fetch(`${origin}/dev/sign-in`)).status).toBe(403);
  }
  for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
    const origin = await serve({ peer });
    const signIn = await fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@cbp.example' }) });
    expect({ peer, status: signIn.status }).toEqual({ peer, status: 200 });
  }
});

it('has no development sign-in when it is off, and production cannot turn it on', async () => {
  const origin = await serve({ devSignIn: false });
  expect(await (await fetch(`${origin}/dev/sign-in`)).text()).toBe('fell through');

  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), INTERNAL_TOKEN_SECRET: 'y'.repeat(32) };
  expect(readGatewayConfig(production).console.devSignIn).toBe(false);
  expect(() => readGatewayConfig({ ...production, DEV_SIGN_IN: 'true' })).toThrow(ConfigError);
  const development = { JWT_SECRET: 'x'.repeat(32), INTERNAL_TOKEN_SECRET: 'y'.repeat(32) };
  expect(readGatewayConfig(development).console.devSignIn).toBe(true);
  expect(readGatewayConfig({ ...development, JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json' }).console.devSignIn).toBe(false);
  // A misspelt production is production: no sign-in, whatever DEV_SIGN_IN says.
  expect(readGatewayConfig({ ...production, NODE_ENV: 'Production' }).console.devSignIn).toBe(false);
  expect(() => readGatewayConfig({ ...production, NODE_ENV: 'production ', DEV_SIGN_IN: 'true' })).toThrow(ConfigError);
});
