import { runMain } from '@cee-hub/common';
import { readLauncherConfig } from './config';
import { type RunningStack, startStack } from './stack';

const write = (line: string): boolean => process.stdout.write(`${line}\n`);

/** `npm start`: the whole system on its embedded defaults, with progress, URLs and a clean Ctrl-C. */
runMain(async () => {
  const config = readLauncherConfig(process.env);
  const started = Date.now();
  let step = 0;
  let stack: RunningStack | undefined = undefined;
  let stopping = false;
  const shutdown = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      write('\nstopping CEE Hub…');
      await stack?.stop().catch((error: unknown) => write(`  (while stopping: ${String(error)})`));
      write('stopped');
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  write('CEE Hub is starting');
  stack = await startStack({
    ...config,
    env: { JWT_SECRET: config.secrets.jwtSecret, INTERNAL_TOKEN_SECRET: config.secrets.internalTokenSecret },
    onProgress: (message) => write(`  [${++step}] ${message}…`),
    onUnexpectedExit: (service, code) => {
      write(`\n${service} stopped unexpectedly (exit code ${code}); its log is ${config.dataDir}/logs/${service}.log`);
      void shutdown(1);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  write(`
CEE Hub is ready (${seconds} s)

  Console             ${stack.urls.gateway}/console/     the public directory, and sign-in for staff, importers and admins
  GraphQL (gateway)   ${stack.urls.gateway}/graphql      open it in a browser for Apollo Sandbox
  centers subgraph    ${stack.urls.centers}/graphql
  importers subgraph  ${stack.urls.importers}/graphql
  filings subgraph    ${stack.urls.filings}/graphql
  documents subgraph  ${stack.urls.documents}/graphql   documents' bytes go through the gateway: ${stack.urls.gateway}/documents/…
  workflow worker     ${stack.urls.worker}/health
  Temporal            ${stack.temporalUiUrl ? `${stack.temporalUiUrl}   (web UI; gRPC on ${stack.temporalAddress})` : `${stack.temporalAddress} (TEMPORAL_ADDRESS)`}
  health / readiness  ${stack.urls.gateway}/health  ${stack.urls.gateway}/ready
  PostgreSQL          ${config.databaseUrl ? 'external (DATABASE_URL)' : `embedded, data in ${config.dataDir}/postgres`}
  logs                ${stack.logDir}

Try it:
  curl -s ${stack.urls.gateway}/graphql -H 'content-type: application/json' \\
    -d '{"query":"{ centers { id name managementCity } }"}'

Sign in as a seeded user: pick one on ${stack.urls.gateway}/console/sign-in, or in another terminal:
  npm run token                          lists the seeded users
  npm run token -- admin@cbp.example     prints a token; send it as "Authorization: Bearer <token>"

Press Ctrl-C to stop.`);
});
