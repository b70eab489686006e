import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The secrets the processes of one install share in development mode. */
export interface DevelopmentSecrets {
  jwtSecret: string;
  internalTokenSecret: string;
}

const FILE = 'secrets.json';

function isSecrets(value: unknown): value is DevelopmentSecrets {
  const secrets = value as Partial<DevelopmentSecrets> | null;
  return typeof secrets?.jwtSecret === 'string' && secrets.jwtSecret.length >= 32 && typeof secrets.internalTokenSecret === 'string' && secrets.internalTokenSecret.length >= 32;
}

/**
 * The development secrets of the install whose data folder is `dataDir`: made at random on
 * first start and kept in `<dataDir>/secrets.json` (readable by its owner only), so tokens
 * from `npm run token` stay valid across restarts and no secret is in the source. Production
 * sets JWT_SECRET and INTERNAL_TOKEN_SECRET instead.
 */
export function developmentSecrets(dataDir: string): DevelopmentSecrets {
  const file = path.join(dataDir, FILE);
  try {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isSecrets(stored)) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const secrets: DevelopmentSecrets = { jwtSecret: randomBytes(32).toString('base64url'), internalTokenSecret: randomBytes(32).toString('base64url') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
