import type { Identity } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import type { DataSource } from 'typeorm';
import { fieldChanges } from './resolvers/directory-admin.resolver';
import { createCentersDataSource, startCentersServer } from './server';

// PETROLEUM and AGRICULTURE only: centers.test.ts counts the Electronics and Pharma staff.
const ADMIN: Identity = { role: 'ADMIN', email: 'admin@cbp.example' };
const DIRECTOR: Identity = { role: 'CENTER_DIRECTOR', centerId: 'PETROLEUM', email: 'director.petroleum@cbp.example' };
const SPECIALIST: Identity = { role: 'ENTRY_SPECIALIST', centerId: 'PETROLEUM', email: 'entry-specialist.petroleum@cbp.example' };
const IMPORTER: Identity = { role: 'IMPORTER', importerId: '00000000-0000-5000-8000-000000000000' };

const ADD = `mutation($input: AddStaffMemberInput!) { addStaffMember(input: $input) { id email role active center { id } } }`;
const CONTACT = `mutation($centerId: ID!, $input: UpdateCenterContactInput!) { updateCenterContact(centerId: $centerId, input: $input) { contact { email phone hours address { city state postalCode } } } }`;

let dataSource: DataSource;
let server: RunningServer;
let call: ReturnType<typeof subgraphCaller>;

beforeAll(async () => {
  const config = testSubgraphConfig(process.env.TEST_DB_URL!);
  dataSource = await createCentersDataSource(config).initialize();
  // No Temporal: deactivations must refuse and change nothing.
  server = await startCentersServer(config, dataSource);
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
});

afterAll(async () => {
  await server?.stop();
  await dataSource?.destroy();
});

const count = async (sql: string, params: unknown[] = []) => Number((await dataSource.query(sql, params))[0].n);

describe('addStaffMember', () => {
  it('adds a third entry specialist with an audit row, and refuses the same email again', async () => {
    const input = { centerId: 'PETROLEUM', name: 'Robin Castillo', email: ' Robin.Castillo@CBP.example ', role: 'ENTRY_SPECIALIST' };
    const added = await call(ADMIN, ADD, { input });
    expect(added.errors).toBeUndefined();
    expect(added.data!.addStaffMember).toMatchObject({ email: 'robin.castillo@cbp.example', role: 'ENTRY_SPECIALIST', active: true, center: { id: 'PETROLEUM' } });
    const events = await call(ADMIN, '{ center(id: "PETROLEUM") { directoryEvents { type actor staffMember { email } changes { field before after } } } }');
    expect(events.data!.center.directoryEvents[0]).toMatchObject({ type: 'STAFF_ADDED', actor: 'admin@cbp.example', staffMember: { email: 'robin.castillo@cbp.example' } });
    const again = await call(ADMIN, ADD, { input: { ...input, centerId: 'AGRICULTURE' } });
    expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(again.errors![0]!.message).toContain('Robin Castillo');
  });

  it('checks every field at once and writes nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM centers.staff_member');
    const bad = await call(ADMIN, ADD, { input: { centerId: null, name: 'X', email: 'not-an-email', role: 'SUPERVISOR' } });
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.problems.map((p: any) => p.field)).toEqual(['name', 'email', 'centerId']);
    const unknown = await call(ADMIN, ADD, { input: { centerId: 'TOYS', name: 'Sam Lee', email: 'sam.lee@cbp.example', role: 'SUPERVISOR' } });
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(await count('SELECT count(*) AS n FROM centers.staff_member')).toBe(before);
  });

  it("lets a director add to their own Center's staff only, and never a director", async () => {
    const own = await call(DIRECTOR, ADD, { input: { centerId: 'PETROLEUM', name: 'Kim Patel', email: 'kim.patel@cbp.example', role: 'SUPERVISOR' } });
    expect(own.errors).toBeUndefined();
    const other = await call(DIRECTOR, ADD, { input: { centerId: 'AGRICULTURE', name: 'Lee Park', email: 'lee.park@cbp.example', role: 'SUPERVISOR' } });
    expect(other.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const director = await call(DIRECTOR, ADD, { input: { centerId: 'PETROLEUM', name: 'Lee Park', email: 'lee.park@cbp.example', role: 'CENTER_DIRECTOR' } });
    expect(director.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    for (const who of [SPECIALIST, IMPORTER]) {
      const refused = await call(who, ADD, { input: { centerId: 'PETROLEUM', name: 'Lee Park', email: 'lee.park@cbp.example', role: 'SUPERVISOR' } });
      expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
  });
});

describe('changeStaffRole and deactivateStaffMember', () => {
  it('changes a role with its audit row; another Center’s person is NOT_FOUND to a director', async () => {
    const [person] = await dataSource.query(`SELECT id FROM centers.staff_member WHERE email = 'kim.patel@cbp.example'`);
    const changed = await call(DIRECTOR, 'mutation($id: ID!) { changeStaffRole(id: $id, role: IMPORT_SPECIALIST) { role } }', { id: person.id });
    expect(changed.data!.changeStaffRole.role).toBe('IMPORT_SPECIALIST');
    const [event] = await dataSource.query(`SELECT type, before->>'role' AS before, after->>'role' AS after FROM centers.directory_event WHERE staff_member_id = $1 ORDER BY id DESC LIMIT 1`, [person.id]);
    expect(event).toEqual({ type: 'STAFF_ROLE_CHANGED', before: 'SUPERVISOR', after: 'IMPORT_SPECIALIST' });
    const [foreign] = await dataSource.query(`SELECT id FROM centers.staff_member WHERE email = 'entry-specialist.agriculture@cbp.example'`);
    const other = await call(DIRECTOR, 'mutation($id: ID!) { changeStaffRole(id: $id, role: SUPERVISOR) { role } }', { id: foreign.id });
    expect(other.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses a deactivation without a reason, or while Temporal is away, and changes nothing', async () => {
    const [person] = await dataSource.query(`SELECT id FROM centers.staff_member WHERE email = 'kim.patel@cbp.example'`);
    const events = () => count('SELECT count(*) AS n FROM centers.directory_event WHERE staff_member_id = $1', [person.id]);
    const before = await events();
    const DEACTIVATE = 'mutation($id: ID!, $reason: String!) { deactivateStaffMember(id: $id, reason: $reason) { staffMember { active } } }';
    const empty = await call(ADMIN, DEACTIVATE, { id: person.id, reason: '  ' });
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const away = await call(ADMIN, DEACTIVATE, { id: person.id, reason: 'left CBP' });
    expect(away.errors![0]!.extensions!.code).toBe('SERVICE_UNAVAILABLE');
    expect((await dataSource.query('SELECT active FROM centers.staff_member WHERE id = $1', [person.id]))[0].active).toBe(true);
    expect(await events()).toBe(before);
  });

  it('leaves a deactivated person out of staff lists and lookups', async () => {
    await dataSource.query(`UPDATE centers.staff_member SET active = false, deactivated_at = now() WHERE email = 'robin.castillo@cbp.example'`);
    const staff = await call(ADMIN, '{ center(id: "PETROLEUM") { staff { email } } staffMembers(centerId: "PETROLEUM") { email } }');
    expect(staff.data!.center.staff.map((s: any) => s.email)).not.toContain('robin.castillo@cbp.example');
    expect(staff.data!.staffMembers.map((s: any) => s.email)).not.toContain('robin.castillo@cbp.example');
    const me = await call({ role: 'ENTRY_SPECIALIST', centerId: 'PETROLEUM', email: 'robin.castillo@cbp.example' }, '{ myStaffRecord { email } }');
    expect(me.data!.myStaffRecord).toBeNull();
  });
});

describe('updateCenterContact', () => {
  it('changes only the fields given, with an audit row of before and after', async () => {
    const updated = await call(DIRECTOR, CONTACT, { centerId: 'PETROLEUM', input: { phone: '+1 281-555-0199', address: { street: '1 Energy Plaza', city: 'Houston', state: 'tx', postalCode: '77002' } } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateCenterContact.contact).toMatchObject({ email: 'petroleum.cee@cbp.example', phone: '+1 281-555-0199', address: { city: 'Houston', state: 'TX', postalCode: '77002' } });
    const events = await call(ADMIN, '{ center(id: "PETROLEUM") { directoryEvents(first: 1) { type actor changes { field before after } } } }');
    expect(events.data!.center.directoryEvents[0]).toEqual({
      type: 'CENTER_CONTACT_UPDATED',
      actor: 'director.petroleum@cbp.example',
      changes: [
        { field: 'phone', before: '+1 281-555-0190', after: '+1 281-555-0199' },
        { field: 'postalCode', before: '77032', after: '77002' },
        { field: 'street', before: '2350 N Sam Houston Pkwy E', after: '1 Energy Plaza' },
      ],
    });
  });

  it('refuses bad fields, other Centers and non-admins, writing nothing', async () => {
    const before = await count('SELECT count(*) AS n FROM centers.directory_event');
    const bad = await call(ADMIN, CONTACT, { centerId: 'PETROLEUM', input: { email: 'nope', phone: 'call us', hours: '' } });
    expect(bad.errors![0]!.extensions!.problems.map((p: any) => p.field)).toEqual(['email', 'phone', 'hours']);
    expect((await call(ADMIN, CONTACT, { centerId: 'PETROLEUM', input: {} })).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await call(DIRECTOR, CONTACT, { centerId: 'AGRICULTURE', input: { phone: '+1 305-555-0111' } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(SPECIALIST, CONTACT, { centerId: 'PETROLEUM', input: { phone: '+1 305-555-0111' } })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await call(SPECIALIST, '{ center(id: "PETROLEUM") { directoryEvents { type } } }')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await count('SELECT count(*) AS n FROM centers.directory_event')).toBe(before);
  });
});

it('lists the fields an audit row changed', () => {
  expect(fieldChanges({ b: 'x', a: 1 }, { a: 2, b: 'y', c: null })).toEqual([{ field: 'a', before: '1', after: '2' }, { field: 'b', before: 'x', after: 'y' }]);
  expect(fieldChanges(null, { role: 'SUPERVISOR' })).toEqual([{ field: 'role', before: null, after: 'SUPERVISOR' }]);
});
