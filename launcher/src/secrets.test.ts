import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, DEVELOPMENT_SECRET_PREFIX } from '@cee-hub/common';
import { developmentSecrets, stackSecrets } from './secrets';

let dataDir: string;
const secretsFile = () => path.join(dataDir, 'secrets.json');
const REAL = { JWT_SECRET: 'j'.repeat(40), INTERNAL_TOKEN_SECRET: 'i'.repeat(40) };

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'cee-hub-secrets-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

it('makes development secrets on first start, for this install only, readable by its owner, and keeps them', () => {
  const first = stackSecrets({}, dataDir);
  expect(first.jwtSecret.startsWith(DEVELOPMENT_SECRET_PREFIX)).toBe(true);
  expect(first.jwtSecret).not.toBe(first.internalTokenSecret);
  expect(statSync(secretsFile()).mode & 0o777).toBe(0o600);
  expect(stackSecrets({ NODE_ENV: 'development' }, dataDir)).toEqual(first);

  const elsewhere = mkdtempSync(path.join(tmpdir(), 'cee-hub-secrets-'));
  try {
    expect(developmentSecrets(elsewhere).jwtSecret).not.toBe(first.jwtSecret);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});

it('replaces a secrets file it cannot use (unreadable JSON, short or unmarked secrets)', () => {
  for (const content of ['{', JSON.stringify({ jwtSecret: 'short', internalTokenSecret: 'short' }), JSON.stringify({ jwtSecret: 'x'.repeat(64), internalTokenSecret: 'y'.repeat(64) })]) {
    writeFileSync(secretsFile(), content);
    const secrets = developmentSecrets(dataDir);
    expect(secrets.internalTokenSecret.startsWith(DEVELOPMENT_SECRET_PREFIX)).toBe(true);
    expect(JSON.parse(readFileSync(secretsFile(), 'utf8'))).toEqual(secrets);
  }
});

it('uses the secrets it is given, generating only the missing one in development', () => {
  expect(stackSecrets(REAL, dataDir)).toEqual({ jwtSecret: REAL.JWT_SECRET, internalTokenSecret: REAL.INTERNAL_TOKEN_SECRET });
  expect(existsSync(secretsFile())).toBe(false);
  const partly = stackSecrets({ JWT_SECRET: REAL.JWT_SECRET }, dataDir);
  expect(partly.jwtSecret).toBe(REAL.JWT_SECRET);
  expect(partly.internalTokenSecret.startsWith(DEVELOPMENT_SECRET_PREFIX)).toBe(true);
});

it('generates nothing in production mode, however NODE_ENV is spelled, and refuses development secrets there', () => {
  for (const NODE_ENV of ['production', 'Production', 'PRODUCTION', 'production ', 'prod', 'staging']) {
    expect(() => stackSecrets({ NODE_ENV }, dataDir)).toThrow(new ConfigError(`JWT_SECRET is required when NODE_ENV=${NODE_ENV} (production mode)`));
    expect(existsSync(secretsFile())).toBe(false);
    expect(stackSecrets({ NODE_ENV, ...REAL }, dataDir).jwtSecret).toBe(REAL.JWT_SECRET);
  }
  const generated = developmentSecrets(dataDir);
  expect(() => stackSecrets({ NODE_ENV: 'production', JWT_SECRET: generated.jwtSecret, INTERNAL_TOKEN_SECRET: REAL.INTERNAL_TOKEN_SECRET }, dataDir)).toThrow(/JWT_SECRET is a development secret/);
  // The secret earlier versions had in the source is a development one too.
  expect(() => stackSecrets({ NODE_ENV: 'production', JWT_SECRET: REAL.JWT_SECRET, INTERNAL_TOKEN_SECRET: 'cee-hub-development-internal-secret-not-for-production' }, dataDir)).toThrow(
    /INTERNAL_TOKEN_SECRET is a development secret/,
  );
});
