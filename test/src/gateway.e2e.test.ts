import { INTERNAL_IDENTITY_HEADER, InternalTokenSigner, issueUserToken } from '@cee-hub/common';
import { postGraphQL, TEST_INTERNAL_TOKEN_SECRET, TEST_JWT_SECRET } from '@cee-hub/common/testing';
import { importerRows, seededIdentity } from '@cee-hub/db';
import { entrySummaryInput, startSystem, type System } from '@cee-hub/launcher/testing';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ELECTRONICS_SPECIALIST, PHARMA_SUPERVISOR_EMAIL as PHARMA_SUPERVISOR } from '@cee-hub/db/seeded-users';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const MIDWEST = importerRows.find((row) => row.name === 'Midwest Steel Supply Co.')!;

let system: System;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const codeOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) => response.errors?.[0]?.extensions?.code;

describe('the public directory', () => {
  it('returns the ten Centers through the gateway', async () => {
    const { status, data } = await system.query('{ centers { id name managementCity } }');
    expect(status).toBe(200);
    expect(data!.centers).toHaveLength(10);
    expect(data!.centers).toContainEqual({ id: 'AUTOMOTIVE', name: 'Automotive & Aerospace', managementCity: 'Detroit' });
  });

  it('locates the Center for HTS numbers and names the predominant one', async () => {
    const { data } = await system.query(
      `{ locateCenter(htsNumbers: ["3004.90.9220", "8703.23.0190", "12"], values: [100, 5000, 1]) {
          lines { center { name } coverage { basis source } problem }
          predominantCenter { center { id name } measure } } }`,
    );
    expect(data!.locateCenter.lines[0].center.name).toBe('Pharmaceuticals, Health & Chemicals');
    expect(data!.locateCenter.lines[2].problem).toContain('not a 10-digit HTS number');
    expect(data!.locateCenter.predominantCenter).toEqual({ center: { id: 'AUTOMOTIVE', name: 'Automotive & Aerospace' }, measure: 'VALUE' });
  });

  it('lists the open Federal Register notices with the Centers they cover', async () => {
    const { data } = await system.query('{ federalRegisterNotices(open: true) { citation centers { name } } }');
    expect(data!.federalRegisterNotices.length).toBeGreaterThan(0);
    expect(data!.federalRegisterNotices[0].centers).toHaveLength(10);
  });
});

describe('filing an entry summary', () => {
  const FILE = `mutation($input: FileEntrySummaryInput!) {
    fileEntrySummary(input: $input) {
      id entryNumber status totalEnteredValue totalDuty portOfEntry
      importer { name }
      processingCenter { name }
      lines { lineNumber htsNumber duty }
    }
  }`;

  it('stores a valid summary and routes it to the importer’s Center, resolving names across subgraphs', async () => {
    const input = entrySummaryInput(PACIFIC.id);
    const { data, errors } = await system.query(FILE, { input }, PACIFIC.contactEmail);
    expect(errors).toBeUndefined();
    expect(data!.fileEntrySummary).toMatchObject({
      entryNumber: input.entryNumber,
      status: 'FILED',
      totalEnteredValue: 13_500.5,
      totalDuty: 25,
      portOfEntry: '2704',
      importer: { name: PACIFIC.name },
      processingCenter: { name: 'Electronics' },
    });
    const found = await system.query(`query($n: String!) { filingByEntryNumber(entryNumber: $n) { id } }`, { n: input.entryNumber }, ADMIN);
    expect(found.data!.filingByEntryNumber.id).toBe(data!.fileEntrySummary.id);
  });

  it('leaves a non-participant’s summary with its port of entry', async () => {
    const input = entrySummaryInput(MIDWEST.id, { portOfEntry: '3901' });
    const { data, errors } = await system.query(FILE, { input }, MIDWEST.contactEmail);
    expect(errors).toBeUndefined();
    expect(data!.fileEntrySummary.processingCenter).toBeNull();
    expect(data!.fileEntrySummary.portOfEntry).toBe('3901');
  });

  it('refuses an invalid summary with every problem and writes nothing', async () => {
    const count = async () => (await system.query('{ filings(first: 1) { totalCount } }', undefined, ADMIN)).data!.filings.totalCount;
    const before = await count();
    const input = entrySummaryInput(PACIFIC.id, {
      entryNumber: 'ABC-1234567-5',
      entryType: '99',
      portOfEntry: '27',
      lines: [{ htsNumber: '9903.88.0300', countryOfOrigin: 'Korea', enteredValue: -1, dutyRate: 0 }],
    });
    const response = await system.query(FILE, { input }, PACIFIC.contactEmail);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toContain('should be 6');
    const fields = response.errors![0]!.extensions!.problems.map((p: any) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['entryNumber', 'entryType', 'portOfEntry', 'lines[0].htsNumber', 'lines[0].countryOfOrigin', 'lines[0].enteredValue']));
    expect(response.errors![0]!.extensions!.stacktrace).toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('refuses a duplicate entry number with CONFLICT', async () => {
    const input = entrySummaryInput(PACIFIC.id);
    expect((await system.query(FILE, { input }, PACIFIC.contactEmail)).errors).toBeUndefined();
    expect(codeOf(await system.query(FILE, { input }, PACIFIC.contactEmail))).toBe('CONFLICT');
  });
});

describe('one query across all three subgraphs', () => {
  it('goes from a Center to its importers to their filings', async () => {
    const { data, errors } = await system.query(
      `{ center(id: "ELECTRONICS") {
          name
          participatingImporters(first: 10) { nodes { name importerNumber filings(first: 5) { totalCount nodes { entryNumber processingCenter { managementCity } } } } }
        } }`,
      undefined,
      ELECTRONICS_SPECIALIST,
    );
    expect(errors).toBeUndefined();
    const [pacific] = data!.center.participatingImporters.nodes;
    expect(pacific.name).toBe(PACIFIC.name);
    expect(pacific.filings.totalCount).toBeGreaterThanOrEqual(2);
    expect(pacific.filings.nodes[0].processingCenter.managementCity).toBe('Long Beach');
  });
});

describe('authorization by role', () => {
  const FILINGS = '{ filings(first: 100) { nodes { importer { id } processingCenter { id } } } }';

  it('gives the public the directory but no importers, staff or filings', async () => {
    expect(codeOf(await system.query('{ importers { totalCount } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await system.query('{ staffMembers { email } }'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await system.query(FILINGS))).toBe('UNAUTHENTICATED');
  });

  it('shows an importer only itself and its own filings', async () => {
    const me = await system.query('{ me { id name } }', undefined, PACIFIC.contactEmail);
    expect(me.data!.me).toEqual({ id: PACIFIC.id, name: PACIFIC.name });
    const other = await system.query(`query($id: ID!) { importer(id: $id) { name } }`, { id: MIDWEST.id }, PACIFIC.contactEmail);
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.data?.importer ?? null).toBeNull();
    const own = await system.query(FILINGS, undefined, PACIFIC.contactEmail);
    expect(own.data!.filings.nodes.length).toBeGreaterThan(0);
    expect(own.data!.filings.nodes.every((n: any) => n.importer.id === PACIFIC.id)).toBe(true);
    const theirs = await system.query(`query($f: FilingFilter) { filings(filter: $f) { totalCount } }`, { f: { importerId: MIDWEST.id } }, PACIFIC.contactEmail);
    expect(codeOf(theirs)).toBe('FORBIDDEN');
  });

  it("shows staff their own Center's importers and filings only", async () => {
    const filings = await system.query(FILINGS, undefined, ELECTRONICS_SPECIALIST);
    expect(filings.data!.filings.nodes.length).toBeGreaterThan(0);
    expect(filings.data!.filings.nodes.every((n: any) => n.processingCenter.id === 'ELECTRONICS')).toBe(true);
    const importers = await system.query('{ importers(first: 50) { nodes { participation { center { id } } } } }', undefined, ELECTRONICS_SPECIALIST);
    expect(importers.data!.importers.nodes.map((n: any) => n.participation.center.id)).toEqual(['ELECTRONICS']);
    const otherCenter = await system.query('{ center(id: "ELECTRONICS") { participatingImporters { totalCount } } }', undefined, PHARMA_SUPERVISOR);
    expect(codeOf(otherCenter)).toBe('FORBIDDEN');
    const staff = await system.query('{ center(id: "PHARMA") { staff { role } } }', undefined, PHARMA_SUPERVISOR);
    // One of each role, two entry specialists and two supervisors.
    expect(staff.data!.center.staff).toHaveLength(7);
    const otherStaff = await system.query('{ center(id: "ELECTRONICS") { staff { email } } }', undefined, PHARMA_SUPERVISOR);
    expect(codeOf(otherStaff)).toBe('FORBIDDEN');
  });

  it('shows admins everything', async () => {
    const filings = await system.query(FILINGS, undefined, ADMIN);
    const centers = new Set(filings.data!.filings.nodes.map((n: any) => n.processingCenter?.id ?? 'PORT'));
    expect(centers.size).toBeGreaterThan(3);
    const importers = await system.query('{ importers(first: 100) { totalCount } }', undefined, ADMIN);
    expect(importers.data!.importers.totalCount).toBeGreaterThanOrEqual(12);
  });
});

describe('identity and hostile requests', () => {
  it('refuses a subgraph call that does not come through the gateway', async () => {
    const entities = '{ _entities(representations: [{ __typename: "Importer", id: "x" }]) { ... on Importer { name } } }';
    const direct = await postGraphQL(`${system.stack.urls.importers}/graphql`, entities);
    expect(direct.status).toBe(401);
    expect(codeOf(direct)).toBe('UNAUTHENTICATED');
    const forged = await new InternalTokenSigner('a-forged-secret-that-is-long-enough-to-use').sign({ role: 'ADMIN' });
    const mutation = await postGraphQL(`${system.stack.urls.filings}/graphql`, '{ filings { totalCount } }', undefined, { [INTERNAL_IDENTITY_HEADER]: forged });
    expect(mutation.status).toBe(401);
    const genuine = await new InternalTokenSigner(TEST_INTERNAL_TOKEN_SECRET).sign({ role: 'PUBLIC' });
    expect((await postGraphQL(`${system.stack.urls.centers}/graphql`, '{ centers { id } }', undefined, { [INTERNAL_IDENTITY_HEADER]: genuine })).status).toBe(200);
  });

  it('refuses forged and expired user tokens with 401', async () => {
    const forged = await issueUserToken(seededIdentity(ADMIN), 'not-the-gateway-secret-but-long-enough-to-sign');
    const expired = await issueUserToken(seededIdentity(ADMIN), TEST_JWT_SECRET, '-1m');
    for (const token of [forged, expired, 'not-a-jwt']) {
      const response = await postGraphQL(system.gatewayUrl, '{ centers { id } }', undefined, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(codeOf(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('answers malformed requests with 4xx and a clear error, never a 500', async () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
    const badJson = await post('{"query": ');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const oversized = await post(JSON.stringify({ query: `{ centers { id } } # ${'x'.repeat(200_000)}` }));
    expect(oversized.status).toBe(413);
    const unknownField = await system.query('{ centers { id salary } }');
    expect(unknownField.status).toBe(400);
    expect(codeOf(unknownField)).toBe('GRAPHQL_VALIDATION_FAILED');
    const wrongType = await system.query('query($n: [String!]!) { locateCenter(htsNumbers: $n) { asOf } }', { n: 42 });
    expect(wrongType.status).toBe(400);
    expect(codeOf(wrongType)).toBe('BAD_USER_INPUT');
    const parseError = await system.query('{ centers { id ');
    expect(parseError.status).toBe(400);
    expect(codeOf(parseError)).toBe('GRAPHQL_PARSE_FAILED');
    const tooManyTokens = await system.query(`{ ${Array.from({ length: 2500 }, () => '__typename').join(' ')} }`);
    expect(tooManyTokens.status).toBe(400);
    expect(tooManyTokens.errors![0]!.message).toMatch(/tokens/);
  });

  it('applies depth and alias limits', async () => {
    const nested = Array.from({ length: 8 }).reduce<string>((inner) => `coverage { center { ${inner} } }`, 'id');
    const deep = await system.query(`{ center(id: "PHARMA") { ${nested} } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors![0]!.message).toMatch(/depth/i);
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: centers { id }`).join(' ');
    const wide = await system.query(`{ ${aliases} }`);
    expect(wide.status).toBe(400);
    expect(wide.errors![0]!.message).toMatch(/alias/i);
  });

  it('reports health and readiness of every process', async () => {
    for (const url of Object.values(system.stack.urls)) {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
    }
  });
});
