import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from '@cee-hub/common';
import { answerDevSignIn, type ListPeople } from './dev-sign-in';

/** Where the console is served; GraphQL stays at /graphql on the same origin. */
export const CONSOLE_PATH = '/console/';
/** The development sign-in: GET lists the people to sign in as, POST `{ email }` answers `{ token }`. */
export const DEV_SIGN_IN_PATH = '/dev/sign-in';

export interface ConsoleRoutesOptions {
  /** The console's build (console/dist). */
  consoleDir: string;
  /** Present only outside production: signs tokens for the people `people` lists, as `npm run token` does. */
  devSignIn?: { jwtSecret: string; people: ListPeople };
  logger: Logger;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The console loads only its own files and talks only to this origin (HTTP and WebSocket on
 * /graphql), so anything else a page tried to load or send would be an injection.
 */
const CONSOLE_HEADERS = {
  'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** The file under `root` a URL path names, or null when it would leave `root`. */
function fileUnder(root: string, urlPath: string): string | null {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  return resolved === root || resolved.startsWith(`${root}${path.sep}`) ? resolved : null;
}

/** The file's size, or null when it is not a file. */
async function fileSize(file: string): Promise<number | null> {
  return stat(file).then(
    (info) => (info.isFile() ? info.size : null),
    () => null,
  );
}

async function serveConsoleFile(request: IncomingMessage, response: ServerResponse, root: string, urlPath: string): Promise<void> {
  const relative = urlPath.slice(CONSOLE_PATH.length);
  const index = path.join(root, 'index.html');
  let file = relative === '' ? index : fileUnder(root, relative);
  if (!file) {
    sendText(response, 400, 'Bad path\n');
    return;
  }
  let size = await fileSize(file);
  // A path without an extension is one of the console's own pages (it routes in the browser),
  // so a deep link or a reload gets the app; a missing asset is a plain 404.
  if (size === null && file !== index && path.extname(relative) === '') {
    file = index;
    size = await fileSize(index);
  }
  if (size === null) {
    const built = file !== index && (await fileSize(index)) !== null;
    if (built) sendText(response, 404, 'Not found\n');
    else sendText(response, 503, 'The console is not built yet: run `npm run build` (npm start does it), then reload.\n');
    return;
  }
  const hashedAsset = relative.startsWith('assets/');
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    // Vite names assets by their content hash, so they never change; the page itself must be revalidated.
    'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...CONSOLE_HEADERS,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    createReadStream(file).on('error', reject).on('end', resolve).pipe(response);
  });
}

/**
 * The gateway's routes besides GraphQL: the console's files under /console/ (with `/`
 * sending browsers there) and, outside production, the development sign-in the console's
 * user picker calls. Returns true when it handled the request.
 */
export function createConsoleRoutes(options: ConsoleRoutesOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const root = path.resolve(options.consoleDir);
  const fail = (response: ServerResponse) => (error: unknown) => {
    options.logger.error({ err: error }, 'console route failed');
    if (!response.headersSent) sendText(response, 500, 'Internal server error\n');
    else response.destroy();
  };
  return (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const reading = request.method === 'GET' || request.method === 'HEAD';
    if (pathname === '/' && reading) {
      response.writeHead(302, { location: CONSOLE_PATH, 'content-length': 0 });
      response.end();
      return true;
    }
    if (pathname === CONSOLE_PATH.slice(0, -1) && reading) {
      response.writeHead(301, { location: CONSOLE_PATH, 'content-length': 0 });
      response.end();
      return true;
    }
    if (pathname.startsWith(CONSOLE_PATH)) {
      if (!reading) {
        sendText(response, 405, 'The console is read with GET\n', { allow: 'GET, HEAD' });
        return true;
      }
      serveConsoleFile(request, response, root, pathname).catch(fail(response));
      return true;
    }
    if (pathname === DEV_SIGN_IN_PATH && options.devSignIn) {
      answerDevSignIn(request, response, options.devSignIn).catch(fail(response));
      return true;
    }
    return false;
  };
}
