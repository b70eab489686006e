import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEVELOPMENT_SECRET_PREFIX, envOptional, envSecret, isProduction } from '@cee-hub/common';

/** The two secrets every process of the stack shares: user tokens and the gateway's identity tokens. */
export interface StackSecrets {
  jwtSecret: string;
  internalTokenSecret: string;
}

const FILE = 'secrets.json';

/** Marked as development secrets, so that production mode refuses them (see envSecret). */
const generate = () => `${DEVELOPMENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
const isGenerated = (value: unknown) => typeof value === 'string' && value.startsWith(DEVELOPMENT_SECRET_PREFIX) && value.length >= DEVELOPMENT_SECRET_PREFIX.length + 32;

function isSecrets(value: unknown): value is StackSecrets {
  const secrets = value as Partial<StackSecrets> | null;
  return isGenerated(secrets?.jwtSecret) && isGenerated(secrets?.internalTokenSecret);
}

/**
 * The development secrets of the install whose data folder is `dataDir`: made at random on
 * first start and kept in `<dataDir>/secrets.json` (readable by its owner only), so tokens
 * from `npm run token` stay valid across restarts and no secret is in the source. A file that
 * is unreadable or holds anything else is replaced. Production sets JWT_SECRET and
 * INTERNAL_TOKEN_SECRET instead, and refuses these.
 */
export function developmentSecrets(dataDir: string): StackSecrets {
  const file = path.join(dataDir, FILE);
  try {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isSecrets(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const secrets: StackSecrets = { jwtSecret: generate(), internalTokenSecret: generate() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

/**
 * The secrets every process of the stack runs with: JWT_SECRET and INTERNAL_TOKEN_SECRET as
 * `env` sets them and, in development mode only, the install's generated ones for those it
 * does not set. Production mode takes both from `env` and refuses to go on without them (or
 * with development ones), as each process would.
 */
export function stackSecrets(env: NodeJS.ProcessEnv, dataDir: string): StackSecrets {
  const bothGiven = envOptional(env, 'JWT_SECRET') !== undefined && envOptional(env, 'INTERNAL_TOKEN_SECRET') !== undefined;
  const generated = isProduction(env) || bothGiven ? undefined : developmentSecrets(dataDir);
  const secret = (name: string, fallback: string | undefined) => (envOptional(env, name) === undefined && fallback !== undefined ? fallback : envSecret(env, name));
  return { jwtSecret: secret('JWT_SECRET', generated?.jwtSecret), internalTokenSecret: secret('INTERNAL_TOKEN_SECRET', generated?.internalTokenSecret) };
}
