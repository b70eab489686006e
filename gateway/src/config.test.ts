import { ConfigError, DEVELOPMENT_SECRET_PREFIX } from '@cee-hub/common';
import { readGatewayConfig } from './config';

const REAL = { JWT_SECRET: 'j'.repeat(40), INTERNAL_TOKEN_SECRET: 'i'.repeat(40) };
const GENERATED = { JWT_SECRET: `${DEVELOPMENT_SECRET_PREFIX}${'j'.repeat(43)}`, INTERNAL_TOKEN_SECRET: `${DEVELOPMENT_SECRET_PREFIX}${'i'.repeat(43)}` };
const MISSPELT_PRODUCTION = ['production', 'Production', 'PRODUCTION', 'production ', ' production', 'prod', 'staging', 'Development'];

it('has no secret of its own: started alone in development it says what to set', () => {
  expect(() => readGatewayConfig({})).toThrow(new ConfigError('JWT_SECRET is not set: start CEE Hub with `npm start` (it generates development secrets) or set JWT_SECRET'));
  expect(() => readGatewayConfig({ JWT_SECRET: REAL.JWT_SECRET })).toThrow(/INTERNAL_TOKEN_SECRET is not set/);
  expect(readGatewayConfig(GENERATED)).toMatchObject({ production: false, host: '127.0.0.1', console: { devSignIn: true } });
});

it('refuses to listen beyond loopback in development, whatever the secrets', () => {
  for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'gateway.internal']) {
    for (const NODE_ENV of [undefined, '', 'development', 'test']) {
      expect(() => readGatewayConfig({ ...GENERATED, HOST, NODE_ENV })).toThrow(/would listen beyond this machine, and development mode .* serves loopback only/);
      expect(() => readGatewayConfig({ ...REAL, HOST, NODE_ENV })).toThrow(ConfigError);
    }
  }
});

it('serves a network only in production mode with secrets of its own: none missing, none generated for development', () => {
  for (const NODE_ENV of MISSPELT_PRODUCTION) {
    expect(() => readGatewayConfig({ NODE_ENV, HOST: '0.0.0.0' })).toThrow(`JWT_SECRET is required when NODE_ENV=${NODE_ENV} (production mode)`);
    expect(() => readGatewayConfig({ NODE_ENV, HOST: '0.0.0.0', JWT_SECRET: REAL.JWT_SECRET })).toThrow(`INTERNAL_TOKEN_SECRET is required when NODE_ENV=${NODE_ENV} (production mode)`);
    expect(() => readGatewayConfig({ NODE_ENV, HOST: '0.0.0.0', ...GENERATED })).toThrow(/JWT_SECRET is a development secret/);
    expect(() => readGatewayConfig({ NODE_ENV, HOST: '0.0.0.0', ...REAL, INTERNAL_TOKEN_SECRET: GENERATED.INTERNAL_TOKEN_SECRET })).toThrow(/INTERNAL_TOKEN_SECRET is a development secret/);
    expect(readGatewayConfig({ NODE_ENV, HOST: '0.0.0.0', ...REAL })).toMatchObject({ production: true, host: '0.0.0.0', console: { devSignIn: false } });
  }
});

it('holds a JWT_SECRET given beside an identity provider to the same rules', () => {
  const jwks = { NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json', INTERNAL_TOKEN_SECRET: REAL.INTERNAL_TOKEN_SECRET };
  expect(readGatewayConfig(jwks).jwt).toMatchObject({ secret: undefined, jwksUrl: 'https://idp.example/.well-known/jwks.json' });
  expect(() => readGatewayConfig({ ...jwks, JWT_SECRET: 'short' })).toThrow(/at least 32/);
  expect(() => readGatewayConfig({ ...jwks, JWT_SECRET: GENERATED.JWT_SECRET })).toThrow(/development secret/);
});

it("finds every subgraph's graphql-ws endpoint from its URL, unless <NAME>_WS_URL says otherwise", () => {
  const config = readGatewayConfig({ ...REAL, IMPORTERS_URL: 'https://importers.internal/graphql', FILINGS_WS_URL: 'ws://filings-ws.internal:9000/graphql' });
  expect(config.subgraphWsUrls).toEqual({
    centers: 'ws://127.0.0.1:4001/graphql',
    importers: 'wss://importers.internal/graphql',
    filings: 'ws://filings-ws.internal:9000/graphql',
    documents: 'ws://127.0.0.1:4005/graphql',
  });
});
