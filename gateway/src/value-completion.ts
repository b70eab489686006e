import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';

/**
 * @apollo/gateway reports a null where the schema promises a value (an entity a subgraph could
 * not resolve) not in `errors` but in `extensions.valueCompletion`, and only when no subgraph
 * reported an error: a client then sees `data: null` and no error at all. This moves those
 * errors to where every client looks, so a response never loses its errors.
 */
export function valueCompletionErrorsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const lost = result.extensions?.valueCompletion as ReadonlyArray<GraphQLError> | undefined;
          if (!lost?.length) return;
          const { valueCompletion: _moved, ...extensions } = result.extensions!;
          result.extensions = Object.keys(extensions).length ? extensions : undefined;
          const errors: GraphQLFormattedError[] = lost.map((error) => ({
            message: error.message,
            ...(error.path ? { path: error.path } : {}),
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          }));
          result.errors = [...(result.errors ?? []), ...errors];
        },
      };
    },
  };
}
