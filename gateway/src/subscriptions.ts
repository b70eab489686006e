import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Identity, InternalTokenSigner, Logger } from '@cee-hub/common';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FormattedExecutionResult,
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
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { FilingsUpstream, ROOT_FIELD } from './filings-upstream';
import type { GatewayContext } from './server';
import { type SubscriberRequest, SubscriptionHub } from './subscription-hub';
import type { UserTokenVerifier } from './user-token';

/** The filings query that resolves one event with any selection set, across subgraphs. */
const EVENT_QUERY_FIELD = 'filingEvent';
const EVENT_ID_VARIABLE = 'ceeHubEventId';

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

/** What one client subscription needs: the upstream's arguments and the query for each event. */
interface PreparedSubscription {
  document: DocumentNode;
  filter: unknown;
  since: string | undefined;
  eventQuery: DocumentNode;
  /** The client's variables that the event query uses. */
  eventVariables: Record<string, unknown>;
}

/** Checks a subscription request and prepares what each event needs; errors are for the client. */
function prepare(
  schema: GraphQLSchema,
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): readonly GraphQLError[] | PreparedSubscription {
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
  let argumentValues: Record<string, unknown>;
  try {
    argumentValues = getArgumentValues(fieldDefinition, root, variables);
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
  }
  const fragments = document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
  const eventQuery = eventQueryFor(operation, root, fragments);
  // Only these tell two clients' events apart: a different `since` or filter does not change a result.
  const eventOperation = eventQuery.definitions[0] as OperationDefinitionNode;
  const eventVariables = Object.fromEntries(
    (eventOperation.variableDefinitions ?? [])
      .map((definition) => definition.variable.name.value)
      .filter((name) => name in variables)
      .map((name) => [name, variables[name]]),
  );
  const since = argumentValues.since;
  return { document, filter: argumentValues.filter, since: typeof since === 'string' ? since : undefined, eventQuery, eventVariables };
}

/**
 * Serves subscriptions on the gateway's own address and path with graphql-ws (the
 * `graphql-transport-ws` protocol), as @apollo/gateway cannot: the subscription goes to the
 * filings subgraph with the gateway-signed identity, and each event's full selection set is
 * resolved through the gateway like a query. Clients with the same identity and filter share
 * one upstream subscription, and with the same selection too, one resolution of each event
 * (SubscriptionHub). When the filings subgraph goes away, the gateway subscribes again from the
 * last event it received, so the clients lose nothing.
 */
export function attachSubscriptions(options: SubscriptionOptions): { dispose(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.server, path: '/graphql' });
  const hub = new SubscriptionHub({
    logger: options.logger,
    openUpstream: (request) => new FilingsUpstream({ ...request, url: options.filingsWsUrl, signer: options.signer, logger: options.logger }),
    resolveEvent: async ({ identity, eventQuery, variables, eventId }) => {
      const response = await options.apollo.executeOperation(
        { query: eventQuery, variables: { ...variables, [EVENT_ID_VARIABLE]: eventId } },
        { contextValue: { identity, requestId: `subscription-${eventId}`, logger: options.logger } },
      );
      if (response.body.kind === 'single') return response.body.singleResult;
      // The event query carries no @defer or @stream, so Apollo never answers it incrementally.
      throw new Error('an incremental result for a subscription event');
    },
  });

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
        const { document, filter, since, eventQuery, eventVariables } = prepared as PreparedSubscription;
        const subscriber: SubscriberRequest = { identity: ctx.extra.identity!, filter, since, eventQuery, variables: eventVariables, socket: ctx.extra.socket };
        const args: ExecutionArgs = { schema, document, variableValues: payload.variables, contextValue: subscriber };
        return args;
      },
      // The stream yields results that are already formatted (by Apollo Server, or a refusal's errors).
      subscribe: (args) => hub.subscribe(args.contextValue as SubscriberRequest) as AsyncIterableIterator<ExecutionResult>,
      // Left to itself, graphql-ws would format each error again with toJSON(), which a
      // formatted error lacks: the TypeError ended the client's subscription. Sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
    },
    wsServer,
    10_000,
  );

  return {
    dispose: async () => {
      await disposable.dispose();
      await hub.close();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
