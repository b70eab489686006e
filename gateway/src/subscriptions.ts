import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { type Identity, type InternalTokenSigner, type Logger, TooManyRequestsError, UnauthenticatedError } from '@cee-hub/common';
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
  print,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { CloseCode, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import type { GatewayConfig } from './config';
import type { QueryLimits } from './query-limits';
import type { GatewayContext } from './server';
import { SubgraphUpstream } from './subgraph-upstream';
import { identityKey, type SubscriberRequest, SubscriptionHub } from './subscription-hub';
import { type QuotaLease, SubscriptionQuota } from './subscription-quota';
import { SINCE_ARGUMENT, type SubscriptionRoute, type SubscriptionRouting } from './subscription-routes';
import type { UserTokenVerifier } from './user-token';

const EVENT_ID_VARIABLE = 'ceeHubEventId';

export interface SubscriptionOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  /** The supergraph's API schema, once the gateway has loaded it. */
  schema: () => GraphQLSchema | undefined;
  /** Where each Subscription field goes, read from the same supergraph. */
  routing: () => SubscriptionRouting | undefined;
  verifier: UserTokenVerifier;
  signer: InternalTokenSigner;
  /** A subgraph's graphql-ws endpoint (ws://…/graphql) by its name in the supergraph. */
  subgraphWsUrl: (subgraph: string) => string;
  /** The query limits of the HTTP endpoint, which subscriptions obey too. */
  limits: QueryLimits;
  /** The WebSocket's own limits: message size, subscriptions per connection and per identity. */
  subscriptionLimits: GatewayConfig['subscriptions'];
  /**
   * The origin for URLs an event's fields hand out (a document's download link): events are
   * resolved once for every subscriber, so only the configured public URL can be theirs.
   */
  publicOrigin?: string;
  logger: Logger;
}

type ConnectionExtra = {
  socket: WebSocket;
  identity?: Identity;
  /** When the connection's token expires, in milliseconds since the epoch; undefined for a token without `exp`. */
  expiresAt?: number;
  expiryTimer?: NodeJS.Timeout;
  /** The places this connection's subscriptions hold in their identity's quota: all released when it closes. */
  leases?: Set<QuotaLease>;
};

/** The longest a timer can wait in Node.js; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const TOKEN_EXPIRED_REASON = 'Forbidden: the token has expired; connect again with a new one';

function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/** The `exp` of a bearer token the verifier has accepted, in milliseconds; undefined without one. */
function expiryOf(authorization: string): number | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const exp = token ? decodeJwt(token).exp : undefined;
  return typeof exp === 'number' ? exp * 1000 : undefined;
}

/**
 * Closes the connection with 4403 when its token expires: the identity was verified once, at
 * connection, and must not outlive the token that proved it.
 */
function closeAtExpiry(extra: ConnectionExtra, expiresAt: number): void {
  const wait = expiresAt - Date.now();
  if (wait <= 0) {
    extra.socket.close(CloseCode.Forbidden, TOKEN_EXPIRED_REASON);
    return;
  }
  extra.expiryTimer = setTimeout(() => closeAtExpiry(extra, expiresAt), Math.min(wait, MAX_TIMER_MS));
}

/** A refusal with a code, as Apollo Server would give one over HTTP. */
function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
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
 * `query($ceeHubEventId: ID!) { filingUpdated: filingEvent(id: $ceeHubEventId) { …selection } }`
 * (the route's event query field): the gateway's query planner then resolves the client's whole
 * selection, from every subgraph, for one event.
 */
export function eventQueryFor(operation: OperationDefinitionNode, root: FieldNode, fragments: FragmentDefinitionNode[], route: SubscriptionRoute): DocumentNode {
  const field: FieldNode = {
    ...root,
    alias: root.alias ?? { kind: Kind.NAME, value: route.field },
    name: { kind: Kind.NAME, value: route.eventQueryField },
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
  route: SubscriptionRoute;
  /** The field's arguments but `since`, coerced. */
  arguments: Record<string, unknown>;
  since: string | undefined;
  eventQuery: DocumentNode;
  /** The client's variables that the event query uses. */
  eventVariables: Record<string, unknown>;
}

/**
 * Checks a subscription request as the HTTP endpoint checks a query, every limit included
 * (tokens, depth, aliases, directives, and the cost with the variables), and prepares what each
 * event needs; errors are for the client. The query that resolves each event is checked too:
 * it is what runs, through the same limits, for every event, and what passes here must not
 * come back as an error with each of them.
 */
export function prepareSubscription(
  schema: GraphQLSchema,
  routing: SubscriptionRouting,
  limits: QueryLimits,
  query: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): readonly GraphQLError[] | PreparedSubscription {
  const checked = limits.check(schema, query);
  if (Array.isArray(checked)) return checked;
  const document = checked as DocumentNode;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return [refusal(operationName ? `The document has no operation named "${operationName}"` : 'Name the operation to run: the document has several', 'OPERATION_RESOLUTION_FAILURE')];
  }
  if (operation.operation !== 'subscription') {
    return [refusal('Send queries and mutations over HTTP; this WebSocket serves subscriptions', 'BAD_REQUEST')];
  }
  const [root, ...others] = operation.selectionSet.selections;
  if (!root || others.length > 0 || root.kind !== Kind.FIELD) {
    return [refusal(`Subscribe to exactly one field, one of ${[...routing.routes.keys()].join(', ')}`, 'GRAPHQL_VALIDATION_FAILED')];
  }
  const route = routing.routes.get(root.name.value);
  if (!route) {
    const problem = routing.unservable.get(root.name.value)?.problem ?? `${root.name.value} is not a subscription field`;
    return [refusal(`The gateway cannot serve this subscription: ${problem}`, 'GRAPHQL_VALIDATION_FAILED')];
  }
  const fieldDefinition = schema.getSubscriptionType()!.getFields()[route.field]!;
  let argumentValues: Record<string, unknown>;
  try {
    argumentValues = getArgumentValues(fieldDefinition, root, variables);
  } catch (error) {
    return [refusal(error instanceof Error ? error.message : String(error), 'BAD_USER_INPUT')];
  }
  const tooCostly = limits.costRefusal(schema, document, operation, variables);
  if (tooCostly) return [tooCostly];
  const fragments = document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
  const eventQuery = eventQueryFor(operation, root, fragments, route);
  const eventCheck = limits.check(schema, print(eventQuery));
  if (Array.isArray(eventCheck)) {
    // Only an edge passes the subscription and fails here: the alias and the event id the event query adds.
    return eventCheck.map((error) => new GraphQLError(`In the query that resolves each event (one alias and one variable more): ${error.message}`, { extensions: error.extensions }));
  }
  // Only these tell two clients' events apart: a different `since` or filter does not change a result.
  const eventOperation = eventQuery.definitions[0] as OperationDefinitionNode;
  const eventVariables = Object.fromEntries(
    (eventOperation.variableDefinitions ?? [])
      .map((definition) => definition.variable.name.value)
      .filter((name) => name in variables)
      .map((name) => [name, variables[name]]),
  );
  const { [SINCE_ARGUMENT]: since, ...forwarded } = argumentValues;
  return { document, route, arguments: forwarded, since: typeof since === 'string' ? since : undefined, eventQuery, eventVariables };
}

/**
 * Serves subscriptions on the gateway's own address and path with graphql-ws (the
 * `graphql-transport-ws` protocol), as @apollo/gateway cannot: the subscription goes to the
 * subgraph that owns its field in the supergraph (subscription-routes) with the gateway-signed identity, and each event's full selection set is
 * resolved through the gateway like a query. Clients with the same identity and filter share
 * one upstream subscription, and with the same selection too, one resolution of each event
 * (SubscriptionHub). When the subgraph goes away, the gateway subscribes again from the
 * last event it received, so the clients lose nothing.
 *
 * What one caller may make the gateway hold is bounded: a message larger than the limit closes
 * the connection with 1009 before it is read; a connection lives no longer than its token (4403
 * at expiry); a connection and an identity hold at most so many subscriptions (TOO_MANY_REQUESTS
 * beyond); and a subscription passes the HTTP endpoint's query limits when it starts.
 */
export function attachSubscriptions(options: SubscriptionOptions): { dispose(): Promise<void> } {
  const { maxPayloadBytes } = options.subscriptionLimits;
  // A larger message closes the connection with 1009 as its header arrives, before it is read
  // (ws's default, 100 MiB, let anyone fill the gateway's memory before saying who they were).
  const wsServer = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: maxPayloadBytes });
  const hub = createHub(options);
  const perIdentity = new SubscriptionQuota(options.subscriptionLimits.maxPerIdentity);
  const disposable = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      onConnect: (ctx) => authenticateConnection(ctx.extra, ctx.connectionParams, options.verifier),
      onSubscribe: (ctx, _id, payload) => admitSubscription(ctx.extra, Object.keys(ctx.subscriptions).length, payload, options, perIdentity),
      // The stream yields results that are already formatted (by Apollo Server, or a refusal's errors).
      subscribe: (args) => {
        const subscriber = args.contextValue as SubscriberRequest;
        try {
          return hub.subscribe(subscriber) as AsyncIterableIterator<ExecutionResult>;
        } catch (error) {
          subscriber.onEnd?.();
          throw error;
        }
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiryTimer);
        // Whatever became of its subscriptions, a closed connection holds nothing.
        for (const lease of ctx.extra.leases ?? []) lease.release();
        ctx.extra.leases?.clear();
      },
      // Left to itself, graphql-ws would format each error again with toJSON(), which a
      // formatted error lacks: the TypeError ended the client's subscription. Sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,
    },
    wsServer,
    10_000,
  );
  logSocketErrors(wsServer, options.logger, maxPayloadBytes);
  return {
    dispose: async () => {
      await disposable.dispose();
      await hub.close();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/** The hub over upstreams to the owning subgraphs, resolving each event through the gateway like a query. */
function createHub(options: SubscriptionOptions): SubscriptionHub {
  return new SubscriptionHub({
    logger: options.logger,
    openUpstream: (request) => new SubgraphUpstream({ ...request, url: options.subgraphWsUrl(request.route.subgraph), signer: options.signer, logger: options.logger }),
    resolveEvent: async ({ identity, eventQuery, variables, eventId }) => {
      const response = await options.apollo.executeOperation(
        { query: eventQuery, variables: { ...variables, [EVENT_ID_VARIABLE]: eventId } },
        { contextValue: { identity, publicOrigin: options.publicOrigin, requestId: `subscription-${eventId}`, logger: options.logger } },
      );
      if (response.body.kind === 'single') return response.body.singleResult;
      // The event query carries no @defer or @stream, so Apollo never answers it incrementally.
      throw new Error('an incremental result for a subscription event');
    },
  });
}

/**
 * A bad or missing token closes the connection with 4403 before anything is subscribed, and so
 * does the token's expiry later.
 */
async function authenticateConnection(extra: ConnectionExtra, params: Readonly<Record<string, unknown>> | undefined, verifier: UserTokenVerifier): Promise<boolean> {
  try {
    const authorization = authorizationOf(params);
    const identity = await verifier.identify(authorization);
    if (identity.role === 'PUBLIC') return false;
    extra.identity = identity;
    extra.leases = new Set();
    extra.expiresAt = expiryOf(authorization!);
    if (extra.expiresAt !== undefined) closeAtExpiry(extra, extra.expiresAt);
    return true;
  } catch {
    return false;
  }
}

/**
 * Admits one subscription of an authenticated connection, or answers the errors the client gets:
 * an expired token, a connection or identity over its quota, a request over the query limits.
 * An admitted one holds a place in its identity's quota until it ends.
 */
function admitSubscription(
  extra: ConnectionExtra,
  subscriptionsOnSocket: number,
  payload: SubscribePayload,
  options: SubscriptionOptions,
  perIdentity: SubscriptionQuota,
): readonly GraphQLError[] | ExecutionArgs {
  const { identity, expiresAt, socket, leases } = extra;
  const { maxPerSocket, maxPerIdentity } = options.subscriptionLimits;
  // The timer closes the connection at expiry; a subscribe that comes first is refused all the same.
  if (expiresAt !== undefined && Date.now() >= expiresAt) {
    socket.close(CloseCode.Forbidden, TOKEN_EXPIRED_REASON);
    return [new UnauthenticatedError('The token has expired; connect again with a new one')];
  }
  // This subscription is among them already (graphql-ws records it before asking).
  if (subscriptionsOnSocket > maxPerSocket) {
    return [new TooManyRequestsError(`A connection holds at most ${maxPerSocket} subscriptions at once; complete one before starting another`)];
  }
  const schema = options.schema();
  const routing = options.routing();
  if (!schema || !routing) return [refusal('The gateway is still starting; subscribe again in a moment', 'SERVICE_UNAVAILABLE')];
  const prepared = prepareSubscription(schema, routing, options.limits, payload.query, payload.operationName, payload.variables ?? {});
  if (Array.isArray(prepared)) return prepared;
  const lease = perIdentity.acquire(identityKey(identity!));
  if (!lease) {
    return [new TooManyRequestsError(`One user holds at most ${maxPerIdentity} subscriptions at once, over all connections; complete one before starting another`)];
  }
  leases!.add(lease);
  const { document, route, arguments: args, since, eventQuery, eventVariables } = prepared as PreparedSubscription;
  const subscriber: SubscriberRequest = {
    identity: identity!,
    route,
    arguments: args,
    since,
    eventQuery,
    variables: eventVariables,
    socket,
    onEnd: () => {
      lease.release();
      leases!.delete(lease);
    },
  };
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: subscriber };
}

/**
 * graphql-ws prints every socket error to stderr with its stack and closes with 1011. A message
 * over the limit is the client's doing, already closed by ws with 1009: a warning says enough,
 * and the log is ours, not a flood anyone can cause on stderr.
 */
function logSocketErrors(wsServer: WebSocketServer, logger: Logger, maxPayloadBytes: number): void {
  wsServer.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        logger.warn({ maxPayloadBytes }, 'a WebSocket message over the size limit; connection closed with 1009');
        return;
      }
      logger.error({ err: error }, 'WebSocket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
  });
}
