import { createServer, type Server, connect } from 'node:net';
import { createLogger } from '@cee-hub/common';
import { eventually } from '@cee-hub/common/testing';
import { readTemporalConfig, TemporalLink } from '@cee-hub/common/temporal';
import { freePort } from '@cee-hub/db/testing';

// common's TemporalLink, tested here where the run's Temporal dev server is at hand.

/** Forwards every connection on `port` to the test's Temporal dev server: Temporal "coming back". */
function forwardTo(target: string, port: number): Promise<Server> {
  const [host, targetPort] = target.split(':');
  const server = createServer((socket) => {
    const upstream = connect(Number(targetPort), host);
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

it('connects once Temporal can be reached, though it could not when the subgraph started', async () => {
  const port = await freePort();
  const link = new TemporalLink({ ...readTemporalConfig({}), address: `127.0.0.1:${port}` }, createLogger('importers'), 'volunteer onboarding is unavailable until it can');
  let proxy: Server | undefined;
  try {
    expect(await link.client()).toBeUndefined();
    proxy = await forwardTo(process.env.TEST_TEMPORAL_ADDRESS!, port);
    const client = await eventually('the link to connect', () => link.client());
    await expect(client!.workflowService.getSystemInfo({})).resolves.toBeDefined();
  } finally {
    await link.close();
    proxy?.close();
  }
}, 60_000);
