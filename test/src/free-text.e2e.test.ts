/**
 * Generated hostile text (NUL, unpaired surrogates, over-long strings, wrapped in ordinary
 * Unicode with combining marks) sent through the gateway into the graph's free-text fields.
 * Each is refused up front as a client error, never INTERNAL_SERVER_ERROR, never a hang, and
 * the graph and the workflow stay at the same step; ordinary Unicode is stored as sent.
 */
import { Client, Connection } from '@temporalio/client';
import { onboardingWorkflowId } from '@cee-hub/contracts';
import { importerRows } from '@cee-hub/db';
import fc from 'fast-check';
import { eventually } from '@cee-hub/common/testing';
import { entrySummaryInput, startSystem, type System } from '@cee-hub/launcher/testing';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST, ELECTRONICS_IMPORT_SPECIALIST_EMAIL as IMPORT_SPECIALIST } from '@cee-hub/db/seeded-users';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const RIO_GRANDE = importerRows.find((row) => row.contactEmail === 'imports@riogrande-machinery.example')!;

/** How long one refusal may take before it counts as a hang. */
const ANSWER_WITHIN_MS = 10_000;
const RUNS = 12;

let system: System;
let temporal: Client;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0', REVIEW_STEP_SLA: '1 hour' } });
  temporal = new Client({ connection: await Connection.connect({ address: system.stack.temporalAddress }) });
}, 120_000);

afterAll(async () => {
  await temporal?.connection.close();
  await system?.stop();
});

/** Text the store cannot hold: a NUL or an unpaired surrogate amid ordinary Unicode, or far too much of it. */
const ordinary = fc.string({ unit: 'grapheme', maxLength: 30 });
const poison = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', 'e\u0301\u0000', '\ud83d');
const hostileText = fc.oneof(
  fc.tuple(ordinary, poison, ordinary).map(([before, bad, after]) => `${before}${bad}${after}`),
  fc.integer({ min: 10_001, max: 100_000 }).map((length) => 'é'.repeat(length)),
);

/** Sends an operation and fails on a hang; returns the first error's code (undefined when it was accepted). */
async function codeOf(query: string, variables: Record<string, unknown>, as?: string): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS);
  });
  try {
    const response = await Promise.race([system.query(query, variables, as), hang]);
    return response.errors?.[0]?.extensions?.code as string | undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Refused as a client error: the text rule (BAD_USER_INPUT) or the gateway's body limit. */
const REFUSED = ['BAD_USER_INPUT', 'PAYLOAD_TOO_LARGE'];

const REVIEW = `query($id: ID!) { filing(id: $id) { entryNumber review { step version pendingAction { response } } } }`;
const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { review { step version } } }`;

async function graphReview(id: string): Promise<{ entryNumber: string; step: string; version: number; response: string | null }> {
  const { data } = await system.query(REVIEW, { id }, ADMIN);
  const filing = data!.filing;
  return { entryNumber: filing.entryNumber, step: filing.review?.step, version: filing.review?.version, response: filing.review?.pendingAction?.response ?? null };
}

/** The graph's review and the workflow's own state agree on step and version. */
async function expectInStep(id: string, step: string): Promise<number> {
  const graph = await graphReview(id);
  const workflow = await temporal.workflow.getHandle(`review-${graph.entryNumber}`).query<{ step: string; version: number }>('reviewState');
  expect({ step: graph.step, version: graph.version }).toEqual({ step, version: workflow.version });
  expect(workflow.step).toBe(step);
  return graph.version;
}

async function decide(id: string, as: string, action: string, note?: string): Promise<void> {
  const { version } = await graphReview(id);
  const { errors } = await system.query(DECIDE, { input: { entrySummaryId: id, action, expectedVersion: version, note } }, as);
  expect(errors).toBeUndefined();
}

it('refuses hostile CF-28 answers and staff notes up front, keeping graph and workflow at the same step; stores ordinary Unicode as sent', async () => {
  const filed = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, {
    input: entrySummaryInput(PACIFIC.id, { lines: [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }] }),
  }, PACIFIC.contactEmail);
  const id = filed.data!.fileEntrySummary.id as string;
  await eventually('the review start', () => graphReview(id), (review) => review.step === 'ENTRY_REVIEW');
  await decide(id, ENTRY_SPECIALIST, 'CLAIM');
  await decide(id, ENTRY_SPECIALIST, 'REFER_TO_IMPORT_SPECIALIST');
  await decide(id, IMPORT_SPECIALIST, 'CLAIM');
  await decide(id, IMPORT_SPECIALIST, 'REQUEST_INFORMATION', 'Send the commercial invoice');
  await expectInStep(id, 'AWAITING_INFORMATION');

  const ANSWER = `mutation($id: ID!, $answer: String!) { answerRequestForInformation(entrySummaryId: $id, answer: $answer) { id } }`;
  await fc.assert(
    fc.asyncProperty(hostileText, async (answer) => {
      expect(REFUSED).toContain(await codeOf(ANSWER, { id, answer }, PACIFIC.contactEmail));
      await expectInStep(id, 'AWAITING_INFORMATION');
    }),
    { numRuns: RUNS },
  );

  const ordinaryAnswer = 'Invoice attached: Zürich e\u0301 👩‍🔧 \u202eok';
  expect(await codeOf(ANSWER, { id, answer: ordinaryAnswer }, PACIFIC.contactEmail)).toBeUndefined();
  await expectInStep(id, 'IMPORT_REVIEW');
  expect((await graphReview(id)).response).toBe(ordinaryAnswer);

  // The specialist's question of a second CF-28 goes through the same rule.
  await fc.assert(
    fc.asyncProperty(hostileText, async (note) => {
      const version = await expectInStep(id, 'IMPORT_REVIEW');
      expect(REFUSED).toContain(await codeOf(DECIDE, { input: { entrySummaryId: id, action: 'REQUEST_INFORMATION', expectedVersion: version, note } }, IMPORT_SPECIALIST));
    }),
    { numRuns: RUNS },
  );
  await expectInStep(id, 'IMPORT_REVIEW');
}, 240_000);

it('refuses a hostile withdrawal note, leaving the application where the workflow has it', async () => {
  const volunteered = await system.query(`mutation { volunteerForCenter(noticeId: "CEE-HUB-DEMO-2026", centerId: "MACHINERY") { id } }`, {}, RIO_GRANDE.contactEmail);
  expect(volunteered.errors).toBeUndefined();
  const state = async () => (await system.query('{ me { onboarding { state } } }', {}, RIO_GRANDE.contactEmail)).data!.me.onboarding;
  await eventually('the proposal', state, (onboarding) => onboarding.state === 'AWAITING_REVIEW');
  const workflowId = onboardingWorkflowId(RIO_GRANDE.id);
  const WITHDRAW = `mutation($note: String) { withdrawOnboarding(note: $note) { state } }`;
  await fc.assert(
    fc.asyncProperty(hostileText, async (note) => {
      expect(REFUSED).toContain(await codeOf(WITHDRAW, { note }, RIO_GRANDE.contactEmail));
      const workflow = await temporal.workflow.getHandle(workflowId).query<{ state: string }>('onboardingStatus');
      expect([(await state()).state, workflow.state]).toEqual(['AWAITING_REVIEW', 'AWAITING_REVIEW']);
    }),
    { numRuns: RUNS },
  );
}, 240_000);

it('refuses hostile text in registration, search and ids with BAD_USER_INPUT, writing nothing', async () => {
  const count = async () => (await system.query('{ importers(first: 1) { totalCount } }', {}, ADMIN)).data!.importers.totalCount as number;
  const before = await count();
  const REGISTER = `mutation($input: RegisterImporterInput!) { registerImporter(input: $input) { id } }`;
  let serial = 0;
  await fc.assert(
    fc.asyncProperty(hostileText, fc.constantFrom('name', 'street', 'city'), async (text, field) => {
      serial += 1;
      const address = { street: '1 Dock St', city: 'Long Beach', state: 'CA', postalCode: '90802', ...(field === 'name' ? {} : { [field]: text }) };
      const input = {
        importerNumber: `96-${String(4_000_000 + serial).padStart(7, '0')}00`,
        name: field === 'name' ? text : `Fuzzed Importer ${serial}`,
        contactEmail: `fuzz-${serial}@importer.example`,
        address,
      };
      expect(REFUSED).toContain(await codeOf(REGISTER, { input }));
      expect(REFUSED).toContain(await codeOf('query($search: String) { importers(filter: { search: $search }) { totalCount } }', { search: text }, ADMIN));
      expect(REFUSED).toContain(await codeOf('mutation($id: ID!) { volunteerForCenter(noticeId: $id, centerId: "MACHINERY") { id } }', { id: text }, PACIFIC.contactEmail));
    }),
    { numRuns: RUNS },
  );
  expect(await count()).toBe(before);
}, 240_000);
