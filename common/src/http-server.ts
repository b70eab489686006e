import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger';

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  logger: Logger;
  apollo: ApolloServer<TContext>;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  bodyLimitBytes: number;
  /** Builds the per-request context; a thrown GraphQLError is answered as such, before any execution. */
  createContext: (request: IncomingMessage, requestId: string, logger: Logger) => Promise<TContext>;
  /** Throws when the process cannot serve (e.g. its database is unreachable). */
  readiness: () => Promise<void>;
  /** Other routes (e.g. the gateway's WebSocket upgrade lives elsewhere); return true when handled. */
  extraRoutes?: (request: IncomingMessage, response: ServerResponse) => boolean;
  graphqlPath?: string;
}

const HTTP_STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  PAYLOAD_TOO_LARGE: 413,
};

/** The HTTP status of a refusal answered outside GraphQL (a byte or export route), by its `extensions.code`; 400 for any other. */
export function httpStatusOf(code: string): number {
  return HTTP_STATUS_BY_CODE[code] ?? 400;
}

/** Answers with a JSON body and its length, plus any extra headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

const requestIdHeader = (requestId: string) => ({ 'x-request-id': requestId });

function sendGraphQLError(response: ServerResponse, error: GraphQLError, requestId: string): void {
  const code = String(error.extensions.code ?? 'BAD_REQUEST');
  sendJson(response, httpStatusOf(code), { errors: [{ message: error.message, extensions: { code } }] }, requestIdHeader(requestId));
}

/** A request body larger than the limit given to readBody. */
export class BodyTooLargeError extends Error {}

/** Reads a request body as UTF-8 text, refusing (BodyTooLargeError) one longer than `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * An HTTP server for one Apollo Server: GraphQL at `/graphql`, liveness at `/health`,
 * readiness at `/ready`, request ids (taken from `x-request-id` or made), body limits and
 * JSON errors for what never reaches GraphQL (bad JSON, oversized bodies, refused identity).
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpOptions<TContext>): Server {
  const graphqlPath = options.graphqlPath ?? '/graphql';

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (await answeredProbe(url.pathname, response, options.readiness)) return;
    if (options.extraRoutes?.(request, response)) return;
    if (url.pathname !== graphqlPath) {
      sendJson(response, 404, { errors: [{ message: `Nothing here; GraphQL is served at ${graphqlPath}`, extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    await serveGraphQL(request, response, url, options);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'request failed outside GraphQL');
      if (!response.headersSent) {
        sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      } else {
        response.end();
      }
    });
  });
}

/** Answers `/health` and `/ready`; false for any other path. */
async function answeredProbe(pathname: string, response: ServerResponse, readiness: () => Promise<void>): Promise<boolean> {
  if (pathname === '/health') {
    sendJson(response, 200, { status: 'ok' });
    return true;
  }
  if (pathname !== '/ready') return false;
  try {
    await readiness();
    sendJson(response, 200, { status: 'ready' });
  } catch (error) {
    sendJson(response, 503, { status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
  }
  return true;
}

/**
 * The body of a GraphQL request: a POST's JSON parsed (other content types as text), nothing
 * for a GET. Undefined when the body was refused, with the refusal answered.
 */
async function readGraphQLBody(request: IncomingMessage, response: ServerResponse, limit: number, requestId: string): Promise<{ body: unknown } | undefined> {
  if (request.method !== 'POST') return { body: undefined };
  let text: string;
  try {
    text = await readBody(request, limit);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendJson(response, 413, { errors: [{ message: `Request body exceeds ${limit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, requestIdHeader(requestId));
    return undefined;
  }
  if (!/json/i.test(request.headers['content-type'] ?? '')) return { body: text };
  try {
    return { body: JSON.parse(text) };
  } catch {
    sendJson(response, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }, requestIdHeader(requestId));
    return undefined;
  }
}

/** One GraphQL request, from its body and context to Apollo's answer, with its request id. */
async function serveGraphQL<TContext extends BaseContext>(request: IncomingMessage, response: ServerResponse, url: URL, options: GraphQLHttpOptions<TContext>): Promise<void> {
  const header = request.headers['x-request-id'];
  const requestId = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
  const logger = options.logger.child({ requestId });
  const read = await readGraphQLBody(request, response, options.bodyLimitBytes, requestId);
  if (!read) return;

  let context: TContext;
  try {
    context = await options.createContext(request, requestId, logger);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    sendGraphQLError(response, error, requestId);
    return;
  }

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: read.body },
    context: async () => context,
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.setHeader('x-request-id', requestId);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Listens and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** What a process started by the launcher sends it over IPC once it serves on its port. */
export interface ListeningMessage {
  type: 'cee-hub:listening';
  port: number;
}

/**
 * Tells the launcher that started this process which port it now serves on. The launcher
 * waits for this message from its own child rather than for whatever answers on the port:
 * another process that took the port first would otherwise pass for this one. A process
 * started without an IPC channel has no one to tell.
 */
export function announceListening(port: number): void {
  const message: ListeningMessage = { type: 'cee-hub:listening', port };
  if (process.connected) process.send?.(message);
}

/** Stops accepting connections, lets requests in flight finish, and closes idle keep-alive sockets. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits. A process started by the launcher with
 * an IPC channel also stops when the channel closes, so it never outlives a launcher that
 * was killed outright.
 */
export function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  if (process.connected) process.on('disconnect', () => handler('SIGTERM'));
}
