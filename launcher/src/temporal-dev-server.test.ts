import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@cee-hub/db/testing';
import { startTemporalDevServer } from './temporal-dev-server';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cee-hub-dev-server-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('starts the dev server again when it exits at once, and reports the top of its output when it keeps doing so', async () => {
  // A stand-in for the CLI that fails as the dev server does when a port it picked was taken meanwhile.
  const starts = path.join(dir, 'starts');
  const cli = path.join(dir, 'temporal');
  writeFileSync(cli, `#!/bin/sh\necho started >> "${starts}"\necho "panic: listen tcp 127.0.0.1:41234: bind: address already in use" >&2\nseq 1 2000 >&2\nexit 2\n`);
  chmodSync(cli, 0o755);
  const started = startTemporalDevServer({ cliPath: cli, port: await freePort() });
  await expect(started).rejects.toThrow(/exited with code 2:\npanic: listen tcp 127\.0\.0\.1:41234: bind: address already in use/);
  expect(readFileSync(starts, 'utf8').trim().split('\n')).toHaveLength(3);
});
