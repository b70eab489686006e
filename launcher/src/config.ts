import path from 'node:path';
import { envBool, envHost, envInt, envOptional, envString } from '@cee-hub/common';
import { type StackSecrets, stackSecrets } from './secrets';
import type { ServiceName } from './stack';

/** The repository root, where the processes' built entry points live. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface LauncherConfig {
  /** An external PostgreSQL; when absent, the embedded one is started. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPostgresPort: number;
  host: string;
  ports: Record<ServiceName, number>;
  /** An external Temporal cluster; when absent, the dev server is started. */
  temporalAddress?: string;
  temporalPort: number;
  temporalUiPort: number;
  seed: boolean;
  logsToConsole: boolean;
  /** Handed to every process: from the environment, or in development the install's generated ones. */
  secrets: StackSecrets;
}

/** Reads the launcher's settings once; see the README's configuration table. */
export function readLauncherConfig(env: NodeJS.ProcessEnv): Readonly<LauncherConfig> {
  const dataDir = path.resolve(envString(env, 'DATA_DIR', path.join(REPO_ROOT, '.data')));
  return Object.freeze({
    databaseUrl: envOptional(env, 'DATABASE_URL'),
    dataDir,
    embeddedPostgresPort: envInt(env, 'EMBEDDED_PG_PORT', 54329, { min: 1, max: 65535 }),
    host: envHost(env),
    ports: {
      gateway: envInt(env, 'GATEWAY_PORT', 4000, { max: 65535 }),
      centers: envInt(env, 'CENTERS_PORT', 4001, { max: 65535 }),
      importers: envInt(env, 'IMPORTERS_PORT', 4002, { max: 65535 }),
      filings: envInt(env, 'FILINGS_PORT', 4003, { max: 65535 }),
      worker: envInt(env, 'WORKER_PORT', 4004, { max: 65535 }),
      documents: envInt(env, 'DOCUMENTS_PORT', 4005, { max: 65535 }),
    },
    temporalAddress: envOptional(env, 'TEMPORAL_ADDRESS'),
    temporalPort: envInt(env, 'TEMPORAL_PORT', 7233, { min: 1, max: 65535 }),
    temporalUiPort: envInt(env, 'TEMPORAL_UI_PORT', 8233, { min: 1, max: 65535 }),
    seed: envBool(env, 'SEED', true),
    logsToConsole: envBool(env, 'LOGS_TO_CONSOLE', false),
    secrets: stackSecrets(env, dataDir),
  });
}
