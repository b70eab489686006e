import { ConfigError, DEVELOPMENT_SECRET_PREFIX, envHost, envSecret, isLoopbackHost, runMode } from './env';

it('runs in development only when asked to, and in production for any other NODE_ENV', () => {
  for (const value of [undefined, '', 'development', 'test']) expect(runMode({ NODE_ENV: value })).toBe('development');
  for (const value of ['production', 'Production', 'PRODUCTION', 'production ', ' production', 'prod', 'staging', 'Development', 'dev']) {
    expect(runMode({ NODE_ENV: value })).toBe('production');
  }
});

it('listens beyond loopback only in production mode', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) expect(envHost({ HOST: host })).toBe(host);
  expect(envHost({})).toBe('127.0.0.1');
  expect(() => envHost({ HOST: '0.0.0.0' })).toThrow(ConfigError);
  expect(() => envHost({ HOST: '10.0.0.5', NODE_ENV: 'test' })).toThrow(/serves loopback only/);
  expect(envHost({ HOST: '0.0.0.0', NODE_ENV: 'production' })).toBe('0.0.0.0');
  for (const peer of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.9']) expect(isLoopbackHost(peer)).toBe(true);
  for (const peer of ['192.168.1.2', '::ffff:10.0.0.1', '0.0.0.0', '::', '1127.0.0.1', '127.0.0.1.example', '']) expect(isLoopbackHost(peer)).toBe(false);
});

it('has no secret to fall back on: a missing one says how to get one', () => {
  expect(() => envSecret({}, 'JWT_SECRET')).toThrow(/JWT_SECRET is not set: start CEE Hub with `npm start`/);
  expect(() => envSecret({ NODE_ENV: 'Production' }, 'JWT_SECRET')).toThrow('JWT_SECRET is required when NODE_ENV=Production (production mode)');
  expect(() => envSecret({ JWT_SECRET: 'short' }, 'JWT_SECRET')).toThrow(/at least 32/);
  expect(envSecret({ JWT_SECRET: 'x'.repeat(32) }, 'JWT_SECRET')).toBe('x'.repeat(32));
});

it('refuses development secrets in production mode, however NODE_ENV is spelled', () => {
  const generated = `${DEVELOPMENT_SECRET_PREFIX}${'a'.repeat(43)}`;
  expect(envSecret({ JWT_SECRET: generated }, 'JWT_SECRET')).toBe(generated);
  expect(envSecret({ JWT_SECRET: generated, NODE_ENV: 'test' }, 'JWT_SECRET')).toBe(generated);
  for (const NODE_ENV of ['production', 'Production', 'production ', 'prod']) {
    expect(() => envSecret({ JWT_SECRET: generated, NODE_ENV }, 'JWT_SECRET')).toThrow(`JWT_SECRET is a development secret (it begins '${DEVELOPMENT_SECRET_PREFIX}')`);
    // The default earlier versions had in the source, which anyone can read, is one too.
    expect(() => envSecret({ JWT_SECRET: 'cee-hub-development-jwt-secret-not-for-production', NODE_ENV }, 'JWT_SECRET')).toThrow(ConfigError);
  }
});
