import path from 'node:path';
import {
  ConfigError,
  DEV_INTERNAL_TOKEN_SECRET,
  DEV_JWT_SECRET,
  envBool,
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
  subgraphUrls: Readonly<Record<'centers' | 'importers' | 'filings', string>>;
  /** The filings subgraph's graphql-ws endpoint, where subscriptions go. */
  filingsWsUrl: string;
  supergraphPath: string;
  /** Verifies user tokens: a shared HS256 secret, or a JWKS URL in production. */
  jwt: { secret?: string; jwksUrl?: string; issuer: string; audience: string };
  internalTokenSecret: string;
  bodyLimitBytes: number;
  /** Keep-alive connections to each subgraph, how long a subgraph may take to answer, and whether identical reads in flight share one request. */
  subgraphRequests: { connectionsPerOrigin: number; timeoutMs: number; deduplicate: boolean };
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number; maxDirectives: number };
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

/** Reads the gateway's settings from the environment once; a bad value stops start-up with a clear message. */
export function readGatewayConfig(env: NodeJS.ProcessEnv): Readonly<GatewayConfig> {
  const production = isProduction(env);
  const jwksUrl = envOptional(env, 'JWT_JWKS_URL');
  const filingsUrl = url(env, 'FILINGS_URL', 'http://127.0.0.1:4003/graphql');
  if (jwksUrl) url(env, 'JWT_JWKS_URL', 'https://idp.example/.well-known/jwks.json');
  const jwtSecret = jwksUrl ? envOptional(env, 'JWT_SECRET') : envSecret(env, 'JWT_SECRET', DEV_JWT_SECRET);
  // Minting tokens for the seeded users is for development only; production signs in through its identity provider.
  const devSignIn = envBool(env, 'DEV_SIGN_IN', !production && !jwksUrl);
  if (devSignIn && production) throw new ConfigError('DEV_SIGN_IN cannot be on when NODE_ENV=production');
  if (devSignIn && jwtSecret === undefined) throw new ConfigError('DEV_SIGN_IN needs JWT_SECRET to sign the tokens it hands out');
  return Object.freeze({
    port: envInt(env, 'GATEWAY_PORT', 4000, { max: 65535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    subgraphUrls: Object.freeze({
      centers: url(env, 'CENTERS_URL', 'http://127.0.0.1:4001/graphql'),
      importers: url(env, 'IMPORTERS_URL', 'http://127.0.0.1:4002/graphql'),
      filings: filingsUrl,
    }),
    filingsWsUrl: url(env, 'FILINGS_WS_URL', filingsUrl.replace(/^http/, 'ws')),
    supergraphPath: envString(env, 'SUPERGRAPH_PATH', path.join(__dirname, '..', 'supergraph.graphql')),
    jwt: {
      secret: jwtSecret,
      jwksUrl,
      issuer: envString(env, 'JWT_ISSUER', JWT_ISSUER),
      audience: envString(env, 'JWT_AUDIENCE', JWT_AUDIENCE),
    },
    internalTokenSecret: envSecret(env, 'INTERNAL_TOKEN_SECRET', DEV_INTERNAL_TOKEN_SECRET),
    bodyLimitBytes: envInt(env, 'BODY_LIMIT_BYTES', 100_000, { min: 1024 }),
    subgraphRequests: {
      connectionsPerOrigin: envInt(env, 'SUBGRAPH_CONNECTIONS', 32, { min: 1 }),
      timeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', 30_000, { min: 100 }),
      deduplicate: envBool(env, 'SUBGRAPH_DEDUPLICATION', true),
    },
    limits: {
      maxDepth: envInt(env, 'MAX_QUERY_DEPTH', 12, { min: 2 }),
      maxAliases: envInt(env, 'MAX_QUERY_ALIASES', 15, { min: 1 }),
      maxCost: envInt(env, 'MAX_QUERY_COST', 5000, { min: 10 }),
      maxTokens: envInt(env, 'MAX_QUERY_TOKENS', 2000, { min: 50 }),
      maxDirectives: envInt(env, 'MAX_QUERY_DIRECTIVES', 20, { min: 1 }),
    },
    console: {
      dir: envString(env, 'CONSOLE_DIR', path.join(__dirname, '..', '..', 'console', 'dist')),
      devSignIn,
    },
    production,
  });
}
