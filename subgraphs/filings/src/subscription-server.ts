import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CLIENT_ERROR_CODES, type Identity, INTERNAL_IDENTITY_HEADER, type InternalTokenVerifier, type Logger, maskUnexpectedErrors } from '@cee-hub/common';
import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/** The path of both the HTTP endpoint and the graphql-ws endpoint. */
export const SUBSCRIPTION_PATH = '/graphql';

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
    const webSockets = new WebSocketServer({ server, path: SUBSCRIPTION_PATH });
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
    return {
      dispose: async () => {
        await handle.dispose();
      },
    };
  };
}
