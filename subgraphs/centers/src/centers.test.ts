import { type Identity } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import { countStatements } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import { createCentersDataSource, startCentersServer } from './server';

const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const PUBLIC: Identity = { role: 'PUBLIC' };
const SPECIALIST: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'ELECTRONICS', email: 'entry-specialist.electronics@cbp.example' };
const IMPORTER: Identity = { role: 'IMPORTER', importerId: '00000000-0000-5000-8000-000000000000' };

let dataSource: DataSource;
let server: RunningServer;
let call: ReturnType<typeof subgraphCaller>;

beforeAll(async () => {
  const config = testSubgraphConfig(process.env.TEST_DB_URL!);
  dataSource = await createCentersDataSource(config).initialize();
  server = await startCentersServer(config, dataSource);
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
});

describe('directory', () => {
  it('lists the ten Centers with their management cities', async () => {
    const { data } = await call(PUBLIC, '{ centers { id name managementCity status contact { email address { city } } } }');
    expect(data!.centers).toHaveLength(10);
    const cities = Object.fromEntries(data!.centers.map((c: any) => [c.id, c.managementCity]));
    expect(cities).toEqual({
      AGRICULTURE: 'Miami',
      APPAREL: 'San Francisco',
      AUTOMOTIVE: 'Detroit',
      BASE_METALS: 'Chicago',
      CONSUMER: 'Atlanta',
      ELECTRONICS: 'Long Beach',
      INDUSTRIAL: 'Buffalo',
      MACHINERY: 'Laredo',
      PETROLEUM: 'Houston',
      PHARMA: 'New York',
    });
  });

  it('answers an unknown Center with NOT_FOUND naming the known ids', async () => {
    const { errors } = await call(PUBLIC, '{ center(id: "TOYS") { name } }');
    expect(errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(errors![0]!.message).toContain('ELECTRONICS');
  });

  it('shows staff to CBP users only', async () => {
    const asStaff = await call(SPECIALIST, '{ center(id: "ELECTRONICS") { staff { role } } }');
    expect(asStaff.data!.center.staff.map((s: any) => s.role).sort()).toEqual(
      ['ACCOUNT_MANAGER', 'CENTER_DIRECTOR', 'ENTRY_SPECIALIST', 'ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR', 'SUPERVISOR'],
    );
    const asPublic = await call(PUBLIC, '{ staffMembers { email } }');
    expect(asPublic.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const asImporter = await call(IMPORTER, '{ center(id: "PHARMA") { name staff { role } } }');
    expect(asImporter.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it("shows Center staff their own Center's people only; admins everyone", async () => {
    const otherCenter = await call(SPECIALIST, '{ center(id: "PHARMA") { staff { email } } }');
    expect(otherCenter.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(otherCenter.errors![0]!.message).toMatch(/their own Center \(ELECTRONICS\)/);
    const byId = await call(SPECIALIST, '{ staffMembers(centerId: "PHARMA") { email } }');
    expect(byId.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const own = await call(SPECIALIST, '{ staffMembers { email center { id } } }');
    expect(new Set(own.data!.staffMembers.map((s: any) => s.center?.id))).toEqual(new Set(['ELECTRONICS']));
    const everyone = await call(ADMIN, '{ staffMembers { email } }');
    expect(everyone.data!.staffMembers.length).toBeGreaterThan(own.data!.staffMembers.length);
  });

  it('runs the same number of statements for the staff of one Center and of all ten', async () => {
    const one = await countStatements(() => call(ADMIN, '{ center(id: "PHARMA") { staff { name center { name } } coverage { center { id } } } }'));
    const all = await countStatements(() => call(ADMIN, '{ centers { staff { name center { name } } coverage { center { id } } } }'));
    expect(one.result.errors).toBeUndefined();
    expect(all.result.errors).toBeUndefined();
    expect(one.statements).toBeGreaterThan(0);
    expect(all.statements).toBe(one.statements);
  });
});

describe('locateCenter', () => {
  const LOCATE = `query($hts: [String!]!, $values: [Float!], $asOf: LocalDate) {
    locateCenter(htsNumbers: $hts, values: $values, asOf: $asOf) {
      lines { input htsNumber center { id } coverage { basis source firstHeading lastHeading } problem }
      predominantCenter { center { id } measure amount }
    }
  }`;

  it('finds the Center of each line from the confirmed lists before the chapter-level ones', async () => {
    const { data } = await call(PUBLIC, LOCATE, { hts: ['3004.90.9220', '8703.23.0190', '9018.90.8000', '8542310000'] });
    const lines = data!.locateCenter.lines;
    expect(lines.map((l: any) => l.center.id)).toEqual(['PHARMA', 'AUTOMOTIVE', 'PHARMA', 'ELECTRONICS']);
    expect(lines.map((l: any) => l.coverage.basis)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CHAPTER_LEVEL']);
    expect(lines[3].htsNumber).toBe('8542.31.0000');
  });

  it('follows heading 8511 from Machinery to Automotive & Aerospace in 2014', async () => {
    const before = await call(PUBLIC, LOCATE, { hts: ['8511.10.0000'], asOf: '2013-12-31' });
    const after = await call(PUBLIC, LOCATE, { hts: ['8511.10.0000'], asOf: '2015-01-01' });
    expect(before.data!.locateCenter.lines[0].center.id).toBe('MACHINERY');
    expect(after.data!.locateCenter.lines[0].center.id).toBe('AUTOMOTIVE');
    expect(after.data!.locateCenter.lines[0].coverage.source).toContain('79 FR 13322');
  });

  it('reports malformed and uncovered numbers per line', async () => {
    const { data, errors } = await call(PUBLIC, LOCATE, { hts: ['84713', '9903.88.0300', '7701000000', '0101.21.0010'], asOf: '2010-01-01' });
    expect(errors).toBeUndefined();
    const problems = data!.locateCenter.lines.map((l: any) => l.problem);
    expect(problems[0]).toContain('not a 10-digit HTS number');
    expect(problems[1]).toContain('special provision');
    expect(problems[2]).toContain('reserves');
    expect(problems[3]).toContain('No Center covers heading 0101 on 2010-01-01');
    expect(data!.locateCenter.predominantCenter).toBeNull();
  });

  it('picks the predominant Center by value when values are given, else by count', async () => {
    const hts = ['3004909220', '8471300100', '8473301180'];
    const byValue = await call(PUBLIC, LOCATE, { hts, values: [900_000, 100, 200] });
    expect(byValue.data!.locateCenter.predominantCenter).toEqual({ center: { id: 'PHARMA' }, measure: 'VALUE', amount: 900_000 });
    const byCount = await call(PUBLIC, LOCATE, { hts });
    expect(byCount.data!.locateCenter.predominantCenter).toEqual({ center: { id: 'MACHINERY' }, measure: 'COUNT', amount: 2 });
  });

  it('refuses values that do not match the numbers', async () => {
    const { errors } = await call(PUBLIC, LOCATE, { hts: ['3004909220', '8471300100'], values: [1] });
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values' });
  });

  it('takes at most 500 HTS numbers, and a list of values of the wrong length is one problem, not one per value', async () => {
    const atCap = await call(PUBLIC, LOCATE, { hts: Array(500).fill('8471300100') });
    expect(atCap.errors).toBeUndefined();
    expect(atCap.data!.locateCenter.lines).toHaveLength(500);
    const over = await call(PUBLIC, LOCATE, { hts: Array(501).fill('8471300100') });
    expect(over.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'htsNumbers', message: 'give at most 500 HTS numbers at once; got 501' }] });
    const negative = await call(PUBLIC, LOCATE, { hts: ['8471300100'], values: Array(24_000).fill(-1) });
    expect(negative.errors![0]!.extensions!.problems).toEqual([{ field: 'values', message: 'give one value per HTS number: 1 numbers but 24000 values' }]);
    expect(JSON.stringify(negative.errors).length).toBeLessThan(1_000);
  });

  it('reports at most 50 bad values and counts the rest', async () => {
    const { errors } = await call(PUBLIC, LOCATE, { hts: Array(500).fill('8471300100'), values: Array(500).fill(-1) });
    expect(errors![0]!.extensions!.problems).toHaveLength(50);
    expect(errors![0]!.extensions!.moreProblems).toBe(450);
  });

  it('reads the coverage once per request however many locator calls it aliases', async () => {
    const aliased = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: locateCenter(htsNumbers: ["8471300100", "3004909220"]) { lines { center { id } } }`).join(' ')} }`;
    const one = await countStatements(() => call(PUBLIC, '{ locateCenter(htsNumbers: ["8471300100", "3004909220"]) { lines { center { id } } } }'));
    const fifteen = await countStatements(() => call(PUBLIC, aliased));
    expect(fifteen.result.errors).toBeUndefined();
    expect(fifteen.statements).toBe(one.statements);
  });
});

describe('changeCenterCoverage', () => {
  const CHANGE = `mutation($input: ChangeCoverageInput!) {
    changeCenterCoverage(input: $input) { range { center { id } firstHeading lastHeading basis effectiveFrom } closed { center { id } firstHeading lastHeading effectiveTo } }
  }`;

  it('moves headings to another Center from a date and keeps the rest of the closed range', async () => {
    const input = { centerId: 'MACHINERY', firstHeading: '8709', lastHeading: '8709', effectiveFrom: '2030-01-01', source: 'Test notice 99 FR 1' };
    const { data, errors } = await call(ADMIN, CHANGE, { input });
    expect(errors).toBeUndefined();
    expect(data!.changeCenterCoverage.closed).toEqual([{ center: { id: 'AUTOMOTIVE' }, firstHeading: '8701', lastHeading: '8711', effectiveTo: '2030-01-01' }]);
    const LOCATE = `query($asOf: LocalDate) { locateCenter(htsNumbers: ["8708.29.5160", "8709.11.0000", "8710.00.0000"], asOf: $asOf) { lines { center { id } } } }`;
    const before = await call(PUBLIC, LOCATE, { asOf: '2029-12-31' });
    const after = await call(PUBLIC, LOCATE, { asOf: '2030-01-01' });
    expect(before.data!.locateCenter.lines.map((l: any) => l.center.id)).toEqual(['AUTOMOTIVE', 'AUTOMOTIVE', 'AUTOMOTIVE']);
    expect(after.data!.locateCenter.lines.map((l: any) => l.center.id)).toEqual(['AUTOMOTIVE', 'MACHINERY', 'AUTOMOTIVE']);
  });

  it('is for admins only and validates every field, writing nothing', async () => {
    const count = async () => Number((await dataSource.query('SELECT count(*) AS n FROM centers.coverage_range'))[0].n);
    const before = await count();
    const input = { centerId: 'MACHINERY', firstHeading: '8709', lastHeading: '8709', effectiveFrom: '2031-01-01', source: 'x notice' };
    expect((await call(SPECIALIST, CHANGE, { input })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const bad = await call(ADMIN, CHANGE, { input: { ...input, firstHeading: '87x9', lastHeading: '0000', source: '' } });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.problems.map((p: any) => p.field)).toEqual(['firstHeading', 'lastHeading', 'source']);
    const unknown = await call(ADMIN, CHANGE, { input: { ...input, centerId: 'TOYS' } });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
  });
});

describe('identity', () => {
  it('refuses requests without the gateway token', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _entities(representations: [{ __typename: "Center", id: "PHARMA" }]) { ... on Center { name } } }' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('resolves entity references for the gateway', async () => {
    const { data } = await call(PUBLIC, '{ _entities(representations: [{ __typename: "Center", id: "PHARMA" }, { __typename: "Center", id: "NOPE" }]) { ... on Center { name } } }');
    expect(data!._entities).toEqual([{ name: 'Pharmaceuticals, Health & Chemicals' }, null]);
  });
});
