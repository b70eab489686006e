import type { IncomingMessage, ServerResponse } from 'node:http';
import { INTERNAL_IDENTITY_HEADER, type InternalTokenVerifier, type Logger, sendJson } from '@cee-hub/common';
import { GraphQLError } from 'graphql';
import { documentFor } from '../document/document-audience';
import { DOWNLOAD_PATH, type DocumentService, UPLOAD_PATH, UploadFailure } from '../document/document.service';

/** How much of a refused upload's rest is read and dropped so its sender gets the answer; beyond that the connection is cut. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Answers a refusal. A sender still sending would miss an answer given over its unread
 * body, so a little of the rest is read and dropped; a sender that goes on past that is cut off.
 */
function sendFailure(request: IncomingMessage, response: ServerResponse, status: number, code: string, message: string, reason?: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) request.destroy();
  });
  request.resume();
  sendJson(response, status, { errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] }, { connection: 'close' });
}

/** A file name for Content-Disposition: ASCII for old clients, RFC 5987 UTF-8 for the rest. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The bytes of documents, beside GraphQL: `PUT /documents/uploads/<token>` receives a declared
 * upload, `GET /documents/files/<token>` streams a document for a signed link. The gateway
 * forwards both on its own origin with the caller's identity; nothing here buffers a file.
 */
export function documentByteRoutes(documents: DocumentService, verifier: InternalTokenVerifier, logger: Logger) {
  async function handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    try {
      const header = request.headers[INTERNAL_IDENTITY_HEADER];
      const identity = await verifier.verify(typeof header === 'string' ? header : undefined);
      if (path.startsWith(UPLOAD_PATH)) {
        if (request.method !== 'PUT') return sendFailure(request, response, 405, 'BAD_REQUEST', 'Send the bytes of a document with PUT');
        if (identity.role === 'PUBLIC') return sendFailure(request, response, 401, 'UNAUTHENTICATED', 'Sign in to upload documents: send the same Authorization header as to the graph');
        const row = await documents.receiveUpload(identity, path.slice(UPLOAD_PATH.length), request);
        return sendJson(response, 201, { document: documentFor(identity, row) });
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendFailure(request, response, 405, 'BAD_REQUEST', 'Download a document with GET');
      const { row, bytes } = await documents.openDownload(path.slice(DOWNLOAD_PATH.length));
      response.writeHead(200, {
        'content-type': row.contentType,
        'content-length': row.sizeBytes,
        'content-disposition': contentDisposition(row.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'x-document-sha256': row.sha256,
      });
      if (request.method === 'HEAD') return void response.end();
      for await (const chunk of bytes) {
        if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
      }
      response.end();
    } catch (error) {
      if (error instanceof UploadFailure) return sendFailure(request, response, error.status, error.code, error.message, error.reason);
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
        const status = { UNAUTHENTICATED: 401, NOT_FOUND: 404, FORBIDDEN: 403 }[error.extensions.code] ?? 400;
        return sendFailure(request, response, status, error.extensions.code, error.message);
      }
      logger.error({ err: error, path: path.replace(/[^/]+$/, '…') }, 'document bytes failed');
      sendFailure(request, response, 500, 'INTERNAL_SERVER_ERROR', 'The document could not be handled; try again');
    }
  }

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(UPLOAD_PATH) && !path.startsWith(DOWNLOAD_PATH)) return false;
    void handle(request, response, path);
    return true;
  };
}
