import { announceListening, createLogger, onShutdown, runMain } from '@cee-hub/common';
import { readGatewayConfig } from './config';
import { startGateway } from './server';

runMain(async () => {
  const logger = createLogger('gateway');
  const gateway = await startGateway(readGatewayConfig(process.env), logger);
  onShutdown(logger, () => gateway.stop());
  announceListening(gateway.port);
});
