import { randomInt, randomUUID } from 'node:crypto';
import { addDays, formatEntryNumber, type Identity, today } from '@cee-hub/common';
import type { RunningServer } from '@cee-hub/common/subgraph';
import { subgraphCaller, TEST_INTERNAL_TOKEN_SECRET, testSubgraphConfig } from '@cee-hub/common/testing';
import { REVIEW_UPDATES, reviewWorkflowId, type ReviewState } from '@cee-hub/contracts';
import { seededActor as staff } from '@cee-hub/db';
import { createReviewActivities } from '@cee-hub/filings/activities';
import { createFilingsDataSource, startFilingsServer } from '@cee-hub/filings/server';
import type { DataSource } from 'typeorm';
import { recordHistory } from './testing/histories';
import { startTestWorker, type TestWorker } from './testing/test-worker';

const TASK_QUEUE = `review-test-${randomUUID()}`;
const ENTRY_DATE = addDays(today(), -2);
/** Durations of a path where nothing should time out. */
const QUIET = { REVIEW_STEP_SLA: '1 hour', CF28_RESPONSE_WINDOW: '1 hour', CF29_RESPONSE_WINDOW: '1 hour', LIQUIDATION_AFTER_ENTRY: '314 days' };

const ENTRY = staff('entry-specialist.electronics@cbp.example');
const IMPORT = staff('import-specialist.electronics@cbp.example');
const SUPERVISOR = staff('supervisor.electronics@cbp.example');
const PHARMA_ENTRY = staff('entry-specialist.pharma@cbp.example');
const ADMIN = staff('admin@cbp.example');
/** The second seeded HQ admin, so the four-eyes rule can be shown on a port's filing. */
const ADMIN_2 = staff('admin2@cbp.example');

let worker: TestWorker;
let running: TestWorker['running'];
let client: TestWorker['client'];
let dataSource: DataSource;
let server: RunningServer;
let call: ReturnType<typeof subgraphCaller>;
let PACIFIC: Identity;
let MIDWEST: Identity;

beforeAll(async () => {
  // The random compliance sample would make the paths flaky; it is covered by its own rate setting.
  process.env.REVIEW_RANDOM_SAMPLE_RATE = '0';
  Object.assign(process.env, QUIET);
  worker = await startTestWorker(TASK_QUEUE);
  ({ running, client } = worker);
  const config = testSubgraphConfig(process.env.TEST_DB_URL!);
  dataSource = await createFilingsDataSource(config).initialize();
  server = await startFilingsServer(config, dataSource, { client, taskQueue: TASK_QUEUE });
  call = subgraphCaller(`http://127.0.0.1:${server.port}/graphql`, TEST_INTERNAL_TOKEN_SECRET);
  const importers: Array<{ id: string; name: string }> = await dataSource.query('SELECT id, name FROM importers.importer');
  PACIFIC = { role: 'IMPORTER', importerId: importers.find((row) => row.name === 'Pacific Circuit Imports LLC')!.id, email: 'customs@pacific-circuit.example' };
  MIDWEST = { role: 'IMPORTER', importerId: importers.find((row) => row.name === 'Midwest Steel Supply Co.')!.id, email: 'customs@midwest-steel.example' };
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await worker?.stop();
  await dataSource?.destroy();
});

beforeEach(() => {
  Object.assign(process.env, QUIET);
});

let serial = randomInt(1_000_000, 8_000_000);

const REVIEW_FIELDS = `workflowId step version risk { score reasons lowRisk } claimedBy { id email role } stepDueAt escalated
  pendingAction { kind details changeKind proposedBy { id email } signedOffBy { id email } response respondedAt }
  responseDueAt liquidationDate updatedAt availableActions`;
const FILING = `query($id: ID!) { filing(id: $id) { id status review { ${REVIEW_FIELDS} } events { type fromStatus toStatus actor actorRole note } } }`;
const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber status } }`;
const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { id status review { ${REVIEW_FIELDS} } } }`;

interface Review {
  step: string;
  version: number;
  escalated: boolean;
  availableActions: string[];
  risk: { score: number; reasons: string[] } | null;
  claimedBy: { email: string } | null;
  stepDueAt: string | null;
  responseDueAt: string | null;
  liquidationDate: string | null;
  pendingAction: { kind: string; response: string | null; signedOffBy: { email: string } | null } | null;
}
interface Filing {
  id: string;
  status: string;
  review: Review | null;
  events: Array<{ type: string; fromStatus: string | null; toStatus: string; actor: string; note: string | null }>;
}

async function fileSummary(as: Identity, overrides: Record<string, unknown> = {}): Promise<{ id: string; entryNumber: string }> {
  const input = {
    entryNumber: formatEntryNumber('RVW', serial++),
    entryType: '03',
    portOfEntry: '2704',
    entryDate: ENTRY_DATE,
    lines: [{ htsNumber: '8471.30.0100', countryOfOrigin: 'TW', enteredValue: 1200, dutyRate: 2.5 }],
    ...overrides,
  };
  const { data, errors } = await call(as, FILE, { input });
  expect(errors).toBeUndefined();
  return data!.fileEntrySummary;
}

async function filing(id: string, as: Identity = ADMIN): Promise<Filing> {
  const { data, errors } = await call(as, FILING, { id });
  expect(errors).toBeUndefined();
  return data!.filing;
}

async function waitFor(id: string, predicate: (filing: Filing) => boolean, what: string, timeoutMs = 20_000): Promise<Filing> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await filing(id);
    if (predicate(current)) return current;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; review is ${JSON.stringify(current.review)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const atStep = (id: string, step: string) => waitFor(id, (f) => f.review?.step === step, `step ${step}`);

async function decide(as: Identity, id: string, action: string, extra: { note?: string; changeKind?: string; expectedVersion?: number } = {}) {
  const version = extra.expectedVersion ?? (await filing(id)).review!.version;
  return call(as, DECIDE, { input: { entrySummaryId: id, action, expectedVersion: version, note: extra.note, changeKind: extra.changeKind } });
}

async function decideOk(as: Identity, id: string, action: string, extra: { note?: string; changeKind?: string } = {}): Promise<Filing> {
  const { data, errors } = await decide(as, id, action, extra);
  expect(errors).toBeUndefined();
  return data!.decideReview;
}

/** A refused decision: the code, and nothing changed (same version, same events). */
async function refused(code: string, message: RegExp, attempt: () => Promise<{ errors?: Array<{ message: string; extensions?: Record<string, any> }> }>, id: string) {
  const before = await filing(id);
  const { errors } = await attempt();
  expect(errors?.[0]?.extensions?.code).toBe(code);
  expect(errors?.[0]?.message).toMatch(message);
  const after = await filing(id);
  expect(after.review!.version).toBe(before.review!.version);
  expect(after.events).toEqual(before.events);
}

/** Every transition wrote exactly one event: the FILED event plus one per recorded sequence number. */
async function expectNoEventTwice(id: string): Promise<void> {
  const [row] = await dataSource.query(
    `SELECT r.last_seq AS seq, (SELECT count(*)::int FROM filings.filing_event e WHERE e.entry_summary_id = r.entry_summary_id) AS events
       FROM filings.review r WHERE r.entry_summary_id = $1`,
    [id],
  );
  expect(row.events).toBe(row.seq + 1);
}

const types = (f: Filing) => f.events.map((event) => event.type);

async function finish(id: string, entryNumber: string, name: string): Promise<void> {
  await expectNoEventTwice(id);
  await recordHistory(client, reviewWorkflowId(entryNumber), name);
}

it('accepts a low-risk summary automatically and schedules liquidation from the entry date', async () => {
  const { id, entryNumber } = await fileSummary(PACIFIC, { entryType: '01' });
  const done = await atStep(id, 'ACCEPTED');
  expect(done.status).toBe('ACCEPTED');
  expect(types(done)).toEqual(['FILED', 'ACCEPTED']);
  expect(done.events[1]).toMatchObject({ fromStatus: 'FILED', toStatus: 'ACCEPTED', actorRole: 'SYSTEM' });
  expect(done.review!.liquidationDate).toBe(addDays(ENTRY_DATE, 314));
  expect(done.review!.risk).toMatchObject({ score: 0, lowRisk: true });
  // The importer sees its review but not CBP's risk reasons.
  expect((await filing(id, PACIFIC)).review!.risk).toBeNull();
  await finish(id, entryNumber, 'review-auto-accepted');
});

it('is accepted by the entry specialist who claimed it; wrong roles, Centers, steps and stale versions are refused', async () => {
  const { id, entryNumber } = await fileSummary(PACIFIC);
  const waiting = await atStep(id, 'ENTRY_REVIEW');
  expect(waiting.status).toBe('UNDER_REVIEW');
  expect(waiting.review!.risk!.reasons.join()).toMatch(/antidumping/);
  expect(Date.parse(waiting.review!.stepDueAt!)).toBeGreaterThan(Date.now() + 30 * 60_000);
  expect((await filing(id, ENTRY)).review!.availableActions).toEqual(['CLAIM']);
  expect((await filing(id, IMPORT)).review!.availableActions).toEqual([]);
  expect((await filing(id, PACIFIC)).review!.availableActions).toEqual([]);

  // In the entry specialists' queue of the Center, with its due date.
  const { data } = await call(ENTRY, `{ reviewQueue { nodes { id review { step stepDueAt } } pageInfo { hasNextPage } } }`);
  expect(data!.reviewQueue.nodes.map((node: { id: string }) => node.id)).toContain(id);

  await refused('FORBIDDEN', /is for the ENTRY_SPECIALIST role/, () => decide(IMPORT, id, 'CLAIM'), id);
  await refused('NOT_FOUND', /No entry summary has/, () => decide(PHARMA_ENTRY, id, 'CLAIM'), id);
  await refused('CONFLICT', /Claim entry summary/, () => decide(ENTRY, id, 'ACCEPT'), id);
  await refused('CONFLICT', /not possible .* at step ENTRY_REVIEW/, () => decide(ENTRY, id, 'SIGN_OFF'), id);
  const claimed = await decideOk(ENTRY, id, 'CLAIM');
  expect(claimed.review!.claimedBy!.email).toBe(ENTRY.email);
  expect(claimed.review!.availableActions).toEqual(['ACCEPT', 'REFER_TO_IMPORT_SPECIALIST', 'RETURN_TO_FILER']);
  await refused('CONFLICT', /changed since you looked/, () => decide(ENTRY, id, 'ACCEPT', { expectedVersion: claimed.review!.version - 1 }), id);
  await refused('BAD_USER_INPUT', /what the filer must correct/, () => decide(ENTRY, id, 'RETURN_TO_FILER'), id);

  // The workflow's own validator refuses too, whoever bypasses the graph.
  const handle = client.workflow.getHandle(reviewWorkflowId(entryNumber));
  await expect(
    handle.executeUpdate<ReviewState, [unknown]>(REVIEW_UPDATES.decide, {
      args: [{ action: 'ACCEPT', actor: { role: 'IMPORT_SPECIALIST', subject: IMPORT.subject, centerId: 'ELECTRONICS' }, expectedVersion: claimed.review!.version }],
    }),
  ).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });

  const accepted = await decideOk(ENTRY, id, 'ACCEPT', { note: 'classification and value in order' });
  expect(accepted.status).toBe('ACCEPTED');
  expect(accepted.review!.step).toBe('ACCEPTED');
  await refused('CONFLICT', /not possible/, () => decide(ENTRY, id, 'ACCEPT'), id);
  expect(types(await filing(id))).toEqual(['FILED', 'REVIEW_STARTED', 'REVIEW_CLAIMED', 'ACCEPTED']);
  await finish(id, entryNumber, 'review-entry-specialist-accepted');
});

async function atImportReview(as: Identity = PACIFIC, overrides: Record<string, unknown> = {}): Promise<{ id: string; entryNumber: string }> {
  const filed = await fileSummary(as, overrides);
  await atStep(filed.id, 'ENTRY_REVIEW');
  await decideOk(ENTRY, filed.id, 'CLAIM');
  const referred = await decideOk(ENTRY, filed.id, 'REFER_TO_IMPORT_SPECIALIST', { note: 'AD/CVD case: valuation question' });
  expect(referred.review).toMatchObject({ step: 'IMPORT_REVIEW', claimedBy: null });
  await decideOk(IMPORT, filed.id, 'CLAIM');
  return filed;
}

it('asks a CF-28 that the importer answers, then accepts', async () => {
  const { id, entryNumber } = await atImportReview();
  const asked = await decideOk(IMPORT, id, 'REQUEST_INFORMATION', { note: 'Send the commercial invoice and proof of the AD case number' });
  expect(asked.review).toMatchObject({ step: 'AWAITING_INFORMATION', pendingAction: { kind: 'CF28', response: null } });
  expect(Date.parse(asked.review!.responseDueAt!)).toBeGreaterThan(Date.now() + 30 * 60_000);
  expect((await filing(id, PACIFIC)).review!.availableActions).toEqual(['ANSWER_REQUEST_FOR_INFORMATION']);
  await refused('NOT_FOUND', /No entry summary has/, () => call(MIDWEST, `mutation { answerRequestForInformation(entrySummaryId: "${id}", answer: "x") { id } }`), id);
  const { data, errors } = await call(
    PACIFIC,
    `mutation($id: ID!) { answerRequestForInformation(entrySummaryId: $id, answer: "Invoice 4711 attached; case A-570-xyz") { status review { step pendingAction { response } } } }`,
    { id },
  );
  expect(errors).toBeUndefined();
  // The importer sees CBP at work, not which of its staff steps (filing-audience).
  expect(data!.answerRequestForInformation.review).toMatchObject({ step: 'CBP_REVIEW', pendingAction: { response: 'Invoice 4711 attached; case A-570-xyz' } });
  expect((await filing(id)).review!.step).toBe('IMPORT_REVIEW');
  await refused('CONFLICT', /awaits a reply/, () => call(PACIFIC, `mutation { answerRequestForInformation(entrySummaryId: "${id}", answer: "again") { id } }`), id);
  await refused('BAD_USER_INPUT', /changeKind/, () => decide(IMPORT, id, 'PROPOSE_NOTICE_OF_ACTION', { note: 'value change' }), id);
  // The import specialist kept the claim while the importer answered.
  const accepted = await decideOk(IMPORT, id, 'ACCEPT');
  expect(accepted.status).toBe('ACCEPTED');
  expect(types(await filing(id))).toEqual(['FILED', 'REVIEW_STARTED', 'REVIEW_CLAIMED', 'REFERRED', 'REVIEW_CLAIMED', 'CF28_ISSUED', 'CF28_ANSWERED', 'ACCEPTED']);
  await finish(id, entryNumber, 'review-cf28-answered');
});

it('continues without an answer once the CF-28 window has passed', async () => {
  process.env.CF28_RESPONSE_WINDOW = '2s';
  const { id, entryNumber } = await atImportReview();
  await decideOk(IMPORT, id, 'REQUEST_INFORMATION', { note: 'Send the mill certificate' });
  const lapsed = await waitFor(id, (f) => types(f).includes('CF28_UNANSWERED'), 'the CF-28 window to pass');
  expect(lapsed.review).toMatchObject({ step: 'IMPORT_REVIEW', pendingAction: { kind: 'CF28', response: null }, claimedBy: { email: IMPORT.email } });
  await refused('CONFLICT', /awaits a reply/, () => call(PACIFIC, `mutation { answerRequestForInformation(entrySummaryId: "${id}", answer: "late") { id } }`), id);
  expect((await decideOk(IMPORT, id, 'ACCEPT')).status).toBe('ACCEPTED');
  await finish(id, entryNumber, 'review-cf28-timed-out');
});

it('sends a CF-29 only after a supervisor signs it off, and accepts with the change after the response', async () => {
  const { id, entryNumber } = await atImportReview();
  const proposed = await decideOk(IMPORT, id, 'PROPOSE_NOTICE_OF_ACTION', { changeKind: 'RATE', note: 'Duty rate 25% under the AD order, not 2.5%' });
  expect(proposed.review).toMatchObject({ step: 'SIGN_OFF', pendingAction: { kind: 'CF29', signedOffBy: null } });
  expect((await filing(id, SUPERVISOR)).review!.availableActions).toEqual(['SIGN_OFF', 'DECLINE_SIGN_OFF']);
  await refused('FORBIDDEN', /is for the SUPERVISOR role/, () => decide(IMPORT, id, 'SIGN_OFF'), id);
  await refused('CONFLICT', /not possible while the review .* is at step SIGN_OFF/, () => decide(IMPORT, id, 'PROPOSE_NOTICE_OF_ACTION', { note: 'x', changeKind: 'VALUE' }), id);
  const sent = await decideOk(SUPERVISOR, id, 'SIGN_OFF');
  expect(sent.review).toMatchObject({ step: 'AWAITING_NOTICE_RESPONSE', pendingAction: { signedOffBy: { email: SUPERVISOR.email } } });
  expect((await filing(id, PACIFIC)).review!.availableActions).toEqual(['RESPOND_TO_NOTICE_OF_ACTION']);
  const { errors } = await call(PACIFIC, `mutation($id: ID!) { respondToNoticeOfAction(entrySummaryId: $id, response: "We accept the rate") { id } }`, { id });
  expect(errors).toBeUndefined();
  const back = await filing(id, IMPORT);
  expect(back.review).toMatchObject({ step: 'IMPORT_REVIEW', pendingAction: { kind: 'CF29', response: 'We accept the rate' } });
  expect(back.review!.availableActions).toContain('ACCEPT_WITH_CHANGE');
  const accepted = await decideOk(IMPORT, id, 'ACCEPT_WITH_CHANGE');
  expect(accepted.status).toBe('ACCEPTED');
  const log = await filing(id);
  expect(types(log).slice(-5)).toEqual(['REVIEW_CLAIMED', 'CF29_PROPOSED', 'CF29_ISSUED', 'CF29_RESPONDED', 'ACCEPTED_WITH_CHANGE']);
  expect(log.events.at(-1)!.note).toMatch(/RATE change/);
  await finish(id, entryNumber, 'review-cf29-signed-off');
});

it("refuses the proposer's own sign-off; a port's filing is reviewed by CBP admins and rejected after another admin signs off", async () => {
  const { id, entryNumber } = await fileSummary(MIDWEST, { lines: [{ htsNumber: '7208.39.0015', countryOfOrigin: 'BR', enteredValue: 5000, dutyRate: 0 }] });
  const waiting = await atStep(id, 'ENTRY_REVIEW');
  expect(waiting.review!.risk!.reasons.join()).toMatch(/sensitive heading 7208/);
  await refused('NOT_FOUND', /No entry summary has/, () => decide(ENTRY, id, 'CLAIM'), id);
  expect((await call(ADMIN, `{ reviewQueue(role: ENTRY_SPECIALIST) { nodes { id } } }`)).data!.reviewQueue.nodes.map((n: { id: string }) => n.id)).toContain(id);
  await decideOk(ADMIN, id, 'CLAIM');
  await decideOk(ADMIN, id, 'REFER_TO_IMPORT_SPECIALIST');
  await decideOk(ADMIN, id, 'CLAIM');
  await decideOk(ADMIN, id, 'REJECT', { note: 'Country of origin is not supported by the mill certificate' });
  await refused('FORBIDDEN', /another CBP admin \(a filing processed by its port takes two admins\) must sign it off/, () => decide(ADMIN, id, 'SIGN_OFF'), id);
  const rejected = await decideOk(ADMIN_2, id, 'SIGN_OFF');
  expect(rejected.status).toBe('REJECTED');
  expect(rejected.review!.step).toBe('REJECTED');
  const result = await client.workflow.getHandle(reviewWorkflowId(entryNumber)).result();
  expect(result).toMatchObject({ step: 'REJECTED', status: 'REJECTED' });
  await finish(id, entryNumber, 'review-refused-self-sign-off');
});

it('leaves the review where the database has it when the store refuses a transition for good, and goes on after', async () => {
  const { id, entryNumber } = await fileSummary(PACIFIC);
  await atStep(id, 'ENTRY_REVIEW');
  // A constraint the validators know nothing of: the recording activity fails with SQLSTATE 23514 on every try.
  await dataSource.query(`CREATE OR REPLACE FUNCTION filings.refuse_test_note() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.note = 'refused by the store' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$`);
  await dataSource.query(`CREATE TRIGGER refuse_test_note BEFORE INSERT ON filings.filing_event FOR EACH ROW EXECUTE FUNCTION filings.refuse_test_note()`);
  try {
    await refused('BAD_USER_INPUT', /cannot store this change \(SQLSTATE 23514\); nothing was changed/, () => decide(ENTRY, id, 'CLAIM', { note: 'refused by the store' }), id);
  } finally {
    await dataSource.query('DROP TRIGGER refuse_test_note ON filings.filing_event');
    await dataSource.query('DROP FUNCTION filings.refuse_test_note()');
  }
  const graph = (await filing(id)).review!;
  const workflow = await client.workflow.getHandle(reviewWorkflowId(entryNumber)).query<{ step: string; version: number; claimedBy: unknown }>('reviewState');
  expect({ step: workflow.step, version: workflow.version, claimedBy: workflow.claimedBy }).toEqual({ step: graph.step, version: graph.version, claimedBy: null });
  const claimed = await decideOk(ENTRY, id, 'CLAIM');
  expect(claimed.review!.claimedBy!.email).toBe(ENTRY.email);
  await expectNoEventTwice(id);
});

it('returns a summary to the filer, who corrects it; validated again, it is reviewed from the start', async () => {
  const { id, entryNumber } = await fileSummary(PACIFIC);
  await atStep(id, 'ENTRY_REVIEW');
  await decideOk(ENTRY, id, 'CLAIM');
  const returned = await decideOk(ENTRY, id, 'RETURN_TO_FILER', { note: 'Entry type 03 but no AD/CVD case is declared' });
  expect(returned.status).toBe('RETURNED');
  expect((await filing(id, PACIFIC)).review!.availableActions).toEqual(['CORRECT']);
  const CORRECT = `mutation($id: ID!, $input: CorrectEntrySummaryInput!) { correctEntrySummary(id: $id, input: $input) { status totalEnteredValue lines { htsNumber } } }`;
  const good = { entryType: '01', entryDate: ENTRY_DATE, lines: [{ htsNumber: '8471.30.0100', countryOfOrigin: 'TW', enteredValue: 1500, dutyRate: 0 }] };
  await refused('BAD_USER_INPUT', /lines\[0\]\.htsNumber/, () => call(PACIFIC, CORRECT, { id, input: { ...good, lines: [{ ...good.lines[0], htsNumber: '12' }] } }), id);
  await refused('FORBIDDEN', /importer/i, () => call(ENTRY, CORRECT, { id, input: good }), id);
  const { errors } = await call(PACIFIC, CORRECT, { id, input: good });
  expect(errors).toBeUndefined();
  const done = await atStep(id, 'ACCEPTED');
  expect(types(done)).toEqual(['FILED', 'REVIEW_STARTED', 'REVIEW_CLAIMED', 'RETURNED', 'CORRECTED', 'ACCEPTED']);
  expect(done.events[4]).toMatchObject({ fromStatus: 'RETURNED', toStatus: 'FILED' });
  const [row] = await dataSource.query(`SELECT entry_type, total_entered_value::float8 AS total FROM filings.entry_summary WHERE id = $1`, [id]);
  expect(row).toEqual({ entry_type: '01', total: 1500 });
  await finish(id, entryNumber, 'review-returned-corrected');
});

it("escalates a step left past its SLA to the Center's supervisors, once, and shows it in their queue", async () => {
  process.env.REVIEW_STEP_SLA = '2s';
  const { id, entryNumber } = await fileSummary(PACIFIC);
  const escalated = await waitFor(id, (f) => f.review?.escalated === true, 'the escalation');
  expect(escalated.review!.step).toBe('ENTRY_REVIEW');
  const event = escalated.events.at(-1)!;
  expect(event).toMatchObject({ type: 'ESCALATED', fromStatus: 'UNDER_REVIEW', toStatus: 'UNDER_REVIEW' });
  expect(event.note).toMatch(/ELECTRONICS Center's supervisors: supervisor\.electronics@cbp\.example/);
  const { data } = await call(SUPERVISOR, `{ reviewQueue { nodes { id review { step escalated } } } }`);
  expect(data!.reviewQueue.nodes).toContainEqual({ id, review: { step: 'ENTRY_REVIEW', escalated: true } });
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(types(await filing(id)).filter((type) => type === 'ESCALATED')).toHaveLength(1);
  await decideOk(ENTRY, id, 'CLAIM');
  expect((await decideOk(ENTRY, id, 'ACCEPT')).status).toBe('ACCEPTED');
  await finish(id, entryNumber, 'review-sla-escalation');
});

it('liquidates an accepted summary when the time after the entry date has passed', async () => {
  const sinceEntry = Date.now() - Date.parse(`${ENTRY_DATE}T00:00:00Z`);
  process.env.LIQUIDATION_AFTER_ENTRY = `${sinceEntry + 4000}ms`;
  const { id, entryNumber } = await fileSummary(PACIFIC, { entryType: '01' });
  const accepted = await atStep(id, 'ACCEPTED');
  expect(accepted.status).toBe('ACCEPTED');
  const liquidated = await atStep(id, 'LIQUIDATED');
  expect(liquidated.status).toBe('LIQUIDATED');
  expect(types(liquidated)).toEqual(['FILED', 'ACCEPTED', 'LIQUIDATED']);
  expect(liquidated.events[2]).toMatchObject({ fromStatus: 'ACCEPTED', toStatus: 'LIQUIDATED' });
  expect(await client.workflow.getHandle(reviewWorkflowId(entryNumber)).result()).toMatchObject({ step: 'LIQUIDATED' });
  await finish(id, entryNumber, 'review-liquidation');
});

it('starting a review twice is harmless', async () => {
  const { id, entryNumber } = await fileSummary(PACIFIC, { entryType: '01' });
  await atStep(id, 'ACCEPTED');
  const again = await client.workflow
    .start('reviewEntrySummary', { taskQueue: TASK_QUEUE, workflowId: reviewWorkflowId(entryNumber), args: [{}], workflowIdReusePolicy: 'REJECT_DUPLICATE' })
    .catch((error: Error) => error.name);
  expect(again).toBe('WorkflowExecutionAlreadyStartedError');
  await expectNoEventTwice(id);
});

it('writes nothing when a transition is recorded again (a retried activity)', async () => {
  const { id } = await fileSummary(PACIFIC, { entryType: '01' });
  await atStep(id, 'ACCEPTED');
  const [{ state }] = await dataSource.query(`SELECT state FROM filings.review WHERE entry_summary_id = $1`, [id]);
  const activities = createReviewActivities(running.dataSource);
  const again = await activities.recordReviewTransition({ state, event: { type: 'ACCEPTED', fromStatus: 'FILED', actor: 'review-workflow', actorRole: 'SYSTEM' } });
  expect(again).toEqual({ applied: false, eventId: null });
  expect(types(await filing(id))).toEqual(['FILED', 'ACCEPTED']);
  await expectNoEventTwice(id);
});
