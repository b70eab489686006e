import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './config';
import { findGoTool } from './go-tools';

/**
 * An S3-compatible server to test the S3 storage of documents against: gofakes3 (MIT), built
 * with `go install` like the Temporal CLI. MinIO, the usual choice, is AGPL-licensed and is not used.
 */
export const S3_SERVER_MODULE = 'github.com/johannesboyne/gofakes3/cmd/gofakes3@v1.2.0';

export function findS3Server(toolsDir = path.join(REPO_ROOT, '.tools'), log?: (line: string) => void): Promise<string> {
  return findGoTool({ command: 'gofakes3', module: S3_SERVER_MODULE, pathVariable: 'S3_SERVER_PATH', what: 'The S3-compatible test server (gofakes3)', toolsDir, log });
}

export interface S3DevServer {
  endpoint: string;
  bucket: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts gofakes3 in memory on `port` with `bucket`, and waits until it answers. */
export async function startS3DevServer(options: { serverPath: string; port: number; bucket: string; host?: string }): Promise<S3DevServer> {
  const host = options.host ?? '127.0.0.1';
  const child = spawn(options.serverPath, ['-backend', 'memory', '-host', `${host}:${options.port}`, '-initialbucket', options.bucket, '-quiet'], { stdio: 'ignore' });
  const endpoint = `http://${host}:${options.port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gofakes3 exited with code ${child.exitCode} while starting`);
    const answer = await fetch(`${endpoint}/${options.bucket}`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
    if (answer) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gofakes3 did not answer on ${endpoint} within 20 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint,
    bucket: options.bucket,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
