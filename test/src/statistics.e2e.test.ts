import { today } from '@cee-hub/common';
import { importerRows } from '@cee-hub/db';
import {
  ADMIN_EMAIL as ADMIN,
  ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST,
  ELECTRONICS_IMPORT_SPECIALIST_EMAIL as IMPORT_SPECIALIST,
  PHARMA_ENTRY_SPECIALIST_EMAIL as PHARMA_SPECIALIST,
} from '@cee-hub/db/seeded-users';
import { entrySummaryInput, startSystem, type System, waitForFiling } from '@cee-hub/launcher/testing';

const PACIFIC = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
const HIGH_VALUE_LINES = [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }];
const ELECTRONICS_DIRECTOR = { role: 'CENTER_DIRECTOR' as const, subject: 'director-electronics', email: 'director.electronics@cbp.example', centerId: 'ELECTRONICS' };

let system: System;
/** The first day of the period: the day the test files its summaries (UTC), before any of them. */
let from: string;

const FIGURES = 'filings enteredValue duty';
const STATISTICS = `
  from to processing center { id }
  totals { ${FIGURES} } byStatus { status ${FIGURES} }
  topHeadings { key ${FIGURES} } topCountriesOfOrigin { key ${FIGURES} } topPortsOfEntry { key ${FIGURES} } topImporters { importer { id name } ${FIGURES} }
  informationRequests { cf28Issued cf28Answered cf28MedianResponseSeconds cf29Issued cf29Responded cf29MedianResponseSeconds returned corrected }
  openSteps { step open breached escalated dueWithin24Hours }
  staffDecisionTimes { count p50Seconds p90Seconds } automaticAcceptanceTimes { count p50Seconds p90Seconds }
  weekly { weekStart filings enteredValue decisions automaticAcceptances }
  workload { staffEmail role claimed decided medianStepSeconds }`;
const CENTER_STATISTICS = `query($center: ID!, $from: LocalDate!, $to: LocalDate!) { center(id: $center) { statistics(from: $from, to: $to) { ${STATISTICS} } } }`;
const NATIONAL_STATISTICS = `query($from: LocalDate!, $to: LocalDate!, $processing: StatisticsProcessing) { statistics(from: $from, to: $to, processing: $processing) { ${STATISTICS} } }`;

beforeAll(async () => {
  system = await startSystem({
    database: { scratchOn: process.env.E2E_PG_SERVER_URL! },
    // No random sample, so low value is accepted automatically and high value goes to the queue.
    env: { REVIEW_RANDOM_SAMPLE_RATE: '0', REVIEW_STEP_SLA: '1 hour' },
  });
  from = today();
  await fileThePeriod();
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

async function file(overrides: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await system.query(`mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id } }`, { input: entrySummaryInput(PACIFIC.id, overrides) }, PACIFIC.contactEmail);
  expect(errors).toBeUndefined();
  return data!.fileEntrySummary.id;
}

/** Takes the decision `action` as `as` once the review is at `step`, claiming it first where it must be. */
async function decide(id: string, as: string, step: string, action: string, extra: Record<string, unknown> = {}): Promise<void> {
  const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { id } }`;
  let review = (await waitForFiling(system, id, as, (f) => f.review?.step === step)).review;
  if (!review.availableActions.includes(action)) {
    expect((await system.query(DECIDE, { input: { entrySummaryId: id, action: 'CLAIM', expectedVersion: review.version } }, as)).errors).toBeUndefined();
    review = (await waitForFiling(system, id, as, (f) => f.review?.availableActions.includes(action))).review;
  }
  expect((await system.query(DECIDE, { input: { entrySummaryId: id, action, expectedVersion: review.version, ...extra } }, as)).errors).toBeUndefined();
}

/**
 * Two low-value summaries the review accepts on its own, one taken through a CF-28 to
 * acceptance by the specialists, and one left waiting in the entry specialists' queue.
 */
async function fileThePeriod(): Promise<void> {
  const automatic = [await file(), await file()];
  const reviewed = await file({ lines: HIGH_VALUE_LINES });
  await file({ lines: HIGH_VALUE_LINES, portOfEntry: '2709' });
  for (const id of automatic) await waitForFiling(system, id, ADMIN, (f) => f.status === 'ACCEPTED');

  await decide(reviewed, ENTRY_SPECIALIST, 'ENTRY_REVIEW', 'REFER_TO_IMPORT_SPECIALIST');
  await decide(reviewed, IMPORT_SPECIALIST, 'IMPORT_REVIEW', 'REQUEST_INFORMATION', { note: 'Send the commercial invoice' });
  await waitForFiling(system, reviewed, PACIFIC.contactEmail, (f) => f.review?.step === 'AWAITING_INFORMATION');
  const ANSWER = `mutation($id: ID!, $answer: String!) { answerRequestForInformation(entrySummaryId: $id, answer: $answer) { id } }`;
  expect((await system.query(ANSWER, { id: reviewed, answer: 'The invoice is attached' }, PACIFIC.contactEmail)).errors).toBeUndefined();
  await decide(reviewed, IMPORT_SPECIALIST, 'IMPORT_REVIEW', 'ACCEPT');
  await waitForFiling(system, reviewed, ADMIN, (f) => f.status === 'ACCEPTED');
}

async function centerStatistics(as: string | typeof ELECTRONICS_DIRECTOR, center = 'ELECTRONICS', period = { from, to: today() }) {
  return system.query(CENTER_STATISTICS, { center, ...period }, as);
}

it("counts a Center's filings, reviews and work in the database, the automatic acceptances apart", async () => {
  const { data, errors } = await centerStatistics(ENTRY_SPECIALIST);
  expect(errors).toBeUndefined();
  const statistics = data!.center.statistics;
  expect(statistics).toMatchObject({ from, processing: 'CENTER', center: { id: 'ELECTRONICS' } });

  // 2 × 13 500.50 low value, 2 × 300 000 high value; duty 2.5 % of the 1 000 of heading 8708.
  expect(statistics.totals).toEqual({ filings: 4, enteredValue: 627_001, duty: 50 });
  expect(statistics.byStatus).toEqual([
    { status: 'ACCEPTED', filings: 3, enteredValue: 327_001, duty: 50 },
    { status: 'UNDER_REVIEW', filings: 1, enteredValue: 300_000, duty: 0 },
  ]);
  expect(statistics.topHeadings).toEqual([
    { key: '8542', filings: 4, enteredValue: 625_001, duty: 0 },
    { key: '8708', filings: 2, enteredValue: 2_000, duty: 50 },
  ]);
  expect(statistics.topCountriesOfOrigin.map((row: any) => row.key)).toEqual(['KR', 'MX']);
  expect(statistics.topPortsOfEntry.map((row: any) => [row.key, row.filings])).toEqual([['2704', 3], ['2709', 1]]);
  expect(statistics.topImporters).toEqual([{ importer: { id: PACIFIC.id, name: PACIFIC.name }, filings: 4, enteredValue: 627_001, duty: 50 }]);

  const requests = statistics.informationRequests;
  expect(requests).toMatchObject({ cf28Issued: 1, cf28Answered: 1, cf29Issued: 0, cf29Responded: 0, cf29MedianResponseSeconds: null, returned: 0, corrected: 0 });
  expect(requests.cf28MedianResponseSeconds).toBeGreaterThan(0);

  // The one left in the entry specialists' queue is due within the hour's SLA.
  expect(statistics.openSteps).toEqual([
    { step: 'ENTRY_REVIEW', open: 1, breached: 0, escalated: 0, dueWithin24Hours: 1 },
    { step: 'IMPORT_REVIEW', open: 0, breached: 0, escalated: 0, dueWithin24Hours: 0 },
    { step: 'SIGN_OFF', open: 0, breached: 0, escalated: 0, dueWithin24Hours: 0 },
  ]);
  expect(statistics.automaticAcceptanceTimes.count).toBe(2);
  expect(statistics.staffDecisionTimes.count).toBe(1);
  expect(statistics.staffDecisionTimes.p50Seconds).toBeGreaterThan(statistics.automaticAcceptanceTimes.p50Seconds);
  expect(statistics.staffDecisionTimes.p90Seconds).toBe(statistics.staffDecisionTimes.p50Seconds);

  const weeks = statistics.weekly;
  expect(weeks.reduce((sum: number, week: any) => sum + week.filings, 0)).toBe(4);
  expect(weeks.reduce((sum: number, week: any) => sum + week.decisions, 0)).toBe(3);
  expect(weeks.reduce((sum: number, week: any) => sum + week.automaticAcceptances, 0)).toBe(2);
  expect(new Date(`${weeks[0].weekStart}T00:00:00Z`).getUTCDay()).toBe(1);

  const workload = Object.fromEntries(statistics.workload.map((row: any) => [row.staffEmail, row]));
  expect(workload[ENTRY_SPECIALIST]).toMatchObject({ role: 'ENTRY_SPECIALIST', claimed: 1, decided: 1 });
  expect(workload[IMPORT_SPECIALIST]).toMatchObject({ role: 'IMPORT_SPECIALIST', decided: 2 });
  expect(workload[IMPORT_SPECIALIST].claimed).toBeGreaterThanOrEqual(1);
  expect(workload[IMPORT_SPECIALIST].medianStepSeconds).toBeGreaterThan(0);
  // The importer's answer is no CBP work.
  expect(workload[PACIFIC.contactEmail]).toBeUndefined();
});

it("gives national statistics to admins, the ports' filings among them", async () => {
  const of = async (processing: string) => {
    const { data, errors } = await system.query(NATIONAL_STATISTICS, { from, to: today(), processing }, ADMIN);
    expect(errors).toBeUndefined();
    return data!.statistics;
  };
  const [all, centers, ports] = [await of('ALL'), await of('CENTER'), await of('PORT')];
  expect(all).toMatchObject({ processing: 'ALL', center: null });
  expect(centers.totals.filings).toBeGreaterThanOrEqual(4);
  expect(all.totals.filings).toBe(centers.totals.filings + ports.totals.filings);
  expect(all.openSteps.find((row: any) => row.step === 'ENTRY_REVIEW').open).toBeGreaterThanOrEqual(1);
  // An admin sees a Center's as its staff do.
  expect((await centerStatistics(ADMIN)).data!.center.statistics.totals.filings).toBe(4);
});

it("shows a Center's statistics to its own staff and admins only, and the national ones to admins only", async () => {
  expect((await centerStatistics(ELECTRONICS_DIRECTOR)).errors).toBeUndefined();
  const otherCenter = await centerStatistics(PHARMA_SPECIALIST);
  expect(otherCenter.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  expect(otherCenter.errors![0]!.message).toMatch(/ELECTRONICS Center's staff and CBP admins/);
  expect((await centerStatistics(PACIFIC.contactEmail)).errors![0]!.extensions!.code).toBe('FORBIDDEN');
  expect((await system.query(CENTER_STATISTICS, { center: 'ELECTRONICS', from, to: today() })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  const national = await system.query(NATIONAL_STATISTICS, { from, to: today() }, ENTRY_SPECIALIST);
  expect(national.errors![0]!.extensions!.code).toBe('FORBIDDEN');
});

it('refuses a period out of order, over five years or malformed, naming the field', async () => {
  const reversed = await centerStatistics(ADMIN, 'ELECTRONICS', { from: '2026-03-01', to: '2026-02-28' });
  expect(reversed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  expect(reversed.errors![0]!.message).toMatch(/before it starts/);
  const long = await system.query(NATIONAL_STATISTICS, { from: '2020-01-01', to: '2025-01-02' }, ADMIN);
  expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  expect(long.errors![0]!.message).toMatch(/over 5 years; end it on 2025-01-01/);
  expect((await system.query(NATIONAL_STATISTICS, { from: '2020-01-01', to: '2025-01-01' }, ADMIN)).errors).toBeUndefined();
  const malformed = await system.query(NATIONAL_STATISTICS, { from: '2026-02-30', to: '2026-03-01' }, ADMIN);
  expect(malformed.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  expect(malformed.errors![0]!.message).toMatch(/\$from/);
});

it('prices statistics in the cost limit, told by the variables, the ten Centers as ten', async () => {
  const period = { from, to: today() };
  const perCenter = (alias: string) => `${alias}: centers { statistics(from: $from, to: $to) { totals { filings } } }`;
  // Every Center's and the national ones in one operation, as the console's overview asks, pass.
  const overview = await system.query(`query($from: LocalDate!, $to: LocalDate!) { ${perCenter('centers')} statistics(from: $from, to: $to) { totals { filings } } }`, period, ADMIN);
  expect(overview.errors).toBeUndefined();
  expect(overview.data!.centers).toHaveLength(10);
  // Twice the ten Centers' do not; nor do fifteen aliased national ones.
  const twenty = await system.query(`query($from: LocalDate!, $to: LocalDate!) { ${['a', 'b'].map(perCenter).join(' ')} }`, period, ADMIN);
  const fifteen = await system.query(`query($from: LocalDate!, $to: LocalDate!) { ${Array.from({ length: 15 }, (_, i) => `s${i}: statistics(from: $from, to: $to) { from }`).join(' ')} }`, period, ADMIN);
  for (const refused of [twenty, fifteen]) {
    expect(refused.data).toBeUndefined();
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 20_000 });
    expect(refused.errors![0]!.message).toMatch(/costs \d+, above the limit of 20000/);
  }
});
