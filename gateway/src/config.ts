import path from 'node:path';
import {
  ConfigError,
  envBool,
  envHost,
  envInt,
  envOptional,
  envSecret,
  envString,
  isProduction,
  JWT_AUDIENCE,
  JWT_ISSUER,
} from '@cee-hub/common';

export interface GatewayConfig {
  port: number;
  host: string;
  /** Subgraph endpoints by the names used in the supergraph. */
  subgraphUrls: Readonly<Record<'centers' | 'importers' | 'filings' | 'documents', string>>;
  /**
   * The origin clients reach the gateway at, for the URLs subgraphs hand out (document uploads
   * and downloads); when absent, the origin of each request (http and its Host header).
   */
  publicUrl?: string;
  /**
   * Subgraphs' graphql-ws endpoints by name, where subscriptions go: `<NAME>_WS_URL` (e.g.
   * FILINGS_WS_URL), else the subgraph's URL with `ws:`/`wss:`.
   */
  subgraphWsUrls: Readonly<Record<'centers' | 'importers' | 'filings' | 'documents', string>>;
  supergraphPath: string;
  /** Verifies user tokens: a shared HS256 secret, or a JWKS URL in production. */
  jwt: { secret?: string; jwksUrl?: string; issuer: string; audience: string };
  internalTokenSecret: string;
  bodyLimitBytes: number;
  /** Keep-alive connections to each subgraph, how long a subgraph may take to answer, and whether identical reads in flight share one request. */
  subgraphRequests: { connectionsPerOrigin: number; timeoutMs: number; deduplicate: boolean };
  /** Query limits, over HTTP and for subscriptions alike; the cost is that of query-cost.ts, with the variables. */
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number; maxDirectives: number };
  /** The subscriptions' WebSocket: its largest message, and how many subscriptions one connection and one identity may hold at once. */
  subscriptions: { maxPayloadBytes: number; maxPerSocket: number; maxPerIdentity: number };
  /** The staff and admin console: its build, served at /console/, and whether seeded users may sign in without an identity provider. */
  console: { dir: string; devSignIn: boolean };
  production: boolean;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = envString(env, name, fallback);
  try {
    return new URL(value).toString();
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${fallback}; got '${value}'`);
  }
}

/** A subgraph's graphql-ws endpoint from its HTTP URL: the same address and path, over ws: (wss: for https:). */
export function webSocketUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** Reads the gateway's settings from the environment once; a bad value stops start-up with a clear message. */
export function readGatewayConfig(env: NodeJS.ProcessEnv): Readonly<GatewayConfig> {
  const production = isProduction(env);
  const jwksUrl = envOptional(env, 'JWT_JWKS_URL');
  if (jwksUrl) url(env, 'JWT_JWKS_URL', 'https://idp.example/.well-known/jwks.json');
  // With an identity provider JWT_SECRET is optional, but one that is given is held to the same rules.
  const jwtSecret = jwksUrl && envOptional(env, 'JWT_SECRET') === undefined ? undefined : envSecret(env, 'JWT_SECRET');
  // Minting tokens for the seeded users is for development only; production signs in through its identity provider.
  const devSignIn = envBool(env, 'DEV_SIGN_IN', !production && !jwksUrl);
  if (devSignIn && production) throw new ConfigError(`DEV_SIGN_IN cannot be on in production mode (NODE_ENV=${env.NODE_ENV})`);
  if (devSignIn && jwtSecret === undefined) throw new ConfigError('DEV_SIGN_IN needs JWT_SECRET to sign the tokens it hands out');
  const subgraphUrls = Object.freeze({
    centers: url(env, 'CENTERS_URL', 'http://127.0.0.1:4001/graphql'),
    importers: url(env, 'IMPORTERS_URL', 'http://127.0.0.1:4002/graphql'),
    filings: url(env, 'FILINGS_URL', 'http://127.0.0.1:4003/graphql'),
    documents: url(env, 'DOCUMENTS_URL', 'http://127.0.0.1:4005/graphql'),
  });
  return Object.freeze({
    port: envInt(env, 'GATEWAY_PORT', 4000, { max: 65535 }),
    host: envHost(env),
    subgraphUrls,
    publicUrl: envOptional(env, 'PUBLIC_URL') === undefined ? undefined : new URL(url(env, 'PUBLIC_URL', 'https://cee-hub.example')).origin,
    subgraphWsUrls: Object.freeze(
      Object.fromEntries(Object.entries(subgraphUrls).map(([name, httpUrl]) => [name, url(env, `${name.toUpperCase()}_WS_URL`, webSocketUrlOf(httpUrl))])) as GatewayConfig['subgraphWsUrls'],
    ),
    supergraphPath: envString(env, 'SUPERGRAPH_PATH', path.join(__dirname, '..', 'supergraph.graphql')),
    jwt: {
      secret: jwtSecret,
      jwksUrl,
      issuer: envString(env, 'JWT_ISSUER', JWT_ISSUER),
      audience: envString(env, 'JWT_AUDIENCE', JWT_AUDIENCE),
    },
    internalTokenSecret: envSecret(env, 'INTERNAL_TOKEN_SECRET'),
    bodyLimitBytes: envInt(env, 'BODY_LIMIT_BYTES', 100_000, { min: 1024 }),
    subgraphRequests: {
      connectionsPerOrigin: envInt(env, 'SUBGRAPH_CONNECTIONS', 32, { min: 1 }),
      timeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', 30_000, { min: 100 }),
      deduplicate: envBool(env, 'SUBGRAPH_DEDUPLICATION', true),
    },
    limits: {
      maxDepth: envInt(env, 'MAX_QUERY_DEPTH', 12, { min: 2 }),
      maxAliases: envInt(env, 'MAX_QUERY_ALIASES', 15, { min: 1 }),
      // The console's largest operations cost about 14 000 (locateCenter with 500 numbers) and 9 000 (the onboarding board).
      maxCost: envInt(env, 'MAX_QUERY_COST', 20_000, { min: 10 }),
      maxTokens: envInt(env, 'MAX_QUERY_TOKENS', 2000, { min: 50 }),
      maxDirectives: envInt(env, 'MAX_QUERY_DIRECTIVES', 20, { min: 1 }),
    },
    subscriptions: {
      // A subscribe message is a query and its variables: the HTTP body limit's order of size, not the 100 MiB ws allows.
      maxPayloadBytes: envInt(env, 'WS_MAX_PAYLOAD_BYTES', 256 * 1024, { min: 1024 }),
      maxPerSocket: envInt(env, 'MAX_SUBSCRIPTIONS_PER_SOCKET', 20, { min: 1 }),
      maxPerIdentity: envInt(env, 'MAX_SUBSCRIPTIONS_PER_IDENTITY', 50, { min: 1 }),
    },
    console: {
      dir: envString(env, 'CONSOLE_DIR', path.join(__dirname, '..', '..', 'console', 'dist')),
      devSignIn,
    },
    production,
  });
}
