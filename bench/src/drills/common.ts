import { eventually } from '@cee-hub/common/testing';
import { importerRows } from '@cee-hub/db';
import { entrySummaryInput as summaryOf, freshEntryNumber, type System } from '@cee-hub/launcher/testing';

export { ADMIN_EMAIL as ADMIN, ELECTRONICS_ENTRY_SPECIALIST_EMAIL as ENTRY_SPECIALIST } from '@cee-hub/db/seeded-users';

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
  system: System;
  size: DrillSize;
  log: (line: string) => void;
}

export const PACIFIC: { id: string; name: string; contactEmail: string } = importerRows.find((row) => row.name === 'Pacific Circuit Imports LLC')!;

export const FILE = `mutation($input: FileEntrySummaryInput!) { fileEntrySummary(input: $input) { id entryNumber } }`;
export const DECIDE = `mutation($input: ReviewDecisionInput!) { decideReview(input: $input) { status review { step version claimedBy { email } } } }`;
export const HIGH_VALUE_LINES = [{ htsNumber: '8542.31.0000', countryOfOrigin: 'KR', enteredValue: 300_000, dutyRate: 0 }];

/** A valid, low-risk entry summary of Pacific Circuit Imports, under the drills' own filer code; override fields to change it. */
export function entrySummaryInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return summaryOf(PACIFIC.id, { entryNumber: freshEntryNumber('DRL'), ...overrides });
}

/** Files a summary as Pacific and returns its id, or throws with the errors. */
export async function file(system: System, overrides: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await system.query(FILE, { input: entrySummaryInput(overrides) }, PACIFIC.contactEmail);
  if (errors || !data) throw new Error(`filing failed: ${JSON.stringify(errors)}`);
  return data.fileEntrySummary.id;
}

/** Whether `check` holds within `timeoutMs`: for a drill, a wait that ends in vain is a loss to report, not an error. */
export function holdsWithin(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs?: number): Promise<boolean> {
  return eventually(what, check, Boolean, { timeoutMs, intervalMs }).then(
    () => true,
    () => false,
  );
}

/** Polls the database until every summary has one of `statuses`; returns the ones that did not in time. */
export async function waitForStatuses(system: System, ids: string[], statuses: string[], timeoutMs: number): Promise<Map<string, string>> {
  const behind = async () => {
    const rows = await system.sql<{ id: string; status: string }>(`SELECT id, status FROM filings.entry_summary WHERE id = ANY($1::uuid[])`, [ids]);
    const late = new Map(rows.filter((row) => !statuses.includes(row.status)).map((row) => [row.id, row.status]));
    for (const id of ids) if (!rows.some((row) => row.id === id)) late.set(id, 'MISSING');
    return late;
  };
  return eventually(`every summary to reach ${statuses.join('/')}`, behind, (late) => late.size === 0, { timeoutMs, intervalMs: 500 }).catch(() => behind());
}

/** Row counts of every table in the application schemas. */
export async function tableCounts(system: System): Promise<Record<string, number>> {
  const tables = await system.sql<{ name: string }>(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
      WHERE table_schema IN ('centers', 'importers', 'filings') AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM ${name}`))[0]!.n);
  return counts;
}

/** The tables whose counts differ, as "table: before → after". */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).map((name) => `${name}: ${before[name]} → ${after[name]}`);
}

/**
 * The row counts once two readings `intervalMs` apart agree (reviews of earlier filings run
 * in the background), or the last reading after `timeoutMs`.
 */
export async function settledTableCounts(system: System, { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number }): Promise<Record<string, number>> {
  let previous: Record<string, number> | undefined;
  const unchanged = (counts: Record<string, number>) => {
    const still = previous !== undefined && countChanges(previous, counts).length === 0;
    previous = counts;
    return still;
  };
  return eventually('the row counts to hold still', () => tableCounts(system), unchanged, { timeoutMs, intervalMs }).catch(() => previous ?? tableCounts(system));
}

/** Every process's /health status code (0 when it does not answer). */
export async function healthOf(system: System): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [service, url] of Object.entries(system.stack.urls)) {
    result[service] = (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.status ?? 0;
  }
  return result;
}

/** Events written more than once for one summary (same type and resulting status). */
export async function duplicateEvents(system: System, ids: string[]): Promise<string[]> {
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
