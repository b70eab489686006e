import { randomUUID } from 'node:crypto';
import type { Actor, OnboardingDurations, OnboardingInput, OnboardingSnapshot, OnboardingState } from '@cee-hub/contracts';
import { onboardingWorkflowId } from '@cee-hub/contracts';
import { seededActor as asStaff } from '@cee-hub/db';
import { ImporterDirectory } from '@cee-hub/importers/directory';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { recordHistory } from './testing/histories';
import { startTestWorker, type TestWorker } from './testing/test-worker';
import {
  answerOnboardingUpdate,
  decideOnboardingUpdate,
  onboardingStatusQuery,
  onboardingWorkflow,
  reassignOnboardingUpdate,
  withdrawOnboardingUpdate,
} from './workflows/onboarding.workflow';

const TASK_QUEUE = `onboarding-test-${randomUUID()}`;
const NOTICE = 'CEE-HUB-DEMO-2026';
const QUIET: OnboardingDurations = { reviewSla: '1 hour', escalateAfter: '1 hour', informationDeadline: '1 hour' };

const ADMIN = asStaff('admin@cbp.example');
const BASE_METALS_AM = asStaff('account-manager.base-metals@cbp.example');
const BASE_METALS_ENTRY = asStaff('entry-specialist.base-metals@cbp.example');
const MACHINERY_AM = asStaff('account-manager.machinery@cbp.example');
const ELECTRONICS_AM = asStaff('account-manager.electronics@cbp.example');
const PHARMA_AM = asStaff('account-manager.pharma@cbp.example');

let worker: TestWorker;
let running: TestWorker['running'];
let client: TestWorker['client'];
let directory: ImporterDirectory;

beforeAll(async () => {
  worker = await startTestWorker(TASK_QUEUE);
  ({ running, client } = worker);
  directory = new ImporterDirectory(running.dataSource);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
});

let serial = 0;

/** Registers a fresh importer for one path (seed importers stay as other suites expect them). */
async function newImporter(options: { ctpatTier?: string; isaMember?: boolean; aceAccount?: boolean; lines?: Array<{ hts: string; value: number }> } = {}) {
  serial += 1;
  const suffix = `${Date.now() % 1_000_000}`.padStart(6, '0') + String(serial).padStart(3, '0');
  const [row] = await running.dataSource.query(
    `INSERT INTO importers.importer (importer_number, importer_number_type, name, street, city, state, postal_code, country, contact_email,
        ctpat_tier, isa_member, ace_account, participation_status)
     VALUES ($1, 'CBP_ASSIGNED', $2, '1 Test St', 'Chicago', 'IL', '60601', 'US', $3, $4, $5, $6, 'NOT_PARTICIPATING') RETURNING id`,
    [`99${suffix.slice(0, 4)}-${suffix.slice(4, 9)}`, `Onboarding Test Importer ${suffix}`, `onboarding-${suffix}@test.example`, options.ctpatTier ?? 'TIER_2', options.isaMember ?? false, options.aceAccount ?? true],
  );
  const id: string = row.id;
  if (options.lines?.length) {
    const total = options.lines.reduce((sum, line) => sum + line.value, 0);
    const [summary] = await running.dataSource.query(
      `INSERT INTO filings.entry_summary (entry_number, entry_type, importer_id, port_of_entry, entry_date, filed_at, status, total_entered_value, total_duty)
       VALUES ($1, '01', $2, '3901', '2026-11-02', now(), 'ACCEPTED', $3, 0) RETURNING id`,
      [`Z${String(serial % 100).padStart(2, '0')}-${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}-0`, id, total],
    );
    for (const [index, line] of options.lines.entries()) {
      await running.dataSource.query(
        `INSERT INTO filings.entry_summary_line (entry_summary_id, line_number, hts_number, country_of_origin, entered_value, duty_rate, duty)
         VALUES ($1, $2, $3, 'BR', $4, 0, 0)`,
        [summary.id, index + 1, line.hts, line.value],
      );
    }
  }
  return { id, actor: { role: 'IMPORTER', subject: id, email: `onboarding-${suffix}@test.example`, importerId: id } as Actor };
}

async function volunteer(importer: { id: string; actor: Actor }, centerId: string, durations = QUIET, noticeId = NOTICE): Promise<WorkflowHandle<typeof onboardingWorkflow>> {
  const input: OnboardingInput = {
    onboardingId: randomUUID(),
    importerId: importer.id,
    noticeId,
    chosenCenterId: centerId,
    actor: importer.actor,
    appliedAt: new Date().toISOString(),
    durations,
  };
  return client.workflow.start(onboardingWorkflow, { args: [input], taskQueue: TASK_QUEUE, workflowId: onboardingWorkflowId(importer.id) });
}

async function waitFor(handle: WorkflowHandle<typeof onboardingWorkflow>, until: (s: OnboardingSnapshot) => boolean, what: string): Promise<OnboardingSnapshot> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const snapshot = await handle.query(onboardingStatusQuery);
    if (until(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; state is ${JSON.stringify(snapshot)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
/** Waits until the workflow is in `state` and has recorded it (the record activity may lag the query). */
async function inState(handle: WorkflowHandle<typeof onboardingWorkflow>, state: OnboardingState): Promise<OnboardingSnapshot> {
  const snapshot = await waitFor(handle, (s) => s.state === state, state);
  const deadline = Date.now() + 20_000;
  while (((await stored(snapshot.id)).version ?? 0) < snapshot.version) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${state} to be recorded`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return snapshot;
}

async function stored(onboardingId: string) {
  const [row] = await running.dataSource.query(
    `SELECT state, step, center_id AS "centerId", proposed_center_id AS "proposedCenterId", version, reasons, question, answer,
            proposal_basis AS "proposalBasis", account_manager_id AS "accountManagerId", to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate"
       FROM importers.onboarding WHERE id = $1`,
    [onboardingId],
  );
  const events: Array<{ type: string; actor: string; note: string | null }> = await running.dataSource.query(
    `SELECT type, actor, note FROM importers.onboarding_event WHERE onboarding_id = $1 ORDER BY seq`,
    [onboardingId],
  );
  return { ...row, events, types: events.map((e) => e.type) };
}

async function importerRow(id: string) {
  const [row] = await running.dataSource.query(
    `SELECT participation_status AS status, participation_center_id AS "centerId", to_char(participating_since, 'YYYY-MM-DD') AS since,
            account_manager_id AS "accountManagerId" FROM importers.importer WHERE id = $1`,
    [id],
  );
  return row;
}

/** The ApplicationFailure a refused update carries. */
async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    let cause: unknown = error;
    while (cause && !(cause instanceof ApplicationFailure) && (cause as { cause?: unknown }).cause) cause = (cause as { cause?: unknown }).cause;
    if (cause instanceof ApplicationFailure) return { type: cause.type ?? undefined, message: cause.message };
    throw error;
  }
  throw new Error('expected the update to be refused');
}

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('onboarding workflow', () => {
  it('approves: proposes the Center of the filed lines, refuses the wrong people, makes the importer participate', async () => {
    const importer = await newImporter({ lines: [{ hts: '7208390015', value: 302_000 }, { hts: '8429511035', value: 15_000 }] });
    const handle = await volunteer(importer, 'MACHINERY');
    const review = await inState(handle, 'AWAITING_REVIEW');
    expect(review).toMatchObject({ chosenCenterId: 'MACHINERY', proposedCenterId: 'BASE_METALS', centerId: 'BASE_METALS', proposalBasis: 'FILED_LINES', step: 'CENTER_REVIEW' });
    expect(review.proposalNote).toContain('302,000.00 of 317,000.00');
    const id = review.id;
    const before = await stored(id);
    expect(before.types).toEqual(['APPLIED', 'CENTER_PROPOSED']);
    expect(before.accountManagerId).toBe(BASE_METALS_AM.subject);

    const approve = (actor: Actor, extra: object = {}) => handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor, decision: 'APPROVE', ...extra }] });
    expect(await refusal(approve(importer.actor))).toMatchObject({ type: 'FORBIDDEN' });
    const otherCenter = await refusal(approve(ELECTRONICS_AM));
    expect(otherCenter).toMatchObject({ type: 'FORBIDDEN' });
    expect(otherCenter.message).toContain('BASE_METALS');
    expect(await refusal(approve(BASE_METALS_ENTRY))).toMatchObject({ type: 'FORBIDDEN' });
    expect(await refusal(approve(BASE_METALS_AM, { effectiveDate: '2020-01-01' }))).toMatchObject({ type: 'BAD_USER_INPUT' });
    expect(await refusal(handle.executeUpdate(answerOnboardingUpdate, { args: [{ actor: importer.actor, answer: 'unasked' }] }))).toMatchObject({ type: 'CONFLICT' });
    expect(await refusal(handle.executeUpdate(reassignOnboardingUpdate, { args: [{ actor: BASE_METALS_AM, centerId: 'MACHINERY' }] }))).toMatchObject({ type: 'FORBIDDEN' });
    const after = await stored(id);
    expect(after.version).toBe(before.version);
    expect(after.types).toEqual(before.types);

    const approved = await approve(BASE_METALS_AM, { note: 'Welcome', effectiveDate: today() });
    expect(approved).toMatchObject({ state: 'APPROVED', step: 'COMPLETE', effectiveDate: today(), decisionNote: 'Welcome' });
    expect(await handle.result()).toMatchObject({ state: 'APPROVED' });
    expect(await importerRow(importer.id)).toEqual({ status: 'PARTICIPATING', centerId: 'BASE_METALS', since: today(), accountManagerId: BASE_METALS_AM.subject });
    // The filings domain asks the directory where a new filing goes: now the Center.
    expect((await directory.byIds([importer.id]))[0]).toMatchObject({ participationStatus: 'PARTICIPATING', participationCenterId: 'BASE_METALS' });
    expect((await stored(id)).types).toEqual(['APPLIED', 'CENTER_PROPOSED', 'APPROVED']);
    await recordHistory(client, handle.workflowId, 'onboarding-approved');
  });

  it('rejects: with no filed lines the chosen Center reviews; an admin rejects', async () => {
    const importer = await newImporter();
    const handle = await volunteer(importer, 'MACHINERY');
    expect(await inState(handle, 'AWAITING_REVIEW')).toMatchObject({ proposedCenterId: 'MACHINERY', proposalBasis: 'CHOSEN' });
    const rejected = await handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: ADMIN, decision: 'REJECT', note: 'Volumes too small for now' }] });
    expect(rejected).toMatchObject({ state: 'REJECTED', decisionNote: 'Volumes too small for now' });
    await handle.result();
    const row = await stored(rejected.id);
    expect(row.types).toEqual(['APPLIED', 'CENTER_PROPOSED', 'REJECTED']);
    expect(row.events[2]).toMatchObject({ actor: 'admin@cbp.example', note: 'Volumes too small for now' });
    expect(await importerRow(importer.id)).toMatchObject({ status: 'NOT_PARTICIPATING', centerId: null });
    await recordHistory(client, handle.workflowId, 'onboarding-rejected');
  });

  it('asks for information, takes the answer, and approves from a later effective date', async () => {
    const importer = await newImporter({ isaMember: true, ctpatTier: 'NONE' });
    const handle = await volunteer(importer, 'MACHINERY');
    await inState(handle, 'AWAITING_REVIEW');
    const ask = (extra: object) => handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: MACHINERY_AM, decision: 'ASK_FOR_INFORMATION', ...extra }] });
    expect(await refusal(ask({ question: '  ' }))).toMatchObject({ type: 'BAD_USER_INPUT' });
    const asked = await ask({ question: 'Which ports do you use most?' });
    expect(asked).toMatchObject({ state: 'AWAITING_IMPORTER', step: 'IMPORTER_ANSWER', question: 'Which ports do you use most?' });
    expect(asked.informationDueAt).not.toBeNull();
    expect(await refusal(handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: MACHINERY_AM, decision: 'APPROVE' }] }))).toMatchObject({ type: 'CONFLICT' });
    const stranger = await newImporter();
    expect(await refusal(handle.executeUpdate(answerOnboardingUpdate, { args: [{ actor: stranger.actor, answer: 'Not mine' }] }))).toMatchObject({ type: 'FORBIDDEN' });
    const answered = await handle.executeUpdate(answerOnboardingUpdate, { args: [{ actor: importer.actor, answer: 'Laredo and El Paso' }] });
    expect(answered).toMatchObject({ state: 'AWAITING_REVIEW', answer: 'Laredo and El Paso', informationDueAt: null });
    const approved = await handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: MACHINERY_AM, decision: 'APPROVE', effectiveDate: tomorrow() }] });
    expect(approved).toMatchObject({ state: 'APPROVED', effectiveDate: tomorrow() });
    await handle.result();
    expect(await importerRow(importer.id)).toMatchObject({ status: 'PARTICIPATING', centerId: 'MACHINERY', since: tomorrow() });
    // Until the effective date its filings still go to the port.
    expect((await directory.byIds([importer.id]))[0]!.participationCenterId).toBeNull();
    expect((await stored(approved.id)).types).toEqual(['APPLIED', 'CENTER_PROPOSED', 'INFORMATION_REQUESTED', 'INFORMATION_PROVIDED', 'APPROVED']);
    await recordHistory(client, handle.workflowId, 'onboarding-information-answered');
  });

  it("records the documents an answer comes with on its history entry, and refuses more than a step carries", async () => {
    const importer = await newImporter({ isaMember: true, ctpatTier: 'NONE' });
    const handle = await volunteer(importer, 'MACHINERY');
    await inState(handle, 'AWAITING_REVIEW');
    await handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: MACHINERY_AM, decision: 'ASK_FOR_INFORMATION', question: 'Your C-TPAT certificate?' }] });
    const tooMany = Array.from({ length: 21 }, () => randomUUID());
    expect(await refusal(handle.executeUpdate(answerOnboardingUpdate, { args: [{ actor: importer.actor, answer: 'Attached', documentIds: tooMany }] }))).toMatchObject({
      type: 'BAD_USER_INPUT',
    });
    // The graph checks that the ids are documents of the application; the workflow records what it is given.
    const documentId = randomUUID();
    const answered = await handle.executeUpdate(answerOnboardingUpdate, { args: [{ actor: importer.actor, answer: 'Attached', documentIds: [documentId] }] });
    await inState(handle, 'AWAITING_REVIEW');
    const events: Array<{ type: string; documentIds: string[] }> = await running.dataSource.query(
      `SELECT type, document_ids::text[] AS "documentIds" FROM importers.onboarding_event WHERE onboarding_id = $1 ORDER BY seq`,
      [answered.id],
    );
    expect(events.filter((event) => event.documentIds.length > 0)).toEqual([{ type: 'INFORMATION_PROVIDED', documentIds: [documentId] }]);
    await handle.executeUpdate(withdrawOnboardingUpdate, { args: [{ actor: importer.actor }] });
    await handle.result();
  });

  it('lapses when the question is not answered in time', async () => {
    const importer = await newImporter();
    const handle = await volunteer(importer, 'MACHINERY', { ...QUIET, informationDeadline: '1s' });
    await inState(handle, 'AWAITING_REVIEW');
    await handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: ADMIN, decision: 'ASK_FOR_INFORMATION', question: 'Your annual import volume?' }] });
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'LAPSED', step: 'COMPLETE', answer: null });
    expect((await stored(result.id)).types).toEqual(['APPLIED', 'CENTER_PROPOSED', 'INFORMATION_REQUESTED', 'LAPSED']);
    await recordHistory(client, handle.workflowId, 'onboarding-lapsed');
  });

  it('ends at once when the importer is ineligible, with every reason', async () => {
    const importer = await newImporter({ ctpatTier: 'TIER_1', aceAccount: false });
    const handle = await volunteer(importer, 'BASE_METALS', QUIET, '77-FR-52048');
    const result = await handle.result();
    expect(result).toMatchObject({ state: 'INELIGIBLE', step: 'COMPLETE', centerId: null });
    expect(result.reasons).toEqual([
      'Notice 77 FR 52048 closed for volunteering on 2013-04-03',
      'Notice 77 FR 52048 does not open the BASE_METALS Center; it opens AUTOMOTIVE, ELECTRONICS, PETROLEUM, PHARMA',
      'C-TPAT tier 1 does not qualify: the notice requires C-TPAT tier 2 or tier 3, or ISA membership',
      'The notice requires an ACE portal account and the importer has none',
    ]);
    const row = await stored(result.id);
    expect(row).toMatchObject({ state: 'INELIGIBLE', reasons: result.reasons, types: ['APPLIED', 'INELIGIBLE'] });
    await recordHistory(client, handle.workflowId, 'onboarding-ineligible');
  });

  it('refuses a participating importer as ineligible', async () => {
    const importer = await newImporter();
    await running.dataSource.query(
      `UPDATE importers.importer SET participation_status = 'PARTICIPATING', participation_center_id = 'PHARMA', participating_since = '2020-01-01' WHERE id = $1`,
      [importer.id],
    );
    const result = await (await volunteer(importer, 'PHARMA')).result();
    expect(result.reasons).toEqual(['The importer participates in the PHARMA Center already']);
  });

  it('lets the importer withdraw, and only the importer', async () => {
    const importer = await newImporter();
    const handle = await volunteer(importer, 'PHARMA');
    await inState(handle, 'AWAITING_REVIEW');
    const stranger = await newImporter();
    expect(await refusal(handle.executeUpdate(withdrawOnboardingUpdate, { args: [{ actor: stranger.actor }] }))).toMatchObject({ type: 'FORBIDDEN' });
    expect(await refusal(handle.executeUpdate(withdrawOnboardingUpdate, { args: [{ actor: PHARMA_AM }] }))).toMatchObject({ type: 'FORBIDDEN' });
    const withdrawn = await handle.executeUpdate(withdrawOnboardingUpdate, { args: [{ actor: importer.actor, note: 'Not this year' }] });
    expect(withdrawn).toMatchObject({ state: 'WITHDRAWN', step: 'COMPLETE', decisionNote: 'Not this year' });
    await handle.result();
    expect((await stored(withdrawn.id)).types).toEqual(['APPLIED', 'CENTER_PROPOSED', 'WITHDRAWN']);
    await recordHistory(client, handle.workflowId, 'onboarding-withdrawn');
  });

  it('reminds, then escalates an untouched review; an admin reassigns it to another Center', async () => {
    const importer = await newImporter();
    const handle = await volunteer(importer, 'ELECTRONICS', { reviewSla: '1s', escalateAfter: '1s', informationDeadline: '1 hour' });
    const review = await inState(handle, 'AWAITING_REVIEW');
    const deadline = Date.now() + 20_000;
    let row = await stored(review.id);
    while (!row.types.includes('ESCALATED') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      row = await stored(review.id);
    }
    expect(row.types).toEqual(['APPLIED', 'CENTER_PROPOSED', 'REMINDER', 'ESCALATED']);
    expect(row.events[2]!.note).toContain('account-manager.electronics@cbp.example');
    expect(row.events[3]!.note).toContain('director.electronics@cbp.example');

    expect(await refusal(handle.executeUpdate(reassignOnboardingUpdate, { args: [{ actor: ADMIN, centerId: 'ELECTRONICS' }] }))).toMatchObject({ type: 'BAD_USER_INPUT' });
    expect(await refusal(handle.executeUpdate(reassignOnboardingUpdate, { args: [{ actor: ADMIN, centerId: 'NOWHERE' }] }))).toMatchObject({ type: 'BAD_USER_INPUT' });
    const reassigned = await handle.executeUpdate(reassignOnboardingUpdate, { args: [{ actor: ADMIN, centerId: 'PHARMA', note: 'Medical devices' }] });
    expect(reassigned).toMatchObject({ state: 'AWAITING_REVIEW', centerId: 'PHARMA', proposedCenterId: 'ELECTRONICS', accountManagerId: PHARMA_AM.subject });
    expect(await refusal(handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: ELECTRONICS_AM, decision: 'REJECT' }] }))).toMatchObject({ type: 'FORBIDDEN' });
    const rejected = await handle.executeUpdate(decideOnboardingUpdate, { args: [{ actor: PHARMA_AM, decision: 'REJECT', note: 'Not our sector' }] });
    expect(rejected.state).toBe('REJECTED');
    await handle.result();
    const types = (await stored(review.id)).types;
    expect(types.slice(0, 5)).toEqual(['APPLIED', 'CENTER_PROPOSED', 'REMINDER', 'ESCALATED', 'REASSIGNED']);
    expect(types[types.length - 1]).toBe('REJECTED');
    await recordHistory(client, handle.workflowId, 'onboarding-escalated');
  });

  it('runs one application at a time per importer', async () => {
    const importer = await newImporter();
    const handle = await volunteer(importer, 'PHARMA');
    await inState(handle, 'AWAITING_REVIEW');
    await expect(volunteer(importer, 'PHARMA')).rejects.toThrow(/already started/i);
    await handle.executeUpdate(withdrawOnboardingUpdate, { args: [{ actor: importer.actor }] });
    await handle.result();
  });
});
