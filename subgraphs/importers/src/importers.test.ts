import { DEV_INTERNAL_TOKEN_SECRET, type Identity } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { subgraphCaller, testSubgraphConfig } from '@cee-hub/common/testing';
import { countStatements, importerRows } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import { createImportersDataSource, startImportersServer } from './server';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const MIDWEST = importerRows.find((row) => row.name === 'Midwest Steel Supply Co.')!;
const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const PUBLIC: Identity = { role: 'PUBLIC' };
const ELECTRONICS_STAFF: Identity = { role: 'ACCOUNT_MANAGER', centerId: 'ELECTRONICS' };
const PHARMA_STAFF: Identity = { role: 'SUPERVISOR', centerId: 'PHARMA' };
const AS_PACIFIC: Identity = { role: 'IMPORTER', importerId: PACIFIC.id };

let dataSource: DataSource;
let server: RunningServer;
let call: ReturnType<typeof subgraphCaller>;

beforeAll(async () => {
  const config = testSubgraphConfig(process.env.TEST_DB_URL!);
  dataSource = await createImportersDataSource(config).initialize();
  server = await startImportersServer(config, dataSource);
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, DEV_INTERNAL_TOKEN_SECRET);
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
});

const importerCount = async (): Promise<number> => Number((await dataSource.query('SELECT count(*) AS n FROM importers.importer'))[0].n);

describe('registerImporter', () => {
  const REGISTER = `mutation($input: RegisterImporterInput!) {
    registerImporter(input: $input) { id importerNumber importerNumberType name contactEmail address { state country } participation { status center { id } } }
  }`;
  const valid = {
    importerNumber: '27-445566700',
    name: 'Desert Bloom Textiles LLC',
    address: { street: '1 Cactus Way', city: 'Phoenix', state: 'az', postalCode: '85004' },
    contactEmail: 'Trade@Desert-Bloom.example',
    ctpatTier: 'TIER_2',
    isaMember: false,
    aceAccount: true,
  };

  it('registers a new importer, not yet participating', async () => {
    const { data, errors } = await call(PUBLIC, REGISTER, { input: valid });
    expect(errors).toBeUndefined();
    expect(data!.registerImporter).toMatchObject({
      importerNumber: '27-445566700',
      importerNumberType: 'IRS',
      contactEmail: 'trade@desert-bloom.example',
      address: { state: 'AZ', country: 'US' },
      participation: { status: 'NOT_PARTICIPATING', center: null },
    });
  });

  it('accepts SSN and CBP-assigned numbers', async () => {
    const ssn = await call(ADMIN, REGISTER, { input: { ...valid, importerNumber: '212-67-1234', contactEmail: 'ssn@person.example' } });
    expect(ssn.data!.registerImporter.importerNumberType).toBe('SSN');
    const cbp = await call(ADMIN, REGISTER, { input: { ...valid, importerNumber: '150612-00077', contactEmail: 'cbp@assigned.example' } });
    expect(cbp.data!.registerImporter.importerNumberType).toBe('CBP_ASSIGNED');
  });

  it('reports every invalid field together and writes nothing', async () => {
    const before = await importerCount();
    const { errors } = await call(PUBLIC, REGISTER, {
      input: { ...valid, importerNumber: '27-4455667OO', name: ' ', address: { ...valid.address, postalCode: '8500' }, contactEmail: 'nobody' },
    });
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.extensions!.problems.map((p: any) => p.field)).toEqual(['importerNumber', 'name', 'address.postalCode', 'contactEmail']);
    expect(errors![0]!.message).toContain('O, I or Z');
    expect(await importerCount()).toBe(before);
  });

  it('refuses a taken importer number or email with CONFLICT', async () => {
    const number = await call(PUBLIC, REGISTER, { input: { ...valid, importerNumber: PACIFIC.importerNumber, contactEmail: 'fresh@new.example' } });
    expect(number.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(number.errors![0]!.message).toContain(PACIFIC.importerNumber);
    const email = await call(PUBLIC, REGISTER, { input: { ...valid, importerNumber: '27-445566799', contactEmail: PACIFIC.contactEmail } });
    expect(email.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('gives exactly one of several racing registrations the number', async () => {
    const racers = Array.from({ length: 6 }, (_, index) =>
      call(PUBLIC, REGISTER, { input: { ...valid, importerNumber: '27-999888700', contactEmail: `racer${index}@race.example` } }),
    );
    const results = await Promise.all(racers);
    expect(results.filter((r) => r.data?.registerImporter).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(5);
  });

  it('is not open to staff or to a registered importer', async () => {
    const input = { ...valid, importerNumber: '27-445566711', contactEmail: 'other@x.example' };
    expect((await call(ELECTRONICS_STAFF, REGISTER, { input })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(AS_PACIFIC, REGISTER, { input })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('reading importers', () => {
  const IMPORTER = `query($id: ID!) { importer(id: $id) { name participation { status center { id } since } } }`;

  it('shows an importer to itself, its Center staff and admins only', async () => {
    expect((await call(AS_PACIFIC, IMPORTER, { id: PACIFIC.id })).data!.importer).toEqual({
      name: PACIFIC.name,
      participation: { status: 'PARTICIPATING', center: { id: 'ELECTRONICS' }, since: '2013-02-01' },
    });
    expect((await call(ELECTRONICS_STAFF, IMPORTER, { id: PACIFIC.id })).data!.importer.name).toBe(PACIFIC.name);
    expect((await call(ADMIN, IMPORTER, { id: MIDWEST.id })).data!.importer.name).toBe(MIDWEST.name);
    expect((await call(PHARMA_STAFF, IMPORTER, { id: PACIFIC.id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(AS_PACIFIC, IMPORTER, { id: MIDWEST.id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(PUBLIC, IMPORTER, { id: PACIFIC.id })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await call(ADMIN, IMPORTER, { id: 'not-an-id' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('gives an importer its own record through me', async () => {
    expect((await call(AS_PACIFIC, '{ me { id } }')).data!.me).toEqual({ id: PACIFIC.id });
    expect((await call(ADMIN, '{ me { id } }')).data!.me).toBeNull();
  });

  it("narrows staff lists to their Center's participants and refuses other Centers", async () => {
    const LIST = `query($filter: ImporterFilterInput) { importers(filter: $filter, first: 50) { totalCount nodes { name participation { center { id } } } } }`;
    const own = await call(ELECTRONICS_STAFF, LIST);
    expect(own.data!.importers.nodes.map((n: any) => n.participation.center.id)).toEqual(['ELECTRONICS']);
    expect((await call(ELECTRONICS_STAFF, LIST, { filter: { centerId: 'PHARMA' } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(AS_PACIFIC, LIST)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const all = await call(ADMIN, LIST, { filter: { participationStatus: 'PARTICIPATING' } });
    expect(all.data!.importers.totalCount).toBe(6);
  });

  it('pages through all importers once, in name order', async () => {
    const PAGE = `query($after: String) { importers(first: 5, after: $after) { totalCount nodes { id name } pageInfo { endCursor hasNextPage } } }`;
    const ids: string[] = [];
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { data }: any = await call(ADMIN, PAGE, { after });
      ids.push(...data.importers.nodes.map((n: any) => n.id));
      names.push(...data.importers.nodes.map((n: any) => n.name));
      total = data.importers.totalCount;
      if (!data.importers.pageInfo.hasNextPage) break;
      after = data.importers.pageInfo.endCursor;
    }
    expect(total).toBe(await importerCount());
    expect(new Set(ids).size).toBe(total);
    expect(ids).toHaveLength(total);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
    expect((await call(ADMIN, PAGE, { after: 'garbage' })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("lists a Center's participants with a flat number of statements", async () => {
    const entities = (ids: string[]) =>
      `{ _entities(representations: [${ids.map((id) => `{ __typename: "Center", id: "${id}" }`).join(', ')}]) { ... on Center { participatingImporters(first: 5) { totalCount nodes { name } } } } }`;
    const one = await countStatements(() => call(ADMIN, entities(['ELECTRONICS'])));
    const ten = await countStatements(() =>
      call(ADMIN, entities(['AGRICULTURE', 'APPAREL', 'AUTOMOTIVE', 'BASE_METALS', 'CONSUMER', 'ELECTRONICS', 'INDUSTRIAL', 'MACHINERY', 'PETROLEUM', 'PHARMA'])),
    );
    expect(one.result.data!._entities[0].participatingImporters.nodes).toEqual([{ name: PACIFIC.name }]);
    expect(ten.result.data!._entities.map((c: any) => c.participatingImporters.totalCount).reduce((a: number, b: number) => a + b)).toBe(6);
    expect(one.statements).toBeGreaterThan(0);
    expect(ten.statements).toBe(one.statements);
    const forbidden = await call(PHARMA_STAFF, entities(['ELECTRONICS']));
    expect(forbidden.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('federalRegisterNotices', () => {
  it('lists the test notices and the open one with eligibility as data', async () => {
    const QUERY = `query($open: Boolean) { federalRegisterNotices(open: $open) { citation isOpen publishedOn centers { id } eligibility { qualifyingCtpatTiers isaQualifies aceAccountRequired } } }`;
    const all = (await call(PUBLIC, QUERY)).data!.federalRegisterNotices;
    const byCitation = Object.fromEntries(all.map((n: any) => [n.citation, n]));
    expect(byCitation['77 FR 52048']).toMatchObject({ publishedOn: '2012-08-28', isOpen: false });
    expect(byCitation['78 FR 20345']).toMatchObject({ publishedOn: '2013-04-04', isOpen: false });
    expect(byCitation['78 FR 20345'].centers).toHaveLength(10);
    expect(byCitation['77 FR 52048'].eligibility).toEqual({ qualifyingCtpatTiers: ['TIER_2', 'TIER_3'], isaQualifies: true, aceAccountRequired: true });
    const open = (await call(PUBLIC, QUERY, { open: true })).data!.federalRegisterNotices;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((n: any) => n.isOpen)).toBe(true);
  });
});
