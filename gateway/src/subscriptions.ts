import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { type Identity, INTERNAL_IDENTITY_HEADER, type InternalTokenSigner, type Logger } from '@cee-hub/common';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import type { GatewayContext } from './server';
import type { UserTokenVerifier } from './user-token';

/** The one subscription root field; it belongs to the filings subgraph. */
const ROOT_FIELD = 'filingUpdated';
/** The filings query that resolves one event with any selection set, across subgraphs. */
const EVENT_QUERY_FIELD = 'filingEvent';
const EVENT_ID_VARIABLE = 'ceeHubEventId';

/** A subscriber whose socket holds more than this many unsent bytes is cut off. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Close code for a subscriber too slow to keep up (4400–4499 are graphql-ws's own). */
export const SLOW_CONSUMER_CLOSE_CODE = 4503;
/** How long to wait before subscribing again after the filings subgraph went away. */
const RESUBSCRIBE_DELAY_MS = 500;

export interface SubscriptionOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  /** The supergraph's API schema, once the gateway has loaded it. */
  schema: () => GraphQLSchema | undefined;
  verifier: UserTokenVerifier;
  signer: InternalTokenSigner;
  /** The filings subgraph's graphql-ws endpoint (ws://…/graphql). */
  filingsWsUrl: string;
  logger: Logger;
}

type ConnectionExtra = {
  identity?: Identity;
};

interface SubscriptionContext {
  identity: Identity;
  upstreamVariables: Record<string, unknown>;
  eventQuery: DocumentNode;
  variables: Record<string, unknown>;
  socket: WebSocket;
  /** Aborted when the client completes or goes: the upstream subscription closes at once. */
  signal?: AbortSignal;
}

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

function variablesUsed(nodes: ReadonlyArray<OperationDefinitionNode | FragmentDefinitionNode>): Set<string> {
  const used = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      VariableDefinition: () => false,
      Variable: (variable) => {
        used.add(variable.name.value);
      },
    });
  }
  return used;
}

/**
 * Rewrites `subscription { filingUpdated(filter, since) { …selection } }` into
 * `query($ceeHubEventId: ID!) { filingUpdated: filingEvent(id: $ceeHubEventId) { …selection } }`:
 * the gateway's query planner then resolves the client's whole selection, from every subgraph,
 * for one event.
 */
export function eventQueryFor(operation: OperationDefinitionNode, root: FieldNode, fragments: FragmentDefinitionNode[]): DocumentNode {
  const field: FieldNode = {
    ...root,
    alias: root.alias ?? { kind: Kind.NAME, value: ROOT_FIELD },
    name: { kind: Kind.NAME, value: EVENT_QUERY_FIELD },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'id' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_ID_VARIABLE } },
      },
    ],
  };
  const eventVariable: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: EVENT_ID_VARIABLE } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  };
  const query: OperationDefinitionNode = {
    ...operation,
    operation: 'query' as OperationDefinitionNode['operation'],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
  // Variables that only fed the subscription's arguments would be unused now, which GraphQL refuses.
  const used = variablesUsed([query, ...fragments]);
  const kept = (operation.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value));
  return {
    kind: Kind.DOCUMENT,
    definitions: [{ ...query, variableDefinitions: [...kept, eventVariable] }, ...fragments],
  };
}

/** Checks a subscription request and prepares what each event needs; errors are for the client. */
function prepare(
  schema: GraphQLSchema,
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): readonly GraphQLError[] | { eventQuery: DocumentNode; upstreamVariables: Record<string, unknown>; document: DocumentNode } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 2000 });
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return errors;
  const operation = getOperationAST(document, operationName);
  if (!operation) return [new GraphQLError('Name the operation to run: the document has several')];
  if (operation.operation !== 'subscription') {
    return [new GraphQLError('Send queries and mutations over HTTP; this WebSocket serves subscriptions')];
  }
  const [root, ...others] = operation.selectionSet.selections;
  if (!root || others.length > 0 || root.kind !== Kind.FIELD || root.name.value !== ROOT_FIELD) {
    return [new GraphQLError(`Subscribe to exactly one field, ${ROOT_FIELD}`)];
  }
  const fieldDefinition = schema.getSubscriptionType()!.getFields()[ROOT_FIELD]!;
  let upstreamVariables: Record<string, unknown>;
  try {
    upstreamVariables = getArgumentValues(fieldDefinition, root, variables);
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
  }
  const fragments = document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
  return { eventQuery: eventQueryFor(operation, root, fragments), upstreamVariables, document };
}

const UPSTREAM_SUBSCRIPTION = `subscription($filter: FilingUpdateFilter, $since: ID) { ${ROOT_FIELD}(filter: $filter, since: $since) { id } }`;

class UpstreamGone extends Error {}

/**
 * Serves subscriptions on the gateway's own address and path with graphql-ws (the
 * `graphql-transport-ws` protocol), as @apollo/gateway cannot: the subscription goes to the
 * filings subgraph with the gateway-signed identity, and each event's full selection set is
 * resolved through the gateway like a query. When the filings subgraph goes away, the gateway
 * subscribes again from the last event it delivered, so the client loses nothing.
 */
export function attachSubscriptions(options: SubscriptionOptions): { dispose(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.server, path: '/graphql' });

  async function* events(context: SubscriptionContext): AsyncGenerator<ExecutionResult> {
    let since = context.upstreamVariables.since as string | undefined;
    let upstream: WsClient | undefined;
    try {
      for (;;) {
        if (context.signal?.aborted) return;
        upstream = createClient({
          url: options.filingsWsUrl,
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: async () => ({ [INTERNAL_IDENTITY_HEADER]: await options.signer.sign(context.identity) }),
        });
        const current = upstream;
        const closeUpstream = () => void current.dispose();
        context.signal?.addEventListener('abort', closeUpstream, { once: true });
        try {
          const iterator = upstream.iterate<{ filingUpdated: { id: string } }>({
            query: UPSTREAM_SUBSCRIPTION,
            variables: { ...context.upstreamVariables, since },
          });
          for await (const result of iterator) {
            if (result.errors?.length || !result.data) {
              // A refusal (FORBIDDEN filter, UNAUTHENTICATED) ends the subscription as it is.
              yield { errors: (result.errors ?? []).map((error) => new GraphQLError(error.message, { extensions: error.extensions })) };
              return;
            }
            const eventId = result.data.filingUpdated.id;
            since = eventId;
            if (context.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
              context.socket.close(SLOW_CONSUMER_CLOSE_CODE, `Subscriber too slow; resubscribe with since: "${eventId}"`);
              return;
            }
            const response = await options.apollo.executeOperation(
              { query: context.eventQuery, variables: { ...context.variables, [EVENT_ID_VARIABLE]: eventId } },
              { contextValue: { identity: context.identity, requestId: `subscription-${eventId}`, logger: options.logger } },
            );
            if (response.body.kind === 'single') yield response.body.singleResult as ExecutionResult;
          }
          // The subgraph completed the subscription (it is shutting down): subscribe again.
          throw new UpstreamGone();
        } catch (error) {
          context.signal?.removeEventListener('abort', closeUpstream);
          if (Array.isArray(error)) {
            yield { errors: error.map((item: { message: string; extensions?: Record<string, unknown> }) => new GraphQLError(item.message, { extensions: item.extensions })) };
            return;
          }
          await upstream.dispose();
          upstream = undefined;
          if (context.signal?.aborted || context.socket.readyState !== WebSocket.OPEN) return;
          options.logger.warn({ since, reason: error instanceof Error ? error.message : String(error) }, 'filings subscription lost; subscribing again');
          await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
        }
      }
    } finally {
      await upstream?.dispose();
    }
  }

  const disposable = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      // A bad or missing token closes the connection with 4403 before anything is subscribed.
      onConnect: async (ctx) => {
        try {
          const identity = await options.verifier.identify(authorizationOf(ctx.connectionParams));
          if (identity.role === 'PUBLIC') return false;
          ctx.extra.identity = identity;
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const schema = options.schema();
        if (!schema) return [new GraphQLError('The gateway is still starting; subscribe again in a moment')];
        const prepared = prepare(schema, payload.query, payload.operationName, payload.variables ?? {});
        if (Array.isArray(prepared)) return prepared;
        const { eventQuery, upstreamVariables, document } = prepared as Exclude<typeof prepared, readonly GraphQLError[]>;
        const contextValue: SubscriptionContext = {
          identity: ctx.extra.identity!,
          upstreamVariables,
          eventQuery,
          variables: payload.variables ?? {},
          socket: ctx.extra.socket,
        };
        const args: ExecutionArgs = { schema, document, variableValues: payload.variables, contextValue };
        return args;
      },
      subscribe: (args) => {
        // graphql-ws ends a subscription with return(); a generator waiting for the next
        // upstream event would only see it then, so the abort closes the upstream first.
        const abort = new AbortController();
        const generator = events({ ...(args.contextValue as SubscriptionContext), signal: abort.signal });
        const iterator: AsyncIterableIterator<ExecutionResult> = {
          [Symbol.asyncIterator]: () => iterator,
          next: () => generator.next(),
          return: (value?: unknown) => {
            abort.abort();
            return generator.return(value as ExecutionResult);
          },
          throw: (error?: unknown) => {
            abort.abort();
            return generator.throw(error);
          },
        };
        return iterator;
      },
    },
    wsServer,
    10_000,
  );

  return {
    dispose: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
