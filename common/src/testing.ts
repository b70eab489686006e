import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { INTERNAL_AUDIENCE, INTERNAL_IDENTITY_HEADER, INTERNAL_ISSUER, type Identity, InternalTokenSigner, JWT_AUDIENCE, JWT_ISSUER } from './identity';
import type { SubgraphConfig } from './subgraph';

export interface GraphQLResponse<TData = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** POSTs one GraphQL operation and returns the status with the parsed body. */
export async function postGraphQL<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

/** Calls a subgraph directly as the gateway would, with a signed identity. */
export function subgraphCaller(url: string, secret: string) {
  const signer = new InternalTokenSigner(secret);
  return async <TData = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>) =>
    postGraphQL<TData>(url, query, variables, { [INTERNAL_IDENTITY_HEADER]: await signer.sign(identity) });
}

/**
 * Secrets of one test run, new for every process: tests pass them to what they start (the
 * stack's JWT_SECRET and INTERNAL_TOKEN_SECRET) and sign with them. No secret is in the source.
 */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url');
export const TEST_INTERNAL_TOKEN_SECRET = randomBytes(32).toString('base64url');

/**
 * A token like a genuine one, signed with the genuine secret, but without an expiry (`exp`):
 * `user` as `npm run token` would sign it for the gateway, `internal` as the gateway would for
 * a subgraph. Both must be refused, since nothing could ever revoke them.
 */
export function tokenWithoutExpiry(kind: 'user' | 'internal', identity: Identity, secret: string): Promise<string> {
  const { subject, ...claims } = identity;
  let token = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(kind === 'user' ? JWT_ISSUER : INTERNAL_ISSUER)
    .setAudience(kind === 'user' ? JWT_AUDIENCE : INTERNAL_AUDIENCE)
    .setIssuedAt();
  if (subject) token = token.setSubject(subject);
  return token.sign(new TextEncoder().encode(secret));
}

/** Subgraph settings for a test: any free port, the run's secret, a small pool. */
export function testSubgraphConfig(databaseUrl: string, overrides: Partial<SubgraphConfig> = {}): SubgraphConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    internalTokenSecret: TEST_INTERNAL_TOKEN_SECRET,
    inlineTracing: false,
    bodyLimitBytes: 100_000,
    poolSize: 4,
    production: false,
    ...overrides,
  };
}

/**
 * Reads `read` until `done` accepts what it returned, and answers that value: the one way
 * tests wait for something they can observe (a row, an event, a state). A read that throws
 * counts as not done yet, so an assertion can serve as `read`. Past `timeoutMs` it fails,
 * naming `what` and the last value or error seen.
 */
export async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean = Boolean,
  { timeoutMs = 30_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: string;
    try {
      const value = await read();
      if (done(value)) return value;
      last = `last value: ${JSON.stringify(value)?.slice(0, 500)}`;
    } catch (error) {
      last = `last error: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${last})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
