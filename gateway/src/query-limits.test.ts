import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { type GraphQLError, type GraphQLSchema } from 'graphql';
import { SUPERGRAPH_FILE } from './compose';
import type { GatewayConfig } from './config';
import { createQueryLimits } from './query-limits';

const LIMITS: GatewayConfig['limits'] = { maxDepth: 12, maxAliases: 15, maxCost: 20_000, maxTokens: 200, maxDirectives: 20 };
let schema: GraphQLSchema;

beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8') });
  schema = (await gateway.load()).schema;
  await gateway.stop();
});

const errorsOf = (result: unknown) => (Array.isArray(result) ? (result as GraphQLError[]) : []);

describe('QueryLimits.check, the WebSocket’s validation', () => {
  it('answers what the HTTP endpoint answers, with the same codes', () => {
    const limits = createQueryLimits(LIMITS, false);
    expect(errorsOf(limits.check(schema, '{ centers { id } }'))).toEqual([]);
    expect(errorsOf(limits.check(schema, '{ centers { id '))[0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(errorsOf(limits.check(schema, `{ ${'__typename '.repeat(250)} }`))[0]!.message).toMatch(/more that 200 tokens/);
    const aliases = errorsOf(limits.check(schema, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: centers { id }`).join(' ')} }`));
    expect(aliases[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(aliases[0]!.message).toContain('Aliases limit of 15');
  });

  it('hides field suggestions in production, as armor does over HTTP', () => {
    const development = errorsOf(createQueryLimits(LIMITS, false).check(schema, '{ centers { nam } }'));
    const production = errorsOf(createQueryLimits(LIMITS, true).check(schema, '{ centers { nam } }'));
    expect(development[0]!.message).toContain('Did you mean "name"?');
    expect(production[0]!.message).not.toContain('name"');
    expect(production[0]!.message).toContain('[Suggestion hidden]');
  });
});
