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

export function isProduction(env: Env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * A secret with a development default. Production refuses the default, so a forgotten
 * variable cannot ship a guessable key.
 */
export function envSecret(env: Env, name: string, devDefault: string): string {
  const value = envOptional(env, name);
  if (value !== undefined) {
    if (value.length < 32) throw new ConfigError(`${name} must be at least 32 characters long`);
    return value;
  }
  if (isProduction(env)) throw new ConfigError(`${name} is required when NODE_ENV=production`);
  return devDefault;
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
