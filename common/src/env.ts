/** A configuration problem found at start-up; the process prints it and exits. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

export function envString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envOptional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function envInt(env: Env, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got '${raw}'`);
  }
  return value;
}

export function envBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got '${raw}'`);
}

/**
 * The mode a process runs in. Development is asked for explicitly: NODE_ENV unset, empty,
 * `development` or `test`. Any other value — `production`, but also `Production`,
 * `"production "` or a typo — is production, so a misspelling can never switch the safe
 * defaults off.
 */
export function runMode(env: Env): 'development' | 'production' {
  const value = env.NODE_ENV;
  return value === undefined || value === '' || value === 'development' || value === 'test' ? 'development' : 'production';
}

export function isProduction(env: Env): boolean {
  return runMode(env) === 'production';
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

/**
 * Whether `host` (an interface to listen on, or a peer's address) is this machine only:
 * 127.0.0.0/8, written plainly or IPv4-mapped as a dual-stack socket reports it, ::1, localhost.
 */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^(::ffff:)?127(\.\d{1,3}){3}$/i.test(host);
}

/**
 * The interface to listen on (HOST, default 127.0.0.1). Development mode serves this machine
 * only: its sign-in hands out tokens to anyone who asks, so listening beyond loopback takes
 * production mode, with its secrets given explicitly.
 */
export function envHost(env: Env): string {
  const host = envString(env, 'HOST', '127.0.0.1');
  if (!isProduction(env) && !isLoopbackHost(host)) {
    throw new ConfigError(
      `HOST=${host} would listen beyond this machine, and development mode (NODE_ENV=${env.NODE_ENV || 'unset'}) serves loopback only: ` +
        'set NODE_ENV=production with JWT_SECRET (or JWT_JWKS_URL) and INTERNAL_TOKEN_SECRET to serve a network',
    );
  }
  return host;
}

/**
 * How every development secret begins: the ones `npm start` generates, and the ones earlier
 * versions had in the source. Production mode refuses a secret that begins so, so a copied
 * development secret (or a remembered old default) never guards a network.
 */
export const DEVELOPMENT_SECRET_PREFIX = 'cee-hub-development-';

/**
 * A secret of at least 32 characters. There is no default in the source: `npm start` generates
 * development secrets once per install (in its data folder) and hands them to the processes it
 * starts; production sets them, and refuses development ones.
 */
export function envSecret(env: Env, name: string): string {
  const value = envOptional(env, name);
  const production = isProduction(env);
  if (value === undefined) {
    throw new ConfigError(
      production
        ? `${name} is required when NODE_ENV=${env.NODE_ENV} (production mode)`
        : `${name} is not set: start CEE Hub with \`npm start\` (it generates development secrets) or set ${name}`,
    );
  }
  if (value.length < 32) throw new ConfigError(`${name} must be at least 32 characters long`);
  if (production && value.startsWith(DEVELOPMENT_SECRET_PREFIX)) {
    throw new ConfigError(`${name} is a development secret (it begins '${DEVELOPMENT_SECRET_PREFIX}'), and NODE_ENV=${env.NODE_ENV} is production mode: set a secret of your own`);
  }
  return value;
}

/** Runs a process's start function; a ConfigError becomes one clear line and exit code 1. */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
    } else {
      process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}
