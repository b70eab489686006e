import { importerRows } from '@cee-hub/db';
import { entrySummaryInput } from './support/filings';
import { startSystem, type System } from './support/system';

const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
const SUNSHINE = importerRows.find((row) => row.name === 'Sunshine Produce Distributors')!;
const NOTICE = 'CEE-HUB-DEMO-2026';
const ADMIN = 'admin@cbp.example';
const MACHINERY_ACCOUNT_MANAGER = 'account-manager.machinery@cbp.example';
const PHARMA_ACCOUNT_MANAGER = 'account-manager.pharma@cbp.example';

let system: System;

beforeAll(async () => {
  system = await startSystem({ env: { REVIEW_RANDOM_SAMPLE_RATE: '0' } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const ONBOARDING = `{ me { onboarding { state step reasons proposedCenter { id name } center { id } availableActions events { type } }
                          participation { status center { id name } accountManager { email } } } }`;

async function waitForState(as: string, states: string[]): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { data } = await system.query(ONBOARDING, undefined, as);
    if (states.includes(data?.me?.onboarding?.state)) return data!.me;
    if (Date.now() > deadline) throw new Error(`onboarding did not reach ${states.join('/')}: ${JSON.stringify(data)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('takes a volunteer from application to participation, after which its filings go to the Center', async () => {
  const VOLUNTEER = `mutation($notice: ID!, $center: ID!) { volunteerForCenter(noticeId: $notice, centerId: $center) { state chosenCenter { id } } }`;
  const volunteered = await system.query(VOLUNTEER, { notice: NOTICE, center: 'MACHINERY' }, RIO_GRANDE.contactEmail);
  expect(volunteered.errors).toBeUndefined();
  const again = await system.query(VOLUNTEER, { notice: NOTICE, center: 'MACHINERY' }, RIO_GRANDE.contactEmail);
  expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');

  const waiting = await waitForState(RIO_GRANDE.contactEmail, ['AWAITING_REVIEW']);
  // Its filed lines are machinery (chapter 84), so that is the Center proposed.
  expect(waiting.onboarding.proposedCenter).toEqual({ id: 'MACHINERY', name: 'Machinery' });
  expect(waiting.onboarding.availableActions).toContain('WITHDRAW');

  const DECIDE = `mutation($importer: ID!, $input: OnboardingDecisionInput!) { decideOnboarding(importerId: $importer, input: $input) { state } }`;
  const otherCenter = await system.query(DECIDE, { importer: RIO_GRANDE.id, input: { decision: 'APPROVE' } }, PHARMA_ACCOUNT_MANAGER);
  expect(otherCenter.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  const byImporter = await system.query(DECIDE, { importer: RIO_GRANDE.id, input: { decision: 'APPROVE' } }, RIO_GRANDE.contactEmail);
  expect(byImporter.errors![0]!.extensions!.code).toBe('FORBIDDEN');

  const queue = await system.query('{ onboardings(filter: { state: AWAITING_REVIEW }) { nodes { importer { name } } } }', undefined, MACHINERY_ACCOUNT_MANAGER);
  expect(queue.data!.onboardings.nodes).toContainEqual({ importer: { name: RIO_GRANDE.name } });

  const approved = await system.query(DECIDE, { importer: RIO_GRANDE.id, input: { decision: 'APPROVE', note: 'Welcome' } }, ADMIN);
  expect(approved.errors).toBeUndefined();
  const done = await waitForState(RIO_GRANDE.contactEmail, ['APPROVED']);
  expect(done.participation).toEqual({
    status: 'PARTICIPATING',
    center: { id: 'MACHINERY', name: 'Machinery' },
    accountManager: { email: MACHINERY_ACCOUNT_MANAGER },
  });

  const filed = await system.query(
    'mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { processingCenter { id } portOfEntry } }',
    { input: entrySummaryInput(RIO_GRANDE.id, { portOfEntry: '2304' }) },
    RIO_GRANDE.contactEmail,
  );
  expect(filed.errors).toBeUndefined();
  expect(filed.data!.fileEntrySummary).toEqual({ processingCenter: { id: 'MACHINERY' }, portOfEntry: '2304' });
});

it('ends an ineligible application at once and says why', async () => {
  const { errors } = await system.query(
    'mutation { volunteerForCenter(noticeId: "CEE-HUB-DEMO-2026", centerId: "AGRICULTURE") { state } }',
    undefined,
    SUNSHINE.contactEmail,
  );
  expect(errors).toBeUndefined();
  const ended = await waitForState(SUNSHINE.contactEmail, ['INELIGIBLE']);
  expect(ended.onboarding.reasons.join(' ')).toMatch(/C-TPAT|ISA/);
  expect(ended.participation.status).toBe('NOT_PARTICIPATING');
});
