import { createServer } from 'node:http';
import { announceListening, closeServer, createLogger, listen, onShutdown, runMain } from '@cee-hub/common';
import { migrateDatabase } from '@cee-hub/db';
import { readWorkerConfig } from './config';
import { createCeeHubWorker } from './worker';

/** The worker process: runs workflows and activities until SIGINT/SIGTERM, with /health and /ready. */
runMain(async () => {
  const config = readWorkerConfig(process.env);
  const logger = createLogger('worker');
  await migrateDatabase(config.databaseUrl);
  const { worker, dataSource, connection } = await createCeeHubWorker({
    temporal: config.temporal,
    databaseUrl: config.databaseUrl,
    shutdownGraceMs: config.shutdownGraceMs,
  });
  const health = createServer((request, response) => {
    const running = worker.getState() === 'RUNNING';
    const status = request.url === '/health' ? 200 : request.url === '/ready' ? (running ? 200 : 503) : 404;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status: worker.getState() }));
  });
  const port = await listen(health, config.port, config.host);
  const running = worker.run();
  logger.info({ taskQueue: config.temporal.taskQueue, address: config.temporal.address, port }, 'worker ready');
  let stopping = false;
  onShutdown(logger, async () => {
    stopping = true;
    worker.shutdown();
    // Past the force time the worker gives up on what is left (GracefulShutdownPeriodExpiredError); the process exits anyway.
    await running.catch((error: unknown) => logger.warn({ err: error }, 'worker stopped without finishing its tasks in flight'));
    await closeServer(health);
    await connection.close();
    await dataSource.destroy();
  });
  announceListening(port);
  await running.catch((error: unknown) => {
    if (stopping) return;
    logger.error({ err: error }, 'worker failed');
    process.exit(1);
  });
});
