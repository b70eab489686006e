import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type DrillContext, type DrillResult, timed } from './common';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const ENTRY_POINTS = ['gateway/dist/index.js', 'subgraphs/centers/dist/index.js', 'workflows/dist/worker-main.js'];
/** NODE_ENV values that must all mean production: anything but development and test. */
const PRODUCTION_SPELLINGS = ['production', 'Production', 'PRODUCTION', 'production ', ' production', 'prod', 'staging', 'Development', 'dev'];

/** Starts one process alone and resolves with how it ended: a refusal exits 1 with a configuration error. */
function startAlone(entry: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
      env: { PATH: process.env.PATH, GATEWAY_PORT: '0', CENTERS_PORT: '0', WORKER_PORT: '0', DATABASE_URL: 'postgres://127.0.0.1:1/none', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A process that starts instead of refusing is the finding; it is stopped after 15 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/**
 * Production by mistake: every NODE_ENV spelling but development and test starts in
 * production mode (so without its secrets it refuses to start, and nothing falls back to a
 * secret of the source), and development mode refuses to listen beyond loopback.
 */
export function productionModeDrill(_context: DrillContext): Promise<DrillResult> {
  return timed('production mode', async () => {
    const losses: string[] = [];
    let tried = 0;
    for (const spelling of PRODUCTION_SPELLINGS) {
      tried += 1;
      const { code, stderr } = await startAlone('gateway/dist/index.js', { NODE_ENV: spelling });
      if (code !== 1 || !stderr.includes(`required when NODE_ENV=${spelling} (production mode)`)) {
        losses.push(`NODE_ENV=${JSON.stringify(spelling)}: the gateway did not refuse to start without production secrets (exit ${code}): ${stderr.slice(0, 200)}`);
      }
    }
    const secrets = { JWT_SECRET: randomBytes(32).toString('base64url'), INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url') };
    for (const entry of ENTRY_POINTS) {
      tried += 1;
      const { code, stderr } = await startAlone(entry, { HOST: '0.0.0.0', ...secrets });
      if (code !== 1 || !stderr.includes('would listen beyond this machine')) {
        losses.push(`${entry} in development mode with HOST=0.0.0.0 did not refuse to start (exit ${code}): ${stderr.slice(0, 200)}`);
      }
    }
    return {
      did: `started the gateway under ${PRODUCTION_SPELLINGS.length} NODE_ENV spellings without secrets, and three processes in development mode on 0.0.0.0`,
      counted: { starts: tried, refused: tried - losses.length },
      losses,
    };
  });
}
