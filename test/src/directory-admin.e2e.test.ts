import { addDays, type Identity, today } from '@cee-hub/common';
import { importerRows } from '@cee-hub/db';
import { entrySummaryInput, startSystem, type System, waitForFiling } from '@cee-hub/launcher/testing';
import {
  ADMIN_EMAIL as ADMIN,
  ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST,
  ELECTRONICS_SECOND_ENTRY_SPECIALIST_EMAIL as SECOND_ENTRY_SPECIALIST,
} from '@cee-hub/db/seeded-users';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const MIDWEST = importerRows.find((row) => row.name === 'Midwest Steel Supply Co.')!;
const NIAGARA = importerRows.find((row) => row.name === 'Niagara Polymer Materials')!;

let system: System;

beforeAll(async () => {
  system = await startSystem({
    database: { scratchOn: process.env.E2E_PG_SERVER_URL! },
    env: { REVIEW_RANDOM_SAMPLE_RATE: '0', REVIEW_STEP_SLA: '1 hour' },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const codeOf = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

describe('Federal Register notices', () => {
  const PUBLISH = `mutation($input: PublishFederalRegisterNoticeInput!) { publishFederalRegisterNotice(input: $input) { id isOpen closesOn centers { name } } }`;
  const CLOSE = `mutation($id: ID!) { closeFederalRegisterNotice(id: $id) { isOpen closesOn } }`;
  const VOLUNTEER = `mutation($noticeId: ID!, $centerId: ID!) { volunteerForCenter(noticeId: $noticeId, centerId: $centerId) { state } }`;
  const notice = (citation: string) => ({
    citation,
    title: 'Volunteering for the Base Metals and Industrial Centers (test)',
    publishedOn: addDays(today(), -1),
    opensOn: addDays(today(), -1),
    centerIds: ['BASE_METALS', 'INDUSTRIAL'],
    eligibility: { qualifyingCtpatTiers: ['TIER_2', 'TIER_3'], isaQualifies: true, aceAccountRequired: true, description: 'C-TPAT Tier 2 or 3, or ISA, with an ACE account' },
  });

  it('publishes a notice an importer then volunteers under, through the gateway', async () => {
    const published = await system.query(PUBLISH, { input: notice('91 FR 20001') }, ADMIN);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishFederalRegisterNotice).toMatchObject({ id: '91-FR-20001', isOpen: true, centers: [{ name: 'Base Metals' }, { name: 'Industrial & Manufacturing Materials' }] });
    const open = await system.query('{ federalRegisterNotices(open: true) { id } }');
    expect(open.data!.federalRegisterNotices.map((n: any) => n.id)).toContain('91-FR-20001');
    const volunteered = await system.query(VOLUNTEER, { noticeId: '91-FR-20001', centerId: 'BASE_METALS' }, MIDWEST.contactEmail);
    expect(volunteered.errors).toBeUndefined();
    expect(['APPLIED', 'AWAITING_REVIEW']).toContain(volunteered.data!.volunteerForCenter.state);
  });

  it('closes a notice: volunteering under it is refused at once, no application is made', async () => {
    await system.query(PUBLISH, { input: notice('91 FR 20002') }, ADMIN);
    const closed = await system.query(CLOSE, { id: '91-FR-20002' }, ADMIN);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeFederalRegisterNotice).toEqual({ isOpen: false, closesOn: addDays(today(), -1) });
    const refused = await system.query(VOLUNTEER, { noticeId: '91-FR-20002', centerId: 'INDUSTRIAL' }, NIAGARA.contactEmail);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'noticeId', message: expect.stringContaining(addDays(today(), -1)) }] });
    const applications = await system.sql<{ n: string }>(`SELECT count(*) AS n FROM importers.onboarding WHERE importer_id = $1`, [NIAGARA.id]);
    expect(applications[0]!.n).toBe('0');
    const audit = await system.sql<{ type: string; actor: string }>(`SELECT type, actor FROM importers.notice_event WHERE notice_id = '91-FR-20002' ORDER BY id`);
    expect(audit).toEqual([{ type: 'PUBLISHED', actor: ADMIN }, { type: 'CLOSED', actor: ADMIN }]);
  });

  it('is for admins only', async () => {
    expect(codeOf(await system.query(PUBLISH, { input: notice('91 FR 20003') }, ENTRY_SPECIALIST))).toBe('FORBIDDEN');
    expect(codeOf(await system.query(PUBLISH, { input: notice('91 FR 20003') }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await system.query(CLOSE, { id: 'CEE-HUB-DEMO-2026' }, PACIFIC.contactEmail))).toBe('FORBIDDEN');
  });
});

describe('staff', () => {
  const ADD = `mutation($input: AddStaffMemberInput!) { addStaffMember(input: $input) { id name email role } }`;
  const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { review { version claimedBy { email } } } }`;
  const DEACTIVATE = `mutation($id: ID!, $reason: String!) { deactivateStaffMember(id: $id, reason: $reason) { staffMember { active deactivatedAt } releasedClaims { entrySummaryId entryNumber } } }`;

  async function fileHighRisk(): Promise<{ id: string; entryNumber: string }> {
    const input = entrySummaryInput(PACIFIC.id, { lines: [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }] });
    const { data, errors } = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`, { input }, PACIFIC.contactEmail);
    expect(errors).toBeUndefined();
    return data!.fileEntrySummary;
  }

  it('adds a specialist who signs in and claims; deactivating them releases the claim to the queue with an event', async () => {
    const added = await system.query(ADD, { input: { centerId: 'ELECTRONICS', name: 'Noor Albright', email: 'noor.albright@cbp.example', role: 'ENTRY_SPECIALIST' } }, ADMIN);
    expect(added.errors).toBeUndefined();
    const person = added.data!.addStaffMember;
    const newcomer: Identity = { role: 'ENTRY_SPECIALIST', subject: person.id, email: person.email, name: person.name, centerId: 'ELECTRONICS' };
    const duplicate = await system.query(ADD, { input: { centerId: 'PHARMA', name: 'Noor Albright', email: 'NOOR.ALBRIGHT@cbp.example', role: 'SUPERVISOR' } }, ADMIN);
    expect(codeOf(duplicate)).toBe('CONFLICT');

    const filing = await fileHighRisk();
    const waiting = await waitForFiling(system, filing.id, newcomer, (f) => f.review?.step === 'ENTRY_REVIEW');
    const claimed = await system.query(DECIDE, { input: { entrySummaryId: filing.id, action: 'CLAIM', expectedVersion: waiting.review.version } }, newcomer);
    expect(claimed.errors).toBeUndefined();
    expect(claimed.data!.decideReview.review.claimedBy.email).toBe('noor.albright@cbp.example');

    expect(codeOf(await system.query(DEACTIVATE, { id: person.id, reason: 'moved to another agency' }, ENTRY_SPECIALIST))).toBe('FORBIDDEN');
    const deactivated = await system.query(DEACTIVATE, { id: person.id, reason: 'moved to another agency' }, ADMIN);
    expect(deactivated.errors).toBeUndefined();
    expect(deactivated.data!.deactivateStaffMember).toMatchObject({ staffMember: { active: false }, releasedClaims: [{ entrySummaryId: filing.id, entryNumber: filing.entryNumber }] });

    // The step is back in the queue, unclaimed, with the release in the filing's history (CBP's only).
    const released = await waitForFiling(system, filing.id, SECOND_ENTRY_SPECIALIST, (f) => f.review?.claimedBy === null);
    expect(released.review.step).toBe('ENTRY_REVIEW');
    expect(released.review.availableActions).toContain('CLAIM');
    const history = await system.query(`query($id: ID!) { filing(id: $id) { events { type actor note } } }`, { id: filing.id }, ADMIN);
    expect(history.data!.filing.events.at(-1)).toEqual({ type: 'CLAIM_RELEASED', actor: ADMIN, note: 'claim of noor.albright@cbp.example released to the queue: moved to another agency' });
    const tradeView = await system.query(`query($id: ID!) { filing(id: $id) { events { type } } }`, { id: filing.id }, PACIFIC.contactEmail);
    expect(tradeView.data!.filing.events.map((e: any) => e.type)).not.toContain('CLAIM_RELEASED');
    const queue = await system.query('{ reviewQueue(role: ENTRY_SPECIALIST, first: 100) { nodes { id } } }', undefined, SECOND_ENTRY_SPECIALIST);
    expect(queue.data!.reviewQueue.nodes.map((n: any) => n.id)).toContain(filing.id);
    const reclaimed = await system.query(DECIDE, { input: { entrySummaryId: filing.id, action: 'CLAIM', expectedVersion: released.review.version } }, SECOND_ENTRY_SPECIALIST);
    expect(reclaimed.data!.decideReview.review.claimedBy.email).toBe(SECOND_ENTRY_SPECIALIST);

    // Gone from the directory and its lookups; the audit log keeps who did it and why.
    const staff = await system.query('{ staffMembers(centerId: "ELECTRONICS") { email } }', undefined, ADMIN);
    expect(staff.data!.staffMembers.map((s: any) => s.email)).not.toContain('noor.albright@cbp.example');
    const audit = await system.query('{ center(id: "ELECTRONICS") { directoryEvents(first: 5) { type actor note staffMember { email active } } } }', undefined, ADMIN);
    expect(audit.data!.center.directoryEvents.slice(0, 2)).toEqual([
      { type: 'STAFF_DEACTIVATED', actor: ADMIN, note: 'moved to another agency', staffMember: { email: 'noor.albright@cbp.example', active: false } },
      { type: 'STAFF_ADDED', actor: ADMIN, note: null, staffMember: { email: 'noor.albright@cbp.example', active: false } },
    ]);
    expect(codeOf(await system.query(DEACTIVATE, { id: person.id, reason: 'again' }, ADMIN))).toBe('CONFLICT');
  }, 120_000);
});

describe("a Center's contact block", () => {
  const UPDATE = `mutation($input: UpdateCenterContactInput!) { updateCenterContact(centerId: "MACHINERY", input: $input) { contact { phone hours } } }`;

  it('is corrected by an admin with an audit entry, shown to the public at once; others are refused', async () => {
    const updated = await system.query(UPDATE, { input: { phone: '+1 956-555-0188', hours: 'Monday–Friday, 7:30–16:30 local time' } }, ADMIN);
    expect(updated.errors).toBeUndefined();
    const shown = await system.query('{ center(id: "MACHINERY") { contact { phone hours } } }');
    expect(shown.data!.center.contact).toEqual({ phone: '+1 956-555-0188', hours: 'Monday–Friday, 7:30–16:30 local time' });
    const audit = await system.query('{ center(id: "MACHINERY") { directoryEvents(first: 1) { type actor changes { field before after } } } }', undefined, ADMIN);
    expect(audit.data!.center.directoryEvents[0]).toEqual({
      type: 'CENTER_CONTACT_UPDATED',
      actor: ADMIN,
      changes: [
        { field: 'hours', before: 'Monday–Friday, 8:00–17:00 local time, except federal holidays', after: 'Monday–Friday, 7:30–16:30 local time' },
        { field: 'phone', before: '+1 956-555-0180', after: '+1 956-555-0188' },
      ],
    });
    expect(codeOf(await system.query(UPDATE, { input: { phone: '+1 956-555-0111' } }, ENTRY_SPECIALIST))).toBe('FORBIDDEN');
    expect(codeOf(await system.query(UPDATE, { input: { phone: '+1 956-555-0111' } }, PACIFIC.contactEmail))).toBe('FORBIDDEN');
    expect(codeOf(await system.query('{ center(id: "MACHINERY") { directoryEvents { type } } }', undefined, PACIFIC.contactEmail))).toBe('FORBIDDEN');
  });
});
