import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { INTERNAL_IDENTITY_HEADER, type InternalTokenSigner, type Logger, sendJson } from '@cee-hub/common';
import type { UserTokenVerifier } from './user-token';

/** Where the bytes of documents go through the gateway: one-time uploads and signed downloads. */
export const DOCUMENT_PATHS = ['/documents/uploads/', '/documents/files/'];

/** How long an upload or download may stall (no bytes either way) before it is cut. */
const IDLE_TIMEOUT_MS = 60_000;

const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'x-request-id'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control', 'x-document-sha256'];

export interface DocumentRoutesOptions {
  /** The documents subgraph's GraphQL URL; its byte routes are on the same origin. */
  documentsUrl: string;
  verifier: UserTokenVerifier;
  signer: InternalTokenSigner;
  logger: Logger;
}

/**
 * Streams documents' bytes between clients and the documents subgraph on the gateway's own
 * origin, with the caller's identity as for GraphQL: nothing is buffered here, and the
 * subgraph decides (one-time token, signed link, the viewer's rights).
 */
export function createDocumentRoutes(options: DocumentRoutesOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const upstream = new URL(options.documentsUrl);
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;

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
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('the documents service stalled')));
    outgoing.on('error', (error) => {
      // The subgraph may answer (a refusal) before the body is through and then stop reading it:
      // the answer stands, and the rest of the client's body is dropped.
      if (answered) {
        request.unpipe(outgoing);
        request.resume();
        return;
      }
      options.logger.warn({ err: error }, 'document transfer failed');
      if (response.headersSent) response.destroy();
      else sendJson(response, 503, { errors: [{ message: 'The documents service is unavailable; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'documents' } }] });
    });
    request.on('aborted', () => outgoing.destroy());
    request.pipe(outgoing);
  }

  return (request, response) => {
    // Every request passes here first (GraphQL's too): a prefix test, no URL parsing, for the rest.
    const url = request.url ?? '/';
    if (!DOCUMENT_PATHS.some((prefix) => url.startsWith(prefix))) return false;
    forward(request, response).catch((error: unknown) => {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code === 'UNAUTHENTICATED') {
        sendJson(response, 401, { errors: [{ message: (error as Error).message, extensions: { code } }] });
        return;
      }
      options.logger.error({ err: error }, 'document route failed');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
    return true;
  };
}
