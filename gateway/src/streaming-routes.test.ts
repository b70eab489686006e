import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, INTERNAL_IDENTITY_HEADER, InternalTokenSigner, InternalTokenVerifier, issueUserToken, JWT_AUDIENCE, JWT_ISSUER } from '@cee-hub/common';
import { TEST_INTERNAL_TOKEN_SECRET, TEST_JWT_SECRET } from '@cee-hub/common/testing';
import { createStreamingRoutes, EXPORT_PATHS } from './streaming-routes';
import { UserTokenVerifier } from './user-token';

const ADMIN = { role: 'ADMIN', email: 'admin@cbp.example' } as const;
const servers: Server[] = [];

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A gateway with only the export route, in front of `upstream` (a subgraph's GraphQL URL). */
async function gatewayTo(upstreamUrl: string): Promise<string> {
  const route = createStreamingRoutes({
    paths: EXPORT_PATHS,
    upstreamUrl,
    service: 'filings',
    verifier: new UserTokenVerifier({ secret: TEST_JWT_SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE }),
    signer: new InternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET),
    logger: createLogger('gateway-test'),
  });
  return listen((request, response) => {
    if (!route(request, response)) response.end('fell through');
  });
}

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

it('forwards the path, query and signed identity, and streams the answer with its headers', async () => {
  const identities = new InternalTokenVerifier(TEST_INTERNAL_TOKEN_SECRET);
  let seen: { url?: string; role?: string } = {};
  const subgraph = await listen(async (request, response) => {
    seen = { url: request.url, role: (await identities.verify(request.headers[INTERNAL_IDENTITY_HEADER] as string)).role };
    response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="filings-2026-12-03.csv"', 'x-internal': 'kept' });
    response.write('Entry Number\r\n');
    response.end('ABC-1234567-6\r\n');
  });
  const gateway = await gatewayTo(`${subgraph}/graphql`);
  const answer = await fetch(`${gateway}/exports/filings.csv?htsPrefix=8542&portOfEntry=2704`, { headers: { authorization: `Bearer ${await issueUserToken(ADMIN, TEST_JWT_SECRET)}` } });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(answer.headers.get('content-disposition')).toBe('attachment; filename="filings-2026-12-03.csv"');
  expect(answer.headers.get('x-internal')).toBeNull();
  expect(await answer.text()).toBe('Entry Number\r\nABC-1234567-6\r\n');
  expect(seen).toEqual({ url: '/exports/filings.csv?htsPrefix=8542&portOfEntry=2704', role: 'ADMIN' });
  expect(await (await fetch(`${gateway}/graphql`)).text()).toBe('fell through');
});

it('refuses an invalid token itself, and names the service when it cannot be reached', async () => {
  const gateway = await gatewayTo('http://127.0.0.1:1/graphql');
  const refused = await fetch(`${gateway}/exports/filings.csv`, { headers: { authorization: 'Bearer not-a-token' } });
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  const unreachable = await fetch(`${gateway}/exports/filings.csv`);
  expect(unreachable.status).toBe(503);
  expect(((await unreachable.json()) as any).errors[0]).toEqual({
    message: 'The filings service is unavailable; try again shortly',
    extensions: { code: 'SERVICE_UNAVAILABLE', service: 'filings' },
  });
});

it('ends the upstream request as soon as the client goes away mid-stream', async () => {
  let upstreamClosed!: () => void;
  const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
  const subgraph = await listen((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    response.write('Entry Number\r\n');
    // Never ends by itself: only the client going away ends it.
    response.on('close', () => upstreamClosed());
  });
  const gateway = await gatewayTo(`${subgraph}/graphql`);
  await new Promise<void>((resolve) => {
    const request = get(`${gateway}/exports/filings.csv`, (answer) => {
      answer.once('data', () => {
        request.destroy();
        resolve();
      });
    });
    request.on('error', () => undefined);
  });
  await closed;
});
