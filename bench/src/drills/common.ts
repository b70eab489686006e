import { formatEntryNumber, subtractWorkingDays, today } from '@cee-hub/common';
import { importerRows } from '@cee-hub/db';
import { type DrillSystem, sleep } from '../support/drill-system';

export interface DrillResult {
  name: string;
  /** What the drill did, in a sentence. */
  did: string;
  /** What it counted. */
  counted: Record<string, number | string>;
  /** Everything that went wrong; empty when the drill passed. */
  losses: string[];
  seconds: number;
}

export type DrillSize = 'full' | 'reduced';

export interface DrillContext {
  system: DrillSystem;
  size: DrillSize;
  log: (line: string) => void;
}

export const PACIFIC: { id: string; name: string; contactEmail: string } = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;
export const ADMIN = 'admin@cbp.example';
export const ENTRY_SPECIALIST = 'entry-specialist.electronics@cbp.example';

export const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`;
export const REVIEW = `query($id: ID!) { filing(id: $id) { id status review { step version availableActions claimedBy { email } } } }`;
export const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { status review { step version claimedBy { email } } } }`;
export const HIGH_VALUE_LINES = [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }];

/** A working day `count` working days before today, so the 10-working-day rule holds whenever this runs. */
export function workingDaysAgo(count: number): string {
  return subtractWorkingDays(today(), count);
}

let serial = Math.floor(Math.random() * 1_000_000) * 7;

/** A valid entry number not used before in this run. */
export function freshEntryNumber(filerCode = 'DRL'): string {
  serial += 1;
  return formatEntryNumber(filerCode, serial % 10_000_000);
}

/** A valid, low-risk entry summary of Pacific Circuit Imports; override fields to change it. */
export function entrySummaryInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const entryDate = workingDaysAgo(2);
  return {
    entryNumber: freshEntryNumber(),
    entryType: '01',
    importerId: PACIFIC.id,
    portOfEntry: '2704',
    entryDate,
    releaseDate: entryDate,
    lines: [
      { htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 12_500.5, dutyRate: 0 },
      { htsNumber: '8708.29.5160', countryOfOrigin: 'MX', enteredValue: 1_000, dutyRate: 2.5 },
    ],
    ...overrides,
  };
}

/** Files a summary as Pacific and returns its id, or throws with the errors. */
export async function file(system: DrillSystem, overrides: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await system.query(FILE, { input: entrySummaryInput(overrides) }, PACIFIC.contactEmail);
  if (errors || !data) throw new Error(`filing failed: ${JSON.stringify(errors)}`);
  return data.fileEntrySummary.id;
}

/** Polls a filing through the gateway as `as` until `done` holds. */
export async function waitForFiling(system: DrillSystem, id: string, as: string, done: (filing: any) => boolean, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const response = await system.query(REVIEW, { id }, as).catch((error: unknown) => ({ data: undefined, error }));
    last = response;
    const filing = (response as any).data?.filing;
    if (filing && done(filing)) return filing;
    if (Date.now() > deadline) throw new Error(`filing ${id} did not get there: ${JSON.stringify(last)}`);
    await sleep(250);
  }
}

/** Polls the database until every summary has one of `statuses`; returns the ones that did not in time. */
export async function waitForStatuses(system: DrillSystem, ids: string[], statuses: string[], timeoutMs: number): Promise<Map<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await system.sql<{ id: string; status: string }>(`SELECT id, status FROM filings.entry_summary WHERE id = ANY($1::uuid[])`, [ids]);
    const behind = new Map(rows.filter((row) => !statuses.includes(row.status)).map((row) => [row.id, row.status]));
    for (const id of ids) if (!rows.some((row) => row.id === id)) behind.set(id, 'MISSING');
    if (behind.size === 0 || Date.now() > deadline) return behind;
    await sleep(500);
  }
}

/** Events written more than once for one summary (same type and resulting status). */
export async function duplicateEvents(system: DrillSystem, ids: string[]): Promise<string[]> {
  const rows = await system.sql<{ id: string; type: string; to_status: string; n: string }>(
    `SELECT entry_summary_id AS id, type, to_status, count(*) AS n FROM filings.filing_event
      WHERE entry_summary_id = ANY($1::uuid[]) GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    [ids],
  );
  return rows.map((row) => `${row.id}: ${row.type} → ${row.to_status} written ${row.n} times`);
}

export const codeOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> | null }): string | undefined =>
  response.errors?.[0]?.extensions?.code;

/** Runs one drill, timing it and turning a thrown error into a loss. */
export async function timed(name: string, run: () => Promise<Omit<DrillResult, 'name' | 'seconds'>>): Promise<DrillResult> {
  const started = Date.now();
  try {
    const result = await run();
    return { name, ...result, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    return { name, did: 'stopped by an error', counted: {}, losses: [`the drill failed: ${(error as Error)?.stack ?? String(error)}`], seconds: (Date.now() - started) / 1000 };
  }
}
