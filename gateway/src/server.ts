import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  CLIENT_ERROR_CODES,
  closeServer,
  createGraphQLHttpServer,
  createLogger,
  errorLoggingPlugin,
  type Identity,
  INTERNAL_IDENTITY_HEADER,
  InternalTokenSigner,
  listen,
  type Logger,
  type LoggingContext,
  maskUnexpectedErrors,
  PUBLIC_ORIGIN_HEADER,
  ServiceUnavailableError,
} from '@cee-hub/common';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { valueCompletionErrorsPlugin } from './value-completion';
import { type GatewayConfig, webSocketUrlOf } from './config';
import { createConsoleRoutes } from './console-routes';
import { createStreamingRoutes, DOCUMENT_PATHS, EXPORT_PATHS } from './streaming-routes';
import { peopleFromGraph } from './dev-sign-in';
import { createQueryLimits } from './query-limits';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { attachSubscriptions } from './subscriptions';
import { type SubscriptionRouting, subscriptionRouting } from './subscription-routes';
import { UserTokenVerifier } from './user-token';

export interface GatewayContext extends LoggingContext {
  identity: Identity;
  /** The origin the client reached the gateway at, passed on to subgraphs for the URLs they hand out (absent for the gateway's own operations). */
  publicOrigin?: string;
}

/** The origin of a request: the configured public URL, else http and the request's Host (when it is a plain host name). */
function publicOriginOf(request: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const host = request.headers.host;
  return host && /^[\w.-]+(:\d{1,5})?$|^\[[\da-fA-F:]+\](:\d{1,5})?$/.test(host) ? `http://${host}` : 'http://localhost';
}

export interface RunningGateway {
  port: number;
  stop(): Promise<void>;
}

/**
 * Forwards each subgraph request with the caller's identity in a short-lived token the
 * gateway signs, and the request id, so subgraph logs line up with the gateway's.
 */
class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly signer: InternalTokenSigner,
    fetcher: Fetcher,
  ) {
    super({ url, fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Context is absent only for the gateway's own health checks, which run as the public.
    const identity = 'identity' in context && context.identity ? context.identity : { role: 'PUBLIC' as const };
    request.http?.headers.set(INTERNAL_IDENTITY_HEADER, await this.signer.sign(identity));
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    if ('publicOrigin' in context && context.publicOrigin) request.http?.headers.set(PUBLIC_ORIGIN_HEADER, context.publicOrigin);
  }

  /**
   * A subgraph refuses some bad input before execution with HTTP 400 (a variable its custom
   * scalar rejects, such as a date that does not exist); its own error, with its code, is the
   * answer the client needs rather than an opaque "400: Bad Request".
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = (fallback.extensions.response as { body?: unknown } | undefined)?.body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | undefined;
    const [first] = body?.errors ?? [];
    const code = first?.extensions?.code;
    if (first?.message && typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return new GraphQLError(first.message, { extensions: { code: code === 'GRAPHQL_VALIDATION_FAILED' ? 'BAD_USER_INPUT' : code } });
    }
    return fallback;
  }

  /** An unreachable subgraph is named, so clients and logs tell an outage from a bug. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    const unavailable = new ServiceUnavailableError(`The ${this.serviceName} service is unavailable; the fields it serves are missing from this answer`);
    unavailable.extensions.service = this.serviceName;
    throw unavailable;
  }
}

/**
 * Apollo Gateway throws, and so answers 500, when the operation to run cannot be determined;
 * that is the client's mistake, so it is answered as one, with 400.
 */
const operationResolutionPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        throw new GraphQLError(
          request.operationName
            ? `The document has no operation named "${request.operationName}"`
            : 'The document has several operations: name the one to run in operationName',
          { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
        );
      },
    };
  },
};

/** Readiness of the gateway: every subgraph answers its own readiness check. */
async function subgraphsReady(urls: Record<string, string>): Promise<void> {
  await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const readyUrl = new URL('/ready', url);
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (!response?.ok) throw new Error(`subgraph ${name} at ${url} is not ready`);
    }),
  );
}

/** Starts the gateway on the committed supergraph. */
export async function startGateway(config: GatewayConfig, logger: Logger = createLogger('gateway')): Promise<RunningGateway> {
  const signer = new InternalTokenSigner(config.internalTokenSecret);
  const verifier = new UserTokenVerifier(config.jwt);
  const fetcher = createSubgraphFetcher(config.subgraphRequests);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => {
      const configured = config.subgraphUrls[name as keyof GatewayConfig['subgraphUrls']];
      return new IdentityForwardingDataSource(name, configured ?? url!, signer, fetcher.fetch);
    },
  });
  const limits = createQueryLimits(config.limits, config.production);
  let apiSchema: GraphQLSchema | undefined;
  let routing: SubscriptionRouting | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loaded, coreSupergraphSdl }) => {
    apiSchema = loaded;
    routing = subscriptionRouting(coreSupergraphSdl);
    for (const { problem } of routing.unservable.values()) logger.warn({ problem }, 'a subscription field the gateway cannot serve');
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // The process's own shutdown (onShutdown) stops the server; Apollo's signal handlers would
    // race it and re-raise the signal, leaving the process hanging.
    stopOnTerminationSignals: false,
    parseOptions: limits.parseOptions,
    formatError: maskUnexpectedErrors,
    validationRules: limits.validationRules,
    plugins: [operationResolutionPlugin, ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]), errorLoggingPlugin<GatewayContext>(), valueCompletionErrorsPlugin<GatewayContext>(), ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : [])],
  });
  await apollo.start();
  // The staff and admin console and its development sign-in live beside GraphQL, on the same
  // origin, and so do the bytes of documents and the exports.
  const consoleRoutes = createConsoleRoutes({
    consoleDir: config.console.dir,
    devSignIn: config.console.devSignIn && config.jwt.secret ? { jwtSecret: config.jwt.secret, people: peopleFromGraph(apollo, logger) } : undefined,
    logger,
  });
  const documentRoutes = createStreamingRoutes({ paths: DOCUMENT_PATHS, upstreamUrl: config.subgraphUrls.documents, service: 'documents', verifier, signer, logger });
  const exportRoutes = createStreamingRoutes({ paths: EXPORT_PATHS, upstreamUrl: config.subgraphUrls.filings, service: 'filings', verifier, signer, logger });
  const server = createGraphQLHttpServer<GatewayContext>({
    logger,
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    readiness: () => subgraphsReady(config.subgraphUrls),
    extraRoutes: (request, response) => documentRoutes(request, response) || exportRoutes(request, response) || consoleRoutes(request, response),
    createContext: async (request, requestId, requestLogger) => ({
      identity: await verifier.identify(request.headers.authorization),
      publicOrigin: publicOriginOf(request, config.publicUrl),
      requestId,
      logger: requestLogger,
    }),
  });
  const subscriptions = attachSubscriptions({
    server,
    apollo,
    schema: () => apiSchema,
    routing: () => routing,
    verifier,
    signer,
    subgraphWsUrl: (subgraph) => config.subgraphWsUrls[subgraph as keyof GatewayConfig['subgraphWsUrls']] ?? webSocketUrlOf([...(routing?.routes.values() ?? [])].find((route) => route.subgraph === subgraph)?.subgraphUrl ?? ''),
    limits,
    subscriptionLimits: config.subscriptions,
    publicOrigin: config.publicUrl,
    logger,
  });
  const port = await listen(server, config.port, config.host);
  logger.info({ port, host: config.host }, 'gateway ready');
  return {
    port,
    stop: async () => {
      await subscriptions.dispose();
      await closeServer(server);
      await apollo.stop();
      await fetcher.close();
    },
  };
}
