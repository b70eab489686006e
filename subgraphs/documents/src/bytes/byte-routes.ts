import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpStatusOf, INTERNAL_IDENTITY_HEADER, type InternalTokenVerifier, type Logger, sendJson } from '@cee-hub/common';
import { GraphQLError } from 'graphql';
import { documentFor } from '../document/document-audience';
import { DOWNLOAD_PATH, type DocumentService, UPLOAD_PATH, UploadFailure } from '../document/document.service';

/**
 * Answers a refusal. A sender still sending would miss an answer given over its unread body,
 * so the rest is read and dropped, up to `drainLimit` bytes; a sender going on past that is cut off.
 */
function sendFailure(request: IncomingMessage, response: ServerResponse, drainLimit: number, failure: { status: number; code: string; message: string; reason?: string }): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  let drained = 0;
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > drainLimit) request.destroy();
  });
  request.resume();
  const { status, code, message, reason } = failure;
  sendJson(response, status, { errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] });
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
  // A refused sender may still be sending a whole document: its rest is dropped up to that size.
  const drainLimit = documents.maxDocumentBytes + 1024 * 1024;
  async function handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    try {
      const header = request.headers[INTERNAL_IDENTITY_HEADER];
      const identity = await verifier.verify(typeof header === 'string' ? header : undefined);
      if (path.startsWith(UPLOAD_PATH)) {
        if (request.method !== 'PUT') return sendFailure(request, response, drainLimit, { status: 405, code: 'BAD_REQUEST', message: 'Send the bytes of a document with PUT' });
        if (identity.role === 'PUBLIC') return sendFailure(request, response, drainLimit, { status: 401, code: 'UNAUTHENTICATED', message: 'Sign in to upload documents: send the same Authorization header as to the graph' });
        const row = await documents.receiveUpload(identity, path.slice(UPLOAD_PATH.length), request);
        return sendJson(response, 201, { document: documentFor(identity, row) });
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendFailure(request, response, drainLimit, { status: 405, code: 'BAD_REQUEST', message: 'Download a document with GET' });
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
      if (error instanceof UploadFailure) return sendFailure(request, response, drainLimit, { status: error.status, code: error.code, message: error.message, reason: error.reason });
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
        return sendFailure(request, response, drainLimit, { status: httpStatusOf(error.extensions.code), code: error.extensions.code, message: error.message });
      }
      logger.error({ err: error, path: path.replace(/[^/]+$/, '…') }, 'document bytes failed');
      sendFailure(request, response, drainLimit, { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'The document could not be handled; try again' });
    }
  }

  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith(UPLOAD_PATH) && !path.startsWith(DOWNLOAD_PATH)) return false;
    void handle(request, response, path);
    return true;
  };
}
