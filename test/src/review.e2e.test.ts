import { importerRows } from '@cee-hub/db';
import { entrySummaryInput, startSystem, type System, waitForFiling } from '@cee-hub/launcher/testing';
import { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST, PHARMA_ENTRY_SPECIALIST_EMAIL as PHARMA_SPECIALIST } from '@cee-hub/db/seeded-users';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;

let system: System;

beforeAll(async () => {
  system = await startSystem({
    database: { scratchOn: process.env.E2E_PG_SERVER_URL! },
    // Seconds instead of days, and no random sample, so each path is decided by what is filed.
    env: { REVIEW_RANDOM_SAMPLE_RATE: '0', LIQUIDATION_AFTER_ENTRY: '1s', REVIEW_STEP_SLA: '1 hour' },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`;

async function file(overrides: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await system.query(FILE, { input: entrySummaryInput(PACIFIC.id, overrides) }, PACIFIC.contactEmail);
  expect(errors).toBeUndefined();
  return data!.fileEntrySummary.id;
}

const HIGH_VALUE_LINES = [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }];

it('accepts a low-risk summary on its own and liquidates it', async () => {
  const id = await file();
  const filing = await waitForFiling(system, id, ADMIN, (f) => f.status === 'LIQUIDATED');
  expect(filing.events.map((e: any) => e.toStatus)).toEqual(expect.arrayContaining(['FILED', 'ACCEPTED', 'LIQUIDATED']));
});

it('walks a high-risk summary through the entry specialist to acceptance, refusing the wrong people', async () => {
  const id = await file({ lines: HIGH_VALUE_LINES });
  const waiting = await waitForFiling(system, id, ENTRY_SPECIALIST, (f) => f.review?.step === 'ENTRY_REVIEW');
  expect(waiting.review.availableActions).toContain('CLAIM');

  const queue = await system.query('{ reviewQueue(role: ENTRY_SPECIALIST, first: 50) { nodes { id } } }', undefined, ENTRY_SPECIALIST);
  expect(queue.data!.reviewQueue.nodes.map((n: any) => n.id)).toContain(id);

  const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { status review { step version claimedBy { email } } } }`;
  const otherCenter = await system.query(DECIDE, { input: { entrySummaryId: id, action: 'CLAIM', expectedVersion: waiting.review.version } }, PHARMA_SPECIALIST);
  // Another Center's filing is, to its staff, not there.
  expect(otherCenter.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  const importer = await system.query(DECIDE, { input: { entrySummaryId: id, action: 'ACCEPT', expectedVersion: waiting.review.version } }, PACIFIC.contactEmail);
  expect(importer.errors![0]!.extensions!.code).toBe('FORBIDDEN');

  const claimed = await system.query(DECIDE, { input: { entrySummaryId: id, action: 'CLAIM', expectedVersion: waiting.review.version } }, ENTRY_SPECIALIST);
  expect(claimed.errors).toBeUndefined();
  expect(claimed.data!.decideReview.review.claimedBy.email).toBe(ENTRY_SPECIALIST);
  const stale = await system.query(DECIDE, { input: { entrySummaryId: id, action: 'ACCEPT', expectedVersion: waiting.review.version } }, ENTRY_SPECIALIST);
  expect(stale.errors![0]!.extensions!.code).toBe('CONFLICT');

  const accepted = await system.query(
    DECIDE,
    { input: { entrySummaryId: id, action: 'ACCEPT', expectedVersion: claimed.data!.decideReview.review.version } },
    ENTRY_SPECIALIST,
  );
  expect(accepted.errors).toBeUndefined();
  expect(['ACCEPTED', 'LIQUIDATED']).toContain(accepted.data!.decideReview.status);
});

it('finishes every review once after the worker is killed mid-flight, writing no event twice', async () => {
  const ids = await Promise.all(Array.from({ length: 12 }, () => file()));
  await system.stack.kill('worker', 'SIGKILL');
  await system.stack.restart('worker');
  for (const id of ids) {
    const filing = await waitForFiling(system, id, ADMIN, (f) => f.status === 'LIQUIDATED');
    const transitions = filing.events.map((e: any) => `${e.type}:${e.toStatus}`);
    expect(new Set(transitions).size).toBe(transitions.length);
    expect(filing.events.filter((e: any) => e.toStatus === 'ACCEPTED')).toHaveLength(1);
    expect(filing.events.filter((e: any) => e.toStatus === 'LIQUIDATED')).toHaveLength(1);
  }
}, 120_000);
