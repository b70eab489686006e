import { addDays, type Identity, today } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import { readTemporalConfig } from '@cee-hub/common/temporal';
import { importerRows } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import { createImportersDataSource, startImportersServer } from './server';

const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const SUPERVISOR: Identity = { role: 'SUPERVISOR', centerId: 'PHARMA', email: 'supervisor.pharma@cbp.example' };
const MIDWEST = importerRows.find((row) => row.name === 'Midwest Steel Supply Co.')!;

const PUBLISH = `mutation($input: PublishFederalRegisterNoticeInput!) { publishFederalRegisterNotice(input: $input) { id citation opensOn closesOn isOpen centers { id } eligibility { qualifyingCtpatTiers isaQualifies description } } }`;
const CLOSE = `mutation($id: ID!, $closedOn: LocalDate) { closeFederalRegisterNotice(id: $id, closedOn: $closedOn) { closesOn isOpen } }`;
const VOLUNTEER = `mutation($noticeId: ID!, $centerId: ID!) { volunteerForCenter(noticeId: $noticeId, centerId: $centerId) { state } }`;

const notice = (citation: string, overrides: object = {}) => ({
  citation,
  title: 'Expansion of the Centers to more importers (test)',
  publishedOn: addDays(today(), -2),
  opensOn: addDays(today(), -1),
  closesOn: null,
  centerIds: ['BASE_METALS', 'MACHINERY'],
  eligibility: { qualifyingCtpatTiers: ['TIER_2', 'TIER_3'], isaQualifies: true, aceAccountRequired: true, description: 'C-TPAT Tier 2 or 3, or ISA' },
  ...overrides,
});

let dataSource: DataSource;
let server: RunningServer;
let call: ReturnType<typeof subgraphCaller>;

beforeAll(async () => {
  const config = testSubgraphConfig(process.env.TEST_DB_URL!);
  dataSource = await createImportersDataSource(config).initialize();
  // No worker polls this queue: volunteering is refused before any workflow would start.
  server = await startImportersServer(config, dataSource, { ...readTemporalConfig(process.env), address: process.env.TEST_TEMPORAL_ADDRESS!, taskQueue: 'notice-admin-test-no-worker' });
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
});

const events = async (id: string) => dataSource.query(`SELECT type, actor, before->>'closesOn' AS "closesBefore", after->>'closesOn' AS "closesAfter" FROM importers.notice_event WHERE notice_id = $1 ORDER BY id`, [id]);

describe('publishFederalRegisterNotice', () => {
  it('publishes an open notice with its id made from the citation, and an audit row', async () => {
    const { data, errors } = await call(ADMIN, PUBLISH, { input: notice('91 FR 10001') });
    expect(errors).toBeUndefined();
    expect(data!.publishFederalRegisterNotice).toMatchObject({ id: '91-FR-10001', isOpen: true, centers: [{ id: 'BASE_METALS' }, { id: 'MACHINERY' }] });
    expect(await events('91-FR-10001')).toEqual([{ type: 'PUBLISHED', actor: 'admin@cbp.example', closesBefore: null, closesAfter: null }]);
    const again = await call(ADMIN, PUBLISH, { input: notice('91 FR 10001') });
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('checks the citation, the dates, the Centers and the eligibility at once, writing nothing', async () => {
    const count = async () => Number((await dataSource.query('SELECT count(*) AS n FROM importers.federal_register_notice'))[0].n);
    const before = await count();
    const bad = await call(ADMIN, PUBLISH, {
      input: notice('FR 91 12', { title: ' ', opensOn: '2026-01-10', closesOn: '2026-01-01', centerIds: ['MACHINERY', 'TOYS'], eligibility: { qualifyingCtpatTiers: [], isaQualifies: false, aceAccountRequired: true, description: 'nobody' } }),
    });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.problems.map((p: any) => p.field)).toEqual(['citation', 'title', 'centerIds', 'eligibility']);
    const dates = await call(ADMIN, PUBLISH, { input: notice('91 FR 10002', { opensOn: addDays(today(), 5), closesOn: addDays(today(), 4) }) });
    expect(dates.errors![0]!.extensions!.problems).toEqual([{ field: 'closesOn', message: expect.stringContaining('comes before the first') }]);
    expect((await call(SUPERVISOR, PUBLISH, { input: notice('91 FR 10003') })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });
});

describe('closeFederalRegisterNotice', () => {
  it('closes from today: the last day was yesterday, volunteering is refused at once naming it', async () => {
    await call(ADMIN, PUBLISH, { input: notice('91 FR 10004') });
    const closed = await call(ADMIN, CLOSE, { id: '91-FR-10004' });
    expect(closed.data!.closeFederalRegisterNotice).toEqual({ closesOn: addDays(today(), -1), isOpen: false });
    expect((await events('91-FR-10004')).map((e: any) => [e.type, e.closesAfter])).toEqual([['PUBLISHED', null], ['CLOSED', addDays(today(), -1)]]);
    const volunteer = await call({ role: 'IMPORTER', importerId: MIDWEST.id }, VOLUNTEER, { noticeId: '91-FR-10004', centerId: 'BASE_METALS' });
    expect(volunteer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'noticeId', message: `Notice 91 FR 10004 closed for volunteering on ${addDays(today(), -1)}` }] });
    const twice = await call(ADMIN, CLOSE, { id: '91-FR-10004' });
    expect(twice.errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('refuses a past day, an unknown notice and non-admins', async () => {
    await call(ADMIN, PUBLISH, { input: notice('91 FR 10005') });
    const past = await call(ADMIN, CLOSE, { id: '91-FR-10005', closedOn: addDays(today(), -3) });
    expect(past.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'closedOn' });
    expect((await call(ADMIN, CLOSE, { id: 'NO-SUCH' })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    await call(ADMIN, PUBLISH, { input: notice('91 FR 10006', { opensOn: addDays(today(), 3) }) });
    const beforeOpening = await call(ADMIN, CLOSE, { id: '91-FR-10006', closedOn: addDays(today(), 3) });
    expect(beforeOpening.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(beforeOpening.errors![0]!.message).toContain(`can close from ${addDays(today(), 4)} at the earliest`);
    expect((await call(SUPERVISOR, CLOSE, { id: '91-FR-10005' })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const later = await call(ADMIN, CLOSE, { id: '91-FR-10005', closedOn: addDays(today(), 10) });
    expect(later.data!.closeFederalRegisterNotice).toEqual({ closesOn: addDays(today(), 9), isOpen: true });
  });
});
