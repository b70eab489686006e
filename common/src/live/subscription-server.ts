import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CLIENT_ERROR_CODES, type Identity, INTERNAL_IDENTITY_HEADER, type InternalTokenVerifier, type Logger, maskUnexpectedErrors } from '../index';
import type { SubgraphContext } from '../subgraph';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/** The path of both the HTTP endpoint and the graphql-ws endpoint. */
export const SUBSCRIPTION_PATH = '/graphql';

/**
 * The largest WebSocket message taken; a larger one closes the connection with 1009 before it
 * is read. The gateway sends a fixed query with a filter; 100 MiB, ws's default, let anyone
 * who can reach the port fill the process's memory before it knew who was sending.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export interface SubscriptionServerOptions<TContext extends SubgraphContext> {
  schema: GraphQLSchema;
  production: boolean;
  /** The context of one subscribe operation; it lives as long as the operation. */
  createContext: (base: SubgraphContext) => TContext;
}

/**
 * A graphql-ws (`graphql-transport-ws`) server on the subgraph's HTTP server and path, for
 * `startSubgraphServer`'s `attach`. Like HTTP requests, a connection must carry the gateway's
 * signed identity, in `connectionParams[INTERNAL_IDENTITY_HEADER]`: without a valid one the
 * connection is closed with 4403 before anything can be subscribed. The identity is read once per
 * connection, so a token that expires later does not end the subscription.
 */
export function attachSubscriptionServer<TContext extends SubgraphContext>(options: SubscriptionServerOptions<TContext>) {
  return (server: Server, verifier: InternalTokenVerifier, logger: Logger): { dispose(): Promise<void> } => {
    const webSockets = new WebSocketServer({ server, path: SUBSCRIPTION_PATH, maxPayload: MAX_PAYLOAD_BYTES });
    const formatErrors = (errors: readonly GraphQLError[], log: Logger): GraphQLFormattedError[] =>
      errors.map((error) => {
        const code = error.extensions?.code;
        if (typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code)) log.error({ err: error.originalError ?? error, path: error.path }, 'subscription failed');
        return maskUnexpectedErrors(error.toJSON());
      });
    const handle = useServer<Record<string, unknown>, { identity: Identity; logger: Logger }>(
      {
        schema: options.schema,
        isProd: options.production,
        onConnect: async (ctx) => {
          const token = ctx.connectionParams?.[INTERNAL_IDENTITY_HEADER];
          try {
            ctx.extra.identity = await verifier.verify(typeof token === 'string' ? token : undefined);
            return true;
          } catch {
            // graphql-ws answers false with close code 4403 Forbidden.
            return false;
          }
        },
        context: (ctx, id) => {
          const requestId = randomUUID();
          const requestLogger = logger.child({ requestId, subscriptionId: id });
          ctx.extra.logger = requestLogger;
          return options.createContext({ identity: ctx.extra.identity!, requestId, logger: requestLogger });
        },
        onNext: (ctx, _id, _payload, _args, result) =>
          result.errors ? { ...result, errors: formatErrors(result.errors, ctx.extra.logger ?? logger) } : undefined,
        onError: (ctx, _id, _payload, errors) => formatErrors(errors, ctx.extra.logger ?? logger),
      },
      webSockets,
    );
    // graphql-ws prints every socket error to stderr with its stack; a message over the limit is
    // the sender's doing, already closed by ws with 1009, and worth a warning in the log.
    webSockets.on('connection', (socket) => {
      socket.removeAllListeners('error');
      socket.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          logger.warn({ maxPayloadBytes: MAX_PAYLOAD_BYTES }, 'a WebSocket message over the size limit; connection closed with 1009');
          return;
        }
        logger.error({ err: error }, 'WebSocket error');
        socket.close(CloseCode.InternalServerError, 'Internal server error');
      });
    });
    return {
      dispose: async () => {
        await handle.dispose();
      },
    };
  };
}
