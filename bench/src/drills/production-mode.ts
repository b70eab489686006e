import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DEVELOPMENT_SECRET_PREFIX, issueUserToken } from '@cee-hub/common';
import { postGraphQL } from '@cee-hub/common/testing';
import { type DrillContext, type DrillResult, timed } from './common';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const GATEWAY = 'gateway/dist/index.js';
const ENTRY_POINTS = [GATEWAY, 'subgraphs/centers/dist/index.js', 'workflows/dist/worker-main.js'];
/** The family "NODE_ENV spellings": values that must all mean production, being anything but development and test. */
const PRODUCTION_SPELLINGS = ['production', 'Production', 'PRODUCTION', 'production ', ' production', 'prod', 'staging', 'Development', 'dev'];
/** At the reduced size every spelling is still started without secrets; these few are also started with secrets and probed. */
const REDUCED_PROBED_SPELLINGS = ['Production', 'production ', 'prod'];
/** The user-token secret earlier versions had in the source: anyone could sign an ADMIN token with it. */
const FORMER_PUBLIC_JWT_SECRET = 'cee-hub-development-jwt-secret-not-for-production';
/** How long a process may take to refuse or to get ready; one still undecided then is stopped and counted. */
const START_TIMEOUT_MS = 15_000;

interface Started {
  child: ChildProcess;
  /** How it ended (a refusal exits 1 with a configuration error), or its port once the gateway logged it was ready. */
  outcome: Promise<{ code: number | null; stderr: string; port?: number }>;
}

/** Starts one process alone, with only `env` (and PATH) for environment. */
function startAlone(entry: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, entry)], {
    env: { PATH: process.env.PATH, GATEWAY_PORT: '0', CENTERS_PORT: '0', WORKER_PORT: '0', DATABASE_URL: 'postgres://127.0.0.1:1/none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const outcome = new Promise<{ code: number | null; stderr: string; port?: number }>((resolve) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /"port":(\d+)[^\n]*"msg":"gateway ready"/.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        resolve({ code: null, stderr, port: Number(ready[1]) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
  return { child, outcome };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** What a gateway that started under `spelling` gives away, as losses: development sign-in, introspection, the former public secret. */
async function probeProductionGateway(spelling: string, port: number): Promise<string[]> {
  const origin = `http://127.0.0.1:${port}`;
  const losses: string[] = [];
  const label = `NODE_ENV=${JSON.stringify(spelling)} with HOST=0.0.0.0`;
  // The request of issue 10: an anonymous sign-in as an admin, its email padded and upper-cased.
  const signIn = await fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ' ADMIN@cbp.example ' }) });
  const signInBody = await signIn.text();
  if (signIn.status !== 404 || signInBody.includes('token')) losses.push(`${label}: POST /dev/sign-in answered ${signIn.status}: ${signInBody.slice(0, 120)}`);
  const list = await fetch(`${origin}/dev/sign-in`);
  if (list.status !== 404) losses.push(`${label}: GET /dev/sign-in answered ${list.status}`);
  const introspection = await postGraphQL(`${origin}/graphql`, '{ __schema { types { name } } }');
  if (!introspection.errors?.length) losses.push(`${label}: introspection answered`);
  const forged = await issueUserToken({ role: 'ADMIN', email: 'admin@cbp.example' }, FORMER_PUBLIC_JWT_SECRET);
  const withForged = await postGraphQL(`${origin}/graphql`, '{ centers { id } }', undefined, { authorization: `Bearer ${forged}` });
  if (withForged.status !== 401) losses.push(`${label}: a token signed with the former public development secret got ${withForged.status}`);
  return losses;
}

/**
 * Production by mistake, the family "NODE_ENV spellings": every NODE_ENV but development and
 * test is production mode. Started under each spelling without secrets, or with development
 * ones (generated, or the former public ones), the gateway must refuse to start; with secrets
 * of its own on HOST=0.0.0.0 it must start without development sign-in or introspection and
 * refuse tokens signed with the former public secret. Development mode must refuse HOST=0.0.0.0
 * in every process. Any start that exposes the sign-in or a development secret is a loss.
 */
export function productionModeDrill({ size }: DrillContext): Promise<DrillResult> {
  return timed('production mode', async () => {
    const probedSpellings = size === 'full' ? PRODUCTION_SPELLINGS : REDUCED_PROBED_SPELLINGS;
    const developmentModes = size === 'full' ? [undefined, 'development', 'test'] : [undefined];
    const losses: string[] = [];
    let tried = 0;
    let refused = 0;
    let probed = 0;
    const real = { JWT_SECRET: randomBytes(32).toString('base64url'), INTERNAL_TOKEN_SECRET: randomBytes(32).toString('base64url') };
    const development = {
      generated: { JWT_SECRET: `${DEVELOPMENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`, INTERNAL_TOKEN_SECRET: real.INTERNAL_TOKEN_SECRET },
      'former public': { JWT_SECRET: FORMER_PUBLIC_JWT_SECRET, INTERNAL_TOKEN_SECRET: 'cee-hub-development-internal-secret-not-for-production' },
    };

    /** Starts `entry` (the gateway unless said) under `env`; one that does not refuse with `expected` is a loss (and is stopped). */
    const expectRefusal = async (label: string, env: NodeJS.ProcessEnv, expected: string, entry = GATEWAY) => {
      tried += 1;
      const started = startAlone(entry, env);
      const { code, stderr, port } = await started.outcome;
      await stop(started.child);
      if (code === 1 && stderr.includes(expected)) refused += 1;
      else losses.push(`${label}: ${entry} should have refused with "${expected}" but ${port ? `listened on port ${port}` : `exited ${code}`}: ${stderr.slice(0, 200)}`);
    };

    for (const NODE_ENV of PRODUCTION_SPELLINGS) {
      await expectRefusal(`NODE_ENV=${JSON.stringify(NODE_ENV)} without secrets`, { NODE_ENV, HOST: '0.0.0.0' }, `required when NODE_ENV=${NODE_ENV} (production mode)`);
      if (!probedSpellings.includes(NODE_ENV)) continue;
      for (const [kind, secrets] of Object.entries(development)) {
        await expectRefusal(`NODE_ENV=${JSON.stringify(NODE_ENV)} with the ${kind} development secrets`, { NODE_ENV, HOST: '0.0.0.0', ...secrets }, 'is a development secret');
      }
      tried += 1;
      const started = startAlone(GATEWAY, { NODE_ENV, HOST: '0.0.0.0', ...real });
      try {
        const { code, stderr, port } = await started.outcome;
        if (port === undefined) losses.push(`NODE_ENV=${JSON.stringify(NODE_ENV)} with its own secrets: the gateway did not start (exit ${code}): ${stderr.slice(0, 200)}`);
        else {
          probed += 1;
          losses.push(...(await probeProductionGateway(NODE_ENV, port)));
        }
      } finally {
        await stop(started.child);
      }
    }
    for (const entry of ENTRY_POINTS) {
      for (const NODE_ENV of developmentModes) {
        await expectRefusal(`NODE_ENV=${NODE_ENV ?? 'unset'} with HOST=0.0.0.0`, { HOST: '0.0.0.0', ...(NODE_ENV ? { NODE_ENV } : {}), ...real }, 'would listen beyond this machine', entry);
      }
    }
    return {
      did:
        `started the gateway under ${PRODUCTION_SPELLINGS.length} NODE_ENV spellings on 0.0.0.0 without secrets, under ${probedSpellings.length} with development ones and with its own ` +
        '(then asked for a development sign-in, introspection and an ADMIN token signed with the former public secret), and three processes in development mode on 0.0.0.0',
      counted: { starts: tried, refused, productionGatewaysProbed: probed, losses: losses.length },
      losses,
    };
  });
}
