import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { INTERNAL_IDENTITY_HEADER, type InternalTokenSigner, type Logger, sendJson } from '@cee-hub/common';
import type { UserTokenVerifier } from './user-token';

/** Where the bytes of documents go through the gateway: one-time uploads and signed downloads. */
export const DOCUMENT_PATHS = ['/documents/uploads/', '/documents/files/'];

/** Where exports go through the gateway: the filings subgraph's CSV of a search. */
export const EXPORT_PATHS = ['/exports/'];

/** How long an upload, a download or an export may stall (no bytes either way) before it is cut. */
const IDLE_TIMEOUT_MS = 60_000;

const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'x-request-id'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control', 'x-document-sha256'];

export interface StreamingRoutesOptions {
  /** The path prefixes forwarded, each as it came (path and query string). */
  paths: readonly string[];
  /** The subgraph's GraphQL URL; its streaming routes are on the same origin. */
  upstreamUrl: string;
  /** The subgraph's name, for the 503 that says which service is missing, and for logs. */
  service: string;
  verifier: UserTokenVerifier;
  signer: InternalTokenSigner;
  logger: Logger;
}

/**
 * Streams bytes between clients and a subgraph on the gateway's own origin — documents' uploads
 * and downloads, exports — with the caller's identity as for GraphQL: nothing is buffered here
 * (backpressure runs end to end), and the subgraph decides (one-time token, signed link, the
 * viewer's rights). A client that goes away ends the upstream request at once, so the subgraph
 * stops (an export frees its database connection).
 */
export function createStreamingRoutes(options: StreamingRoutesOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const upstream = new URL(options.upstreamUrl);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
  const unavailable = { errors: [{ message: `The ${options.service} service is unavailable; try again shortly`, extensions: { code: 'SERVICE_UNAVAILABLE', service: options.service } }] };

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const identity = await options.verifier.identify(request.headers.authorization);
    const headers: Record<string, string> = { [INTERNAL_IDENTITY_HEADER]: await options.signer.sign(identity) };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let answered = false;
    const outgoing = send(new URL(request.url ?? '/', upstream), { method: request.method, headers, timeout: IDLE_TIMEOUT_MS }, (answer) => {
      answered = true;
      const answerHeaders: Record<string, string> = {};
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (typeof value === 'string') answerHeaders[name] = value;
      }
      // An answer before the body is through (a refusal) ends the exchange: the client is told not to
      // send another request on this connection, whose rest of the body is dropped meanwhile.
      if (!request.complete) answerHeaders.connection = 'close';
      response.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(response);
      // The subgraph failing mid-answer must not look like a complete file: the client's connection is cut too.
      answer.on('close', () => {
        if (!answer.complete) response.destroy();
      });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`the ${options.service} service stalled`)));
    outgoing.on('error', (error) => {
      // The subgraph may answer (a refusal) before the body is through and then stop reading it:
      // the answer stands, and the rest of the client's body is dropped.
      if (answered && !response.destroyed) {
        request.unpipe(outgoing);
        request.resume();
        return;
      }
      if (response.destroyed) return;
      options.logger.warn({ err: error, service: options.service }, 'streaming to a subgraph failed');
      if (response.headersSent) response.destroy();
      else sendJson(response, 503, unavailable);
    });
    request.on('aborted', () => outgoing.destroy());
    // A client gone before the answer's end (a download or an export it stopped reading) ends the
    // upstream request now, not at the idle timeout.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    request.pipe(outgoing);
  }

  return (request, response) => {
    // Every request passes here first (GraphQL's too): a prefix test, no URL parsing, for the rest.
    const url = request.url ?? '/';
    if (!options.paths.some((prefix) => url.startsWith(prefix))) return false;
    forward(request, response).catch((error: unknown) => {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code === 'UNAUTHENTICATED') {
        sendJson(response, 401, { errors: [{ message: (error as Error).message, extensions: { code } }] });
        return;
      }
      options.logger.error({ err: error, service: options.service }, 'streaming route failed');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
    return true;
  };
}
