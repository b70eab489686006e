import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { type DocumentNode, getOperationAST, type GraphQLSchema, Kind, parse, print } from 'graphql';
import { SUPERGRAPH_FILE } from './compose';
import { readGatewayConfig } from './config';
import { operationCost } from './query-cost';
import { createQueryLimits } from './query-limits';

let schema: GraphQLSchema;
/** The gateway's settings when nothing is set but the secrets. */
const defaults = readGatewayConfig({ JWT_SECRET: randomBytes(32).toString('hex'), INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex') });

beforeAll(async () => {
  const gateway = new ApolloGateway({ supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8') });
  schema = (await gateway.load()).schema;
  await gateway.stop();
});

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  return operationCost(schema, document, getOperationAST(document)!, variables);
}

const numbers = (count: number) => Array.from({ length: count }, () => '8471.30.0100');

describe('operationCost', () => {
  it('counts each field once, plus its selection, times the ten Centers of a list of them', () => {
    expect(cost('{ centers { id name } }')).toBe(10 * 3);
    expect(cost('{ a: centers { id } b: centers { id } }')).toBe(2 * 10 * 2);
    expect(cost('{ centers { id contact { email phone } } }')).toBe(10 * 5);
    expect(cost('{ center(id: "PHARMA") { id contact { email phone } } }')).toBe(5);
  });

  it('multiplies a page by its size whether the size is a literal, a variable or the default', () => {
    const literal = cost('{ filings(first: 100) { nodes { id } } }');
    expect(literal).toBe(300);
    expect(cost('query($n: Int) { filings(first: $n) { nodes { id } } }', { n: 100 })).toBe(literal);
    expect(cost('query($n: Int = 100) { filings(first: $n) { nodes { id } } }')).toBe(literal);
    // Center.filings has `first: Int = 20`.
    expect(cost('{ center(id: "PHARMA") { filings { totalCount } } }')).toBe(1 + 20 * 2);
  });

  it('multiplies a field by the length of its list arguments, given inline or as variables', () => {
    const query = 'query($n: [String!]!) { locateCenter(htsNumbers: $n) { lines { input } } }';
    expect(cost(query, { n: numbers(500) })).toBe(500 * 3);
    expect(cost(`{ locateCenter(htsNumbers: ${JSON.stringify(numbers(10))}) { lines { input } } }`)).toBe(10 * 3);
    // Aliases multiply it again: fifteen of them cost fifteen times as much.
    const aliased = `query($n: [String!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: locateCenter(htsNumbers: $n) { lines { input } }`).join(' ')} }`;
    expect(cost(aliased, { n: numbers(500) })).toBe(15 * 500 * 3);
    // A variable of the wrong type still counts as sent; execution refuses it later.
    expect(cost('query($v: [Float!]) { locateCenter(htsNumbers: ["1"], values: $v) { asOf } }', { v: Array(24_000).fill('x') })).toBe(24_000 * 2);
  });

  it('counts fragments where they are spread, once per walk however often they nest', () => {
    expect(cost('{ centers { ...C } } fragment C on Center { id name }')).toBe(cost('{ centers { id name } }'));
    // 2^30 expansions if each spread were walked again; the cost is still exact.
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Center { ...F${i + 1} ...F${i + 1} }`).join(' ');
    // Walked again per spread, this would not finish within the test's timeout.
    expect(cost(`{ centers { ...F0 } } ${levels} fragment F30 on Center { id }`)).toBe(10 * (1 + 2 ** 30));
  });

  it('prices a statistics object and a search count by their weight, however they are reached and with variables', () => {
    const center = 'query($from: LocalDate!, $to: LocalDate!) { center(id: "PHARMA") { statistics(from: $from, to: $to) { totals { filings } } } }';
    expect(cost(center, { from: '2026-01-01', to: '2026-12-31' })).toBe(1 + 1_500 + 2);
    expect(cost('{ statistics(from: "2026-01-01", to: "2026-12-31") { totals { filings } } }')).toBe(1_500 + 2);
    expect(cost('{ searchFilings(first: 1) { totalCount { value } } }')).toBe(1 + 100 + 1);
    // The ten Centers' statistics cost ten times one.
    expect(cost('{ centers { statistics(from: "2026-01-01", to: "2026-12-31") { from } } }')).toBe(10 * (1 + 1_500 + 1));
    // Fourteen aliased statistics pass no default limit, whatever else they ask.
    const aliased = `query($from: LocalDate!, $to: LocalDate!) { ${Array.from({ length: 14 }, (_, i) => `s${i}: statistics(from: $from, to: $to) { from }`).join(' ')} }`;
    expect(cost(aliased, { from: '2026-01-01', to: '2026-12-31' })).toBeGreaterThan(defaults.limits.maxCost);
  });

  it('leaves introspection free', () => {
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(0);
  });
});

/**
 * What each console page sends (console/src/pages): the operations of the console must pass
 * the default limits at their largest. Operations not listed take page sizes of 100 (the most
 * any list gives) and lists at the locator's cap.
 */
const CONSOLE_VARIABLES: Record<string, Record<string, unknown>> = {
  REVIEW_QUEUE: { role: 'ENTRY_SPECIALIST', first: 100 },
  FILINGS: { first: 25 },
  ONBOARDING_BOARD: { closedState: 'APPROVED', first: 50, closedFirst: 20 },
  LOCATE_CENTER: { htsNumbers: numbers(500), values: Array(500).fill(1) },
};

function worstCaseVariables(document: DocumentNode): Record<string, unknown> {
  const operation = getOperationAST(document)!;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    let type = definition.type;
    if (type.kind === Kind.NON_NULL_TYPE) type = type.type;
    if (type.kind === Kind.LIST_TYPE) variables[definition.variable.name.value] = numbers(500);
    else if (type.kind === Kind.NAMED_TYPE && type.name.value === 'Int') variables[definition.variable.name.value] = 100;
  }
  return variables;
}

it('passes every operation the console sends under the default limits, and refuses the locator attack of issue 10', async () => {
  const limits = createQueryLimits(defaults.limits, false);
  // The console's own operation modules, as its pages import them.
  const graphqlDir = path.join(__dirname, '..', '..', 'console', 'src', 'graphql');
  const modules = readdirSync(graphqlDir).filter((file) => file.endsWith('.operations.ts'));
  const operations = Object.assign({}, ...(await Promise.all(modules.map((file) => import(path.join(graphqlDir, file)))))) as Record<string, unknown>;
  const documents = Object.entries(operations).filter((entry): entry is [string, DocumentNode] => (entry[1] as DocumentNode)?.kind === Kind.DOCUMENT);
  expect(documents.length).toBeGreaterThan(20);
  const costs: Record<string, number> = {};
  for (const [name, typed] of documents) {
    const document = parse(print(typed));
    const operation = getOperationAST(document)!;
    const variables = CONSOLE_VARIABLES[name] ?? worstCaseVariables(document);
    costs[name] = operationCost(schema, document, operation, variables);
    expect([name, limits.costRefusal(schema, document, operation, variables)?.message]).toEqual([name, undefined]);
  }
  expect(Math.max(...Object.values(costs))).toBeLessThanOrEqual(defaults.limits.maxCost);

  // 15 aliases of locateCenter with 500 numbers each, with the console's selection or a bare one.
  // The console's selection spreads fragments: the attack carries their definitions.
  const locateDocument = operations.LOCATE_CENTER as DocumentNode;
  const locate = print(getOperationAST(locateDocument)!);
  const fragments = locateDocument.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((definition) => print(definition));
  const selection = locate.slice(locate.indexOf('{', locate.indexOf('locateCenter(')), locate.lastIndexOf('}'));
  for (const [lines, definitions] of [[selection, fragments.join('\n')], ['{ lines { input } }', '']] as const) {
    const attack = parse(`query($n: [String!]!) { ${Array.from({ length: 15 }, (_, i) => `a${i}: locateCenter(htsNumbers: $n) ${lines}`).join(' ')} } ${definitions}`);
    const refusal = limits.costRefusal(schema, attack, getOperationAST(attack)!, { n: numbers(500) });
    expect(refusal?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: defaults.limits.maxCost });
  }
});
