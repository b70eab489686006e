import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES } from './errors';
import type { Logger } from './logger';

/** What every request context carries for logging. */
export interface LoggingContext extends BaseContext {
  requestId: string;
  logger: Logger;
}

/**
 * Passes client errors (validation, refusals, parse errors) through as they are and masks
 * everything else, so no internal message or stack trace reaches a client. The original is
 * logged by `errorLoggingPlugin` with the request id, which the client sees in the header.
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Logs every unexpected error of an operation with the request id; client errors are not logged as errors. */
export function errorLoggingPlugin<TContext extends LoggingContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) continue;
            contextValue.logger.error({ err: error.originalError ?? error, path: error.path, operationName }, 'operation failed');
          }
        },
      };
    },
  };
}
