import { type Identity } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import { countStatements, importerRows } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import { readTemporalConfig } from '@cee-hub/common/temporal';
import { Client, Connection } from '@temporalio/client';
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
  server = await startImportersServer(config, dataSource, TEMPORAL);
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
});

// No worker polls this task queue: graph tests see what needs no workflow code to run.
const TEMPORAL = { ...readTemporalConfig(process.env), address: process.env.TEST_TEMPORAL_ADDRESS!, taskQueue: 'importers-graph-test-no-worker' };

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

describe('volunteer onboarding', () => {
  const NOTICE = 'CEE-HUB-DEMO-2026';
  const BASE_METALS_AM: Identity = { role: 'ACCOUNT_MANAGER', centerId: 'BASE_METALS', email: 'account-manager.base-metals@cbp.example' };
  const BASE_METALS_ENTRY: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'BASE_METALS' };
  const REGISTER = `mutation($input: RegisterImporterInput!) { registerImporter(input: $input) { id } }`;
  const VOLUNTEER = `mutation($noticeId: ID!, $centerId: ID!) {
    volunteerForCenter(noticeId: $noticeId, centerId: $centerId) {
      id state step chosenCenter { id } center { id } reasons availableActions notice { id } importer { id } events { type actor actorRole }
    }
  }`;
  const ONBOARDING = `query($importerId: ID!) { onboarding(importerId: $importerId) { id state center { id } availableActions accountManager { email } events { type } } }`;
  let temporalClient: Client;
  let registered = 0;
  const started: string[] = [];

  beforeAll(async () => {
    temporalClient = new Client({ connection: await Connection.connect({ address: TEMPORAL.address }), namespace: TEMPORAL.namespace });
  });

  afterAll(async () => {
    for (const importerId of started) await temporalClient.workflow.getHandle(`onboarding-${importerId}`).terminate('graph test over').catch(() => undefined);
    await temporalClient?.connection.close();
  });

  async function register(): Promise<{ id: string; identity: Identity }> {
    registered += 1;
    const n = String(registered).padStart(2, '0');
    const { data, errors } = await call(PUBLIC, REGISTER, {
      input: {
        importerNumber: `27-5566770${n}`.slice(0, 12),
        name: `Volunteer Test ${n} LLC`,
        address: { street: '1 Test Way', city: 'Chicago', state: 'IL', postalCode: '60601' },
        contactEmail: `volunteer${n}@onboarding.example`,
        ctpatTier: 'TIER_2',
        aceAccount: true,
      },
    });
    expect(errors).toBeUndefined();
    const id = data!.registerImporter.id as string;
    return { id, identity: { role: 'IMPORTER', importerId: id, email: `volunteer${n}@onboarding.example` } };
  }

  /** An application under review by BASE_METALS, written as the workflow would record it. */
  async function underReview(importerId: string): Promise<string> {
    const [row] = await dataSource.query(
      `INSERT INTO importers.onboarding (id, importer_id, notice_id, chosen_center_id, proposed_center_id, center_id, state, step, workflow_id, version, account_manager_id)
       VALUES (gen_random_uuid(), $1, $2, 'BASE_METALS', 'BASE_METALS', 'BASE_METALS', 'AWAITING_REVIEW', 'CENTER_REVIEW', $3, 2,
               (SELECT id FROM centers.staff_member WHERE email = 'account-manager.base-metals@cbp.example')) RETURNING id`,
      [importerId, NOTICE, `onboarding-${importerId}`],
    );
    await dataSource.query(`INSERT INTO importers.onboarding_event (onboarding_id, seq, type, actor, actor_role, at) VALUES ($1, 1, 'APPLIED', 'x', 'IMPORTER', now())`, [row.id]);
    return row.id;
  }

  it('starts the onboarding workflow for the importer, and refuses a second one with CONFLICT', async () => {
    const importer = await register();
    const { data, errors } = await call(importer.identity, VOLUNTEER, { noticeId: NOTICE, centerId: 'MACHINERY' });
    expect(errors).toBeUndefined();
    started.push(importer.id);
    expect(data!.volunteerForCenter).toMatchObject({
      state: 'APPLIED',
      step: 'ELIGIBILITY_CHECK',
      chosenCenter: { id: 'MACHINERY' },
      center: null,
      reasons: [],
      availableActions: ['WITHDRAW'],
      notice: { id: NOTICE },
      importer: { id: importer.id },
      events: [{ type: 'APPLIED', actor: importer.identity.email, actorRole: 'IMPORTER' }],
    });
    const description = await temporalClient.workflow.getHandle(`onboarding-${importer.id}`).describe();
    expect(description).toMatchObject({ type: 'onboardingWorkflow', taskQueue: TEMPORAL.taskQueue });
    expect(description.status.name).toBe('RUNNING');

    const again = await call(importer.identity, VOLUNTEER, { noticeId: NOTICE, centerId: 'MACHINERY' });
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('already in onboarding');
    const count = await dataSource.query(`SELECT count(*)::int AS n FROM importers.onboarding WHERE importer_id = $1`, [importer.id]);
    expect(count[0].n).toBe(1);

    const mine = await call(importer.identity, `{ me { onboarding { state chosenCenter { id } } } }`);
    expect(mine.data!.me.onboarding).toEqual({ state: 'APPLIED', chosenCenter: { id: 'MACHINERY' } });
  });

  it('lets only a signed-in importer volunteer, under a known notice', async () => {
    const importer = await register();
    const code = async (identity: Identity, noticeId = NOTICE, centerId = 'MACHINERY') =>
      (await call(identity, VOLUNTEER, { noticeId, centerId })).errors?.[0]?.extensions?.code;
    expect(await code(PUBLIC)).toBe('UNAUTHENTICATED');
    expect(await code(ADMIN)).toBe('FORBIDDEN');
    expect(await code(BASE_METALS_AM)).toBe('FORBIDDEN');
    expect(await code(importer.identity, 'NO-SUCH-NOTICE')).toBe('NOT_FOUND');
    expect(await code(importer.identity, NOTICE, 'not a center!')).toBe('BAD_USER_INPUT');
    expect(Number((await dataSource.query(`SELECT count(*) AS n FROM importers.onboarding WHERE importer_id = $1`, [importer.id]))[0].n)).toBe(0);
  });

  it('refuses at once what can be known at once: a closed notice, a Center it does not open, an importer participating already', async () => {
    const importer = await register();
    const closed = await call(importer.identity, VOLUNTEER, { noticeId: '77-FR-52048', centerId: 'MACHINERY' });
    expect(closed.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'noticeId', message: expect.stringMatching(/^Notice 77 FR 52048 closed for volunteering on \d{4}-\d{2}-\d{2}$/) },
        { field: 'centerId', message: expect.stringMatching(/does not open the MACHINERY Center; it opens /) },
      ],
    });
    const unknown = await call(importer.identity, VOLUNTEER, { noticeId: NOTICE, centerId: 'NOPE' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'centerId' });
    const [participant] = await dataSource.query(`SELECT id FROM importers.importer WHERE participation_status = 'PARTICIPATING' LIMIT 1`);
    const participating = await call({ role: 'IMPORTER', importerId: participant.id }, VOLUNTEER, { noticeId: NOTICE, centerId: 'MACHINERY' });
    expect(participating.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(participating.errors![0]!.message).toMatch(/participates in the \w+ Center already/);
    const rows = await dataSource.query(`SELECT count(*)::int AS n FROM importers.onboarding WHERE importer_id = ANY($1::uuid[])`, [[importer.id, participant.id]]);
    expect(rows[0].n).toBe(0);
  });

  it("shows an application to the importer, the reviewing Center's staff and admins, with the actions open to each", async () => {
    const importer = await register();
    await underReview(importer.id);
    const view = (identity: Identity) => call(identity, ONBOARDING, { importerId: importer.id });
    expect((await view(importer.identity)).data!.onboarding).toMatchObject({ state: 'AWAITING_REVIEW', center: { id: 'BASE_METALS' }, availableActions: ['WITHDRAW'] });
    expect((await view(BASE_METALS_AM)).data!.onboarding).toMatchObject({
      availableActions: ['APPROVE', 'REJECT', 'ASK_FOR_INFORMATION'],
      accountManager: { email: 'account-manager.base-metals@cbp.example' },
      events: [{ type: 'APPLIED' }],
    });
    expect((await view(BASE_METALS_ENTRY)).data!.onboarding.availableActions).toEqual([]);
    expect((await view(ADMIN)).data!.onboarding.availableActions).toEqual(['APPROVE', 'REJECT', 'ASK_FOR_INFORMATION', 'REASSIGN']);
    expect((await view(ELECTRONICS_STAFF)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await view(AS_PACIFIC)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await view(PUBLIC)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await call(ADMIN, ONBOARDING, { importerId: MIDWEST.id })).data!.onboarding).toBeNull();
  });

  it('refuses decisions by the wrong people or in the wrong state before reaching the workflow', async () => {
    const importer = await register();
    const id = await underReview(importer.id);
    const DECIDE = `mutation($importerId: ID!, $input: OnboardingDecisionInput!) { decideOnboarding(importerId: $importerId, input: $input) { state } }`;
    const approve = { importerId: importer.id, input: { decision: 'APPROVE' } };
    expect((await call(ELECTRONICS_STAFF, DECIDE, approve)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(BASE_METALS_ENTRY, DECIDE, approve)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(importer.identity, DECIDE, approve)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(ADMIN, DECIDE, { importerId: MIDWEST.id, input: { decision: 'REJECT' } })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const REASSIGN = `mutation($importerId: ID!) { reassignOnboarding(importerId: $importerId, centerId: "PHARMA") { state } }`;
    expect((await call(BASE_METALS_AM, REASSIGN, { importerId: importer.id })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const ANSWER = `mutation { answerOnboardingQuestion(answer: "Here") { state } }`;
    const answered = await call(importer.identity, ANSWER);
    expect(answered.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(answered.errors![0]!.message).toContain('waiting for the Center to decide');
    expect((await call(BASE_METALS_AM, ANSWER)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const [row] = await dataSource.query(`SELECT state, version FROM importers.onboarding WHERE id = $1`, [id]);
    expect(row).toEqual({ state: 'AWAITING_REVIEW', version: 2 });
  });

  it('lists applications for admins (filtered) and for staff of the reviewing Center only', async () => {
    const importer = await register();
    const id = await underReview(importer.id);
    const LIST = `query($filter: OnboardingFilterInput, $first: Int) { onboardings(filter: $filter, first: $first) { totalCount nodes { id state center { id } importer { id } } pageInfo { hasNextPage endCursor } } }`;
    const admin = await call(ADMIN, LIST, { filter: { state: 'AWAITING_REVIEW', centerId: 'BASE_METALS' } });
    expect(admin.data!.onboardings.nodes.map((n: any) => n.id)).toContain(id);
    expect(admin.data!.onboardings.nodes.every((n: any) => n.state === 'AWAITING_REVIEW' && n.center.id === 'BASE_METALS')).toBe(true);
    const staff = await call(BASE_METALS_AM, LIST);
    expect(staff.data!.onboardings.nodes.map((n: any) => n.id)).toContain(id);
    expect(staff.data!.onboardings.nodes.every((n: any) => n.center.id === 'BASE_METALS')).toBe(true);
    expect((await call(ELECTRONICS_STAFF, LIST)).data!.onboardings.nodes.map((n: any) => n.id)).not.toContain(id);
    expect((await call(BASE_METALS_AM, LIST, { filter: { centerId: 'PHARMA' } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(importer.identity, LIST)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const first = await call(ADMIN, LIST, { first: 1 });
    expect(first.data!.onboardings.nodes).toHaveLength(1);
    expect(first.data!.onboardings.pageInfo.hasNextPage).toBe(true);
  });

  it('lets a participating importer withdraw from its Center', async () => {
    const importer = await register();
    await dataSource.query(
      `UPDATE importers.importer SET participation_status = 'PARTICIPATING', participation_center_id = 'BASE_METALS', participating_since = '2026-01-05',
          account_manager_id = (SELECT id FROM centers.staff_member WHERE email = 'account-manager.base-metals@cbp.example') WHERE id = $1`,
      [importer.id],
    );
    const ME = `{ me { participation { status center { id } accountManager { email } } } }`;
    expect((await call(importer.identity, ME)).data!.me.participation).toEqual({
      status: 'PARTICIPATING',
      center: { id: 'BASE_METALS' },
      accountManager: { email: 'account-manager.base-metals@cbp.example' },
    });
    const WITHDRAW = `mutation { withdrawParticipation { participation { status center { id } accountManager { email } } } }`;
    expect((await call(ADMIN, WITHDRAW)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const { data, errors } = await call(importer.identity, WITHDRAW);
    expect(errors).toBeUndefined();
    expect(data!.withdrawParticipation.participation).toEqual({ status: 'WITHDRAWN', center: null, accountManager: null });
    expect((await call(importer.identity, WITHDRAW)).errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('still serves the graph when Temporal cannot be reached, and says why onboarding fails', async () => {
    const config = testSubgraphConfig(process.env.TEST_DB_URL!);
    const offline = await startImportersServer(config, dataSource, { ...TEMPORAL, address: '127.0.0.1:1' });
    try {
      const offlineCall = subgraphCaller(`http://127.0.0.1:${offline.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
      const importer = await register();
      expect((await offlineCall(importer.identity, '{ me { id } }')).data!.me).toEqual({ id: importer.id });
      const { errors } = await offlineCall(importer.identity, VOLUNTEER, { noticeId: NOTICE, centerId: 'MACHINERY' });
      expect(errors![0]!.extensions!.code).toBe('SERVICE_UNAVAILABLE');
      expect(errors![0]!.message).toContain('cannot be reached');
    } finally {
      await offline.stop();
    }
  }, 30_000);
});
