import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs with the service name on every line; LOG_LEVEL sets the level (default info). */
export function createLogger(service: string): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
