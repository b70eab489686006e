import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueUserToken } from '@cee-hub/common';
import { type GraphQLResponse, postGraphQL, TEST_INTERNAL_TOKEN_SECRET, TEST_JWT_SECRET } from '@cee-hub/common/testing';
import { seededIdentity } from '@cee-hub/db';
import { freePort, startScratchDatabase } from '@cee-hub/db/testing';
import { type RunningStack, startStack } from '@cee-hub/launcher/stack';

export { seededIdentity };

export interface System {
  stack: RunningStack;
  gatewayUrl: string;
  /** Sends an operation through the gateway, as the given seeded user (by email) or the public. */
  query<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: string): Promise<GraphQLResponse<TData>>;
  tokenFor(email: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system as `npm start` does, on free ports, with a fresh database: the
 * given one, or a new one on the run's test server (see jest.global-setup.js). The embedded
 * PostgreSQL path of the start command has its own test (start-command.e2e.test.ts).
 */
export async function startSystem(options: { databaseUrl?: string; env?: NodeJS.ProcessEnv } = {}): Promise<System> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cee-hub-e2e-'));
  const scratch = options.databaseUrl ? undefined : await startScratchDatabase(process.env.E2E_PG_SERVER_URL!);
  let stack: RunningStack;
  try {
    stack = await startStack({
      databaseUrl: options.databaseUrl ?? scratch!.url,
      dataDir,
      embeddedPostgresPort: await freePort(),
      host: '127.0.0.1',
      // Each process picks a free port and announces it: no port is chosen ahead and taken meanwhile.
      ports: { gateway: 0, centers: 0, importers: 0, filings: 0, worker: 0 },
      seed: true,
      temporalPort: await freePort(),
      env: { LOG_LEVEL: 'warn', JWT_SECRET: TEST_JWT_SECRET, INTERNAL_TOKEN_SECRET: TEST_INTERNAL_TOKEN_SECRET, ...options.env },
    });
  } catch (error) {
    await scratch?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const gatewayUrl = `${stack.urls.gateway}/graphql`;
  // Signed with the secret the processes run with, whatever options.env set.
  const tokenFor = (email: string) => issueUserToken(seededIdentity(email), stack.secrets.jwtSecret);
  return {
    stack,
    gatewayUrl,
    tokenFor,
    query: async (query, variables, as) =>
      postGraphQL(gatewayUrl, query, variables, as ? { authorization: `Bearer ${await tokenFor(as)}` } : {}),
    stop: async () => {
      await stack.stop();
      await scratch?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
