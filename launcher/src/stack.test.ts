import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { listen } from '@cee-hub/common';
import { waitUntilReady } from './stack';

/** A process as the stack starts one: an HTTP server on PORT, announced over IPC when it listens. */
const CHILD = `
const http = require('node:http');
const server = http.createServer((request, response) => response.end(JSON.stringify({ pid: process.pid })));
server.on('error', () => process.exit(3));
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.send({ type: 'cee-hub:listening', port: server.address().port });
  process.on('disconnect', () => process.exit(0));
});
`;

function startChild(port: number) {
  return spawn(process.execPath, ['-e', CHILD], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
}

let stranger: Server;
let strangerPort: number;

beforeAll(async () => {
  stranger = createServer((request, response) => response.end('{"status":"ready"}'));
  strangerPort = await listen(stranger, 0, '127.0.0.1');
});

afterAll(async () => {
  await new Promise((resolve) => stranger.close(resolve));
});

it('waits for the port its own child announces and its readiness there', async () => {
  const child = startChild(0);
  try {
    const port = await waitUntilReady('centers', '127.0.0.1', child);
    const answer = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { pid: number };
    expect(answer.pid).toBe(child.pid);
  } finally {
    child.kill();
  }
});

it('does not take another process on the port for its child: the child that cannot listen fails the start', async () => {
  const child = startChild(strangerPort);
  await expect(waitUntilReady('gateway', '127.0.0.1', child)).rejects.toThrow('gateway exited with code 3 while starting; see its log');
});
