import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_IDENTITY_HEADER } from '@cee-hub/common';
import { createSubgraphFetcher, type SubgraphFetcher } from './subgraph-fetcher';

/** A stand-in subgraph that answers after a delay, counts requests and echoes what it got. */
let server: Server;
let url: string;
let received: Array<{ identity: string | undefined; body: string }>;
let fetcher: SubgraphFetcher;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    received.push({ identity: request.headers[INTERNAL_IDENTITY_HEADER] as string | undefined, body });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const status = body.includes('teapot') ? 418 : 200;
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'private' });
    response.end(JSON.stringify({ data: { echo: body, count: received.length } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  fetcher = createSubgraphFetcher({ connectionsPerOrigin: 4, timeoutMs: 5_000, deduplicate: true });
});

afterEach(async () => {
  await fetcher.close();
});

const post = (body: string, identity = 'token-a') =>
  fetcher.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity }, body });

const query = (text: string) => JSON.stringify({ query: text, variables: {} });

it('sends identical reads in flight at once only once and gives every caller its own answer', async () => {
  const body = query('query($id: ID!) { center(id: $id) { name } }');
  const answers = await Promise.all([post(body), post(body), post(body)]);
  expect(received).toHaveLength(1);
  expect(fetcher.shared).toBe(2);
  const parsed = await Promise.all(answers.map((answer) => answer.json()));
  expect(parsed).toEqual([parsed[0], parsed[0], parsed[0]]);
  // Each caller parses its own copy: one changing its answer does not change another's.
  expect(parsed[0]).not.toBe(parsed[1]);
  expect(answers.every((answer) => answer.ok && answer.headers.get('Content-Type') === 'application/json')).toBe(true);
});

it('shares the shorthand query form too', async () => {
  const body = query('{ centers { id } }');
  await Promise.all([post(body), post(body)]);
  expect(received).toHaveLength(1);
});

it('never shares between identities, operations or variables', async () => {
  const body = query('{ me { id } }');
  await Promise.all([
    post(body, 'token-a'),
    post(body, 'token-b'),
    post(query('{ centers { id } }'), 'token-a'),
    post(JSON.stringify({ query: '{ me { id } }', variables: { x: 1 } }), 'token-a'),
  ]);
  expect(received.map((request) => request.identity).sort()).toEqual(['token-a', 'token-a', 'token-a', 'token-b']);
});

it('never shares mutations', async () => {
  const body = query('mutation { fileEntrySummary(input: {}) { id } }');
  await Promise.all([post(body), post(body)]);
  expect(received).toHaveLength(2);
  expect(fetcher.shared).toBe(0);
});

it('sends again once the earlier identical read has been answered', async () => {
  const body = query('{ centers { id } }');
  await post(body);
  await post(body);
  expect(received).toHaveLength(2);
});

it('does not share when deduplication is off', async () => {
  await fetcher.close();
  fetcher = createSubgraphFetcher({ connectionsPerOrigin: 4, timeoutMs: 5_000, deduplicate: false });
  const body = query('{ centers { id } }');
  await Promise.all([post(body), post(body)]);
  expect(received).toHaveLength(2);
});

it('passes a subgraph error status and its body through', async () => {
  const answer = await post(query('{ teapot }'));
  expect(answer.ok).toBe(false);
  expect(answer.status).toBe(418);
  expect(answer.statusText).toBe("I'm a Teapot");
  expect(answer.headers.get('cache-control')).toBe('private');
  expect(((await answer.json()) as { data: { count: number } }).data.count).toBe(1);
});

it('fails every caller of a shared read when the subgraph cannot be reached', async () => {
  const body = query('{ centers { id } }');
  const unreachable = 'http://127.0.0.1:1/graphql';
  const attempts = [1, 2].map(() => fetcher.fetch(unreachable, { method: 'POST', headers: {}, body }));
  for (const attempt of attempts) await expect(attempt).rejects.toThrow();
});
