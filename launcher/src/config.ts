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

/**
 * The variable each process reads its port from (the launcher sets it when it starts the
 * process), and the port it serves on when nobody sets it.
 */
export const SERVICE_PORTS: Readonly<Record<ServiceName, { variable: string; defaultPort: number }>> = {
  gateway: { variable: 'GATEWAY_PORT', defaultPort: 4000 },
  centers: { variable: 'CENTERS_PORT', defaultPort: 4001 },
  importers: { variable: 'IMPORTERS_PORT', defaultPort: 4002 },
  filings: { variable: 'FILINGS_PORT', defaultPort: 4003 },
  worker: { variable: 'WORKER_PORT', defaultPort: 4004 },
  documents: { variable: 'DOCUMENTS_PORT', defaultPort: 4005 },
};

function servicePorts(env: NodeJS.ProcessEnv): Record<ServiceName, number> {
  const entries = Object.entries(SERVICE_PORTS).map(([service, { variable, defaultPort }]) => [service, envInt(env, variable, defaultPort, { max: 65535 })]);
  return Object.fromEntries(entries) as Record<ServiceName, number>;
}

/** Reads the launcher's settings once; see the README's configuration table. */
export function readLauncherConfig(env: NodeJS.ProcessEnv): Readonly<LauncherConfig> {
  const dataDir = path.resolve(envString(env, 'DATA_DIR', path.join(REPO_ROOT, '.data')));
  return Object.freeze({
    databaseUrl: envOptional(env, 'DATABASE_URL'),
    dataDir,
    embeddedPostgresPort: envInt(env, 'EMBEDDED_PG_PORT', 54329, { min: 1, max: 65535 }),
    host: envHost(env),
    ports: servicePorts(env),
    temporalAddress: envOptional(env, 'TEMPORAL_ADDRESS'),
    temporalPort: envInt(env, 'TEMPORAL_PORT', 7233, { min: 1, max: 65535 }),
    temporalUiPort: envInt(env, 'TEMPORAL_UI_PORT', 8233, { min: 1, max: 65535 }),
    seed: envBool(env, 'SEED', true),
    logsToConsole: envBool(env, 'LOGS_TO_CONSOLE', false),
    secrets: stackSecrets(env, dataDir),
  });
}
