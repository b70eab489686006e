import { importerRows } from '@cee-hub/db';
import { entrySummaryInput, startSystem, type System, waitForOnboarding } from '@cee-hub/launcher/testing';
import { ADMIN_EMAIL as ADMIN, MACHINERY_ACCOUNT_MANAGER_EMAIL as MACHINERY_ACCOUNT_MANAGER, PHARMA_ACCOUNT_MANAGER_EMAIL as PHARMA_ACCOUNT_MANAGER } from '@cee-hub/db/seeded-users';

const RIO_GRANDE = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!;
const SUNSHINE = importerRows.find((row) => row.name === 'Sunshine Produce Distributors')!;
const NOTICE = 'CEE-HUB-DEMO-2026';

let system: System;

beforeAll(async () => {
  system = await startSystem({ database: { scratchOn: process.env.E2E_PG_SERVER_URL! }, env: { REVIEW_RANDOM_SAMPLE_RATE: '0' } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it('takes a volunteer from application to participation, after which its filings go to the Center', async () => {
  const VOLUNTEER = `mutation($notice: ID!, $center: ID!) { volunteerForCenter(noticeId: $notice, centerId: $center) { state chosenCenter { id } } }`;
  const volunteered = await system.query(VOLUNTEER, { notice: NOTICE, center: 'MACHINERY' }, RIO_GRANDE.contactEmail);
  expect(volunteered.errors).toBeUndefined();
  const again = await system.query(VOLUNTEER, { notice: NOTICE, center: 'MACHINERY' }, RIO_GRANDE.contactEmail);
  expect(again.errors![0]!.extensions!.code).toBe('CONFLICT');

  const waiting = await waitForOnboarding(system, RIO_GRANDE.contactEmail, ['AWAITING_REVIEW']);
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
  const done = await waitForOnboarding(system, RIO_GRANDE.contactEmail, ['APPROVED']);
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
  const ended = await waitForOnboarding(system, SUNSHINE.contactEmail, ['INELIGIBLE']);
  expect(ended.onboarding.reasons.join(' ')).toMatch(/C-TPAT|ISA/);
  expect(ended.participation.status).toBe('NOT_PARTICIPATING');
});
