import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, type BuildSchemaOptions, createResolversMap } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { errorLoggingPlugin, type LoggingContext, maskUnexpectedErrors, textInputPlugin } from './apollo';
import { ConfigError, envBool, envHost, envInt, envSecret, envString, isProduction } from './env';
import { closeServer, createGraphQLHttpServer, listen, onShutdown } from './http-server';
import { type Identity, INTERNAL_IDENTITY_HEADER, InternalTokenVerifier, PUBLIC_ORIGIN_HEADER } from './identity';
import { createLogger, type Logger } from './logger';

const FEDERATION_LINK = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires"])
`;

/**
 * Builds a federation 2 subgraph schema from type-graphql resolvers: type-graphql prints the
 * SDL with its `@key` directives, `@apollo/subgraph` adds `_entities`/`_service`, and the
 * reference resolvers are merged into the resolver map.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: GraphQLResolverMap<unknown> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)), resolvers });
}

/** The context of every subgraph request: the caller's identity as the gateway verified it. */
export interface SubgraphContext extends LoggingContext {
  identity: Identity;
  /** The gateway's origin as its client reached it, e.g. http://localhost:4000. */
  publicOrigin?: string;
}

/** Settings every subgraph reads from the environment the same way, with its own default port. */
export interface SubgraphConfig {
  port: number;
  host: string;
  databaseUrl: string;
  internalTokenSecret: string;
  inlineTracing: boolean;
  bodyLimitBytes: number;
  poolSize: number;
  production: boolean;
}

export function readSubgraphConfig(env: NodeJS.ProcessEnv, portVariable: string, defaultPort: number): Readonly<SubgraphConfig> {
  const databaseUrl = envString(env, 'DATABASE_URL', '');
  if (!databaseUrl) {
    throw new ConfigError('DATABASE_URL is not set: start the system with `npm start`, or point DATABASE_URL at a PostgreSQL database');
  }
  return Object.freeze({
    port: envInt(env, portVariable, defaultPort, { max: 65535 }),
    host: envHost(env),
    databaseUrl,
    internalTokenSecret: envSecret(env, 'INTERNAL_TOKEN_SECRET'),
    inlineTracing: envBool(env, 'SUBGRAPH_INLINE_TRACING', false),
    bodyLimitBytes: envInt(env, 'BODY_LIMIT_BYTES', 1_000_000, { min: 1024 }),
    poolSize: envInt(env, 'DB_POOL_SIZE', 10, { min: 1, max: 500 }),
    production: isProduction(env),
  });
}

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  service: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  logger?: Logger;
  /** Adds the subgraph's own per-request parts (DataLoaders) to the base context. */
  extendContext: (base: SubgraphContext) => TContext;
  /** More to check for readiness than the database; throws when not ready. */
  readiness?: () => Promise<void>;
  /**
   * Attaches more to the HTTP server before it listens (e.g. a graphql-ws server on the same
   * path); what it returns is disposed of when the server stops.
   */
  attach?: (server: Server, verifier: InternalTokenVerifier, logger: Logger) => { dispose(): Promise<void> };
  /** Routes beside GraphQL (e.g. a document's bytes), given the verifier of the gateway's identity token. */
  extraRoutes?: (verifier: InternalTokenVerifier, logger: Logger) => (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Serves a subgraph over HTTP. Every GraphQL request must carry the gateway's signed identity
 * token; without it the request is refused before execution, so neither `_entities` nor a
 * mutation can be reached around the gateway.
 */
export async function startSubgraphServer<TContext extends SubgraphContext>(
  options: SubgraphServerOptions<TContext>,
  config: Readonly<SubgraphConfig>,
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(options.service);
  const verifier = new InternalTokenVerifier(config.internalTokenSecret);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    formatError: maskUnexpectedErrors,
    // The process's own shutdown (onShutdown) stops the server; Apollo's signal handlers would
    // race it and re-raise the signal, leaving the process hanging.
    stopOnTerminationSignals: false,
    plugins: [
      config.inlineTracing ? ApolloServerPluginInlineTrace() : ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      errorLoggingPlugin<TContext>(),
      textInputPlugin<TContext>(),
    ],
  });
  await apollo.start();
  const server = createGraphQLHttpServer<TContext>({
    logger,
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    extraRoutes: options.extraRoutes?.(verifier, logger),
    readiness: async () => {
      await options.dataSource.query('SELECT 1');
      await options.readiness?.();
    },
    createContext: async (request, requestId, requestLogger) => {
      const header = request.headers[INTERNAL_IDENTITY_HEADER];
      const identity = await verifier.verify(typeof header === 'string' ? header : undefined);
      const origin = request.headers[PUBLIC_ORIGIN_HEADER];
      return options.extendContext({ identity, requestId, logger: requestLogger, ...(typeof origin === 'string' ? { publicOrigin: origin } : {}) });
    },
  });
  const attached = options.attach?.(server, verifier, logger);
  const boundPort = await listen(server, config.port, config.host);
  logger.info({ port: boundPort, host: config.host }, `${options.service} subgraph ready`);
  return {
    port: boundPort,
    stop: async () => {
      await attached?.dispose();
      await closeServer(server);
      await apollo.stop();
    },
  };
}

/** Installs SIGINT/SIGTERM handling that stops the server, then closes the database pool. */
export function stopOnSignals(service: string, server: RunningServer, dataSource: DataSource): void {
  onShutdown(createLogger(service), async () => {
    await server.stop();
    await dataSource.destroy();
  });
}
export { Address, PageInfo } from './shared-types';
export { CbpPersonFields } from './cbp-person.type';
export { type CaseSubjectType, checkStepDocuments, type StepCase } from './case-documents';
export { graphqlEnum } from './graphql-enum';
export { type PageFields, PageOf } from './page.type';
