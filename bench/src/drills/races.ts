import { randomUUID } from 'node:crypto';
import type { Identity } from '@cee-hub/common';
import { findTemporalCli } from '@cee-hub/launcher/temporal-dev-server';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { type System, waitForFiling } from '@cee-hub/launcher/testing';
import { codeOf, DECIDE, type DrillContext, type DrillResult, ENTRY_SPECIALIST, entrySummaryInput, FILE, file, HIGH_VALUE_LINES, PACIFIC, timed } from './common';

/** How many workflows Temporal holds under one id, by the Temporal CLI; undefined when it cannot say. */
async function temporalWorkflowCount(system: System, workflowId: string): Promise<number | undefined> {
  try {
    const repoRoot = path.resolve(__dirname, '../../..');
    const cli = await findTemporalCli(path.join(repoRoot, '.tools'), () => undefined);
    const { stdout } = await promisify(execFile)(cli, [
      'workflow', 'count', '--address', system.stack.temporalAddress, '--query', `WorkflowId = '${workflowId}'`, '--output', 'json',
    ]);
    return Number(JSON.parse(stdout).count);
  } catch {
    return undefined;
  }
}

/** 20 concurrent submissions of one entry number; two reviewers claiming one step at once. */
export function racesDrill({ system, size }: DrillContext): Promise<DrillResult> {
  const submissions = 20;
  return timed('duplicates and races', async () => {
    const losses: string[] = [];
    const input = entrySummaryInput();
    const entryNumber = input.entryNumber as string;
    const responses = await Promise.all(Array.from({ length: submissions }, () => system.query(FILE, { input }, PACIFIC.contactEmail)));
    const succeeded = responses.filter((r) => !r.errors && r.data?.fileEntrySummary?.id).length;
    const conflicts = responses.filter((r) => codeOf(r) === 'CONFLICT').length;
    const other = responses.filter((r) => !(!r.errors && r.data?.fileEntrySummary?.id) && codeOf(r) !== 'CONFLICT');
    if (succeeded !== 1) losses.push(`${succeeded} of ${submissions} concurrent submissions of ${entryNumber} succeeded`);
    for (const r of other) losses.push(`a duplicate submission got neither success nor CONFLICT: ${r.status} ${JSON.stringify(r.errors).slice(0, 300)}`);
    const rows = Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM filings.entry_summary WHERE entry_number = $1`, [entryNumber]))[0]!.n);
    if (rows !== 1) losses.push(`${rows} rows for entry number ${entryNumber}`);
    const id = responses.find((r) => !r.errors)?.data?.fileEntrySummary?.id as string | undefined;
    // The review row appears when the workflow first runs.
    if (id) await waitForFiling(system, id, 'admin@cbp.example', (f) => f.review != null, 30_000).catch(() => undefined);
    const reviewRows = Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM filings.review WHERE workflow_id = $1`, [`review-${entryNumber}`]))[0]!.n);
    if (reviewRows !== 1) losses.push(`${reviewRows} review rows for review-${entryNumber}`);
    const startedEvents = id
      ? Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM filings.filing_event WHERE entry_summary_id = $1 AND type = 'REVIEW_STARTED'`, [id]))[0]!.n)
      : 0;
    if (startedEvents > 1) losses.push(`${startedEvents} REVIEW_STARTED events for ${entryNumber}`);
    const workflows = await temporalWorkflowCount(system, `review-${entryNumber}`);
    if (workflows !== undefined && workflows !== 1) losses.push(`Temporal holds ${workflows} workflows with id review-${entryNumber}`);

    // Two entry specialists of the Electronics Center claim one review at the same version at once.
    const second = { id: randomUUID(), email: `entry-specialist-2.electronics+${Date.now()}@cbp.example` };
    await system.sql(`INSERT INTO centers.staff_member (id, email, name, role, center_id) VALUES ($1, $2, 'Drill Second Specialist', 'ENTRY_SPECIALIST', 'ELECTRONICS')`, [
      second.id,
      second.email,
    ]);
    const secondIdentity: Identity = { role: 'ENTRY_SPECIALIST', subject: second.id, email: second.email, name: 'Drill Second Specialist', centerId: 'ELECTRONICS' };
    const rounds = size === 'full' ? 5 : 2;
    let claimWins = 0;
    const loserCodes: Record<string, number> = {};
    for (let round = 0; round < rounds; round++) {
      const reviewId = await file(system, { lines: HIGH_VALUE_LINES });
      const waiting = await waitForFiling(system, reviewId, ENTRY_SPECIALIST, (f) => f.review?.step === 'ENTRY_REVIEW');
      const decision = { input: { entrySummaryId: reviewId, action: 'CLAIM', expectedVersion: waiting.review.version } };
      const [a, b] = await Promise.all([system.query(DECIDE, decision, ENTRY_SPECIALIST), system.query(DECIDE, decision, secondIdentity)]);
      const winners = [a, b].filter((r) => !r.errors);
      claimWins += winners.length;
      if (winners.length !== 1) losses.push(`round ${round}: ${winners.length} of two simultaneous CLAIMs won: ${JSON.stringify([a.errors, b.errors]).slice(0, 400)}`);
      for (const loser of [a, b].filter((r) => r.errors)) {
        const code = codeOf(loser) ?? 'none';
        loserCodes[code] = (loserCodes[code] ?? 0) + 1;
        if (code !== 'CONFLICT' && code !== 'FORBIDDEN') losses.push(`round ${round}: the losing CLAIM got ${code}: ${loser.errors![0]!.message}`);
      }
      const claimEvents = Number(
        (await system.sql<{ n: string }>(`SELECT count(*) AS n FROM filings.filing_event WHERE entry_summary_id = $1 AND type = 'REVIEW_CLAIMED'`, [reviewId]))[0]!.n,
      );
      if (claimEvents !== 1) losses.push(`round ${round}: ${claimEvents} REVIEW_CLAIMED events`);
    }
    return {
      did: `sent ${submissions} concurrent fileEntrySummary of ${entryNumber}; then ${rounds} times had two Electronics entry specialists CLAIM one review at the same version at once`,
      counted: {
        submissions,
        succeeded,
        conflicts,
        summaryRows: rows,
        reviewRows,
        temporalWorkflows: workflows ?? 'not checked',
        claimRounds: rounds,
        claimWins,
        losingCodes: Object.entries(loserCodes).map(([code, n]) => `${code}×${n}`).join(',') || 'none',
      },
      losses,
    };
  });
}
