import { ADMIN, type DrillContext, type DrillResult, duplicateEvents, file, holdsWithin, timed, waitForStatuses } from './common';

/** N reviews in flight, the worker killed with SIGKILL and restarted: every review ends once. */
export function workerCrashDrill({ system, size }: DrillContext): Promise<DrillResult> {
  const reviews = size === 'full' ? 50 : 10;
  return timed('worker crash', async () => {
    const losses: string[] = [];
    const ids = await Promise.all(Array.from({ length: reviews }, () => file(system)));
    // Kill it mid-way: once the first reviews have moved on and the rest have not (5 s at most).
    const moved = async () => Number((await system.sql<{ n: string }>(`SELECT count(*) AS n FROM filings.entry_summary WHERE id = ANY($1::uuid[]) AND status <> 'FILED'`, [ids]))[0]!.n) > 0;
    await holdsWithin('a first review to move on', moved, 5_000);
    const beforeKill = await system.sql<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM filings.entry_summary WHERE id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    await system.stack.kill('worker', 'SIGKILL');
    const restartStarted = Date.now();
    await system.restart('worker');
    const restartSeconds = (Date.now() - restartStarted) / 1000;
    const behind = await waitForStatuses(system, ids, ['LIQUIDATED'], reviews * 2_000 + 60_000);
    for (const [id, status] of behind) losses.push(`review of ${id} stayed at ${status}`);
    const duplicates = await duplicateEvents(system, ids);
    losses.push(...duplicates);
    const ends = await system.sql<{ id: string; accepted: string; liquidated: string }>(
      `SELECT entry_summary_id AS id, count(*) FILTER (WHERE to_status = 'ACCEPTED') AS accepted, count(*) FILTER (WHERE to_status = 'LIQUIDATED') AS liquidated
         FROM filings.filing_event WHERE entry_summary_id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    for (const row of ends) {
      if (Number(row.accepted) !== 1 || Number(row.liquidated) !== 1) losses.push(`${row.id}: ${row.accepted} ACCEPTED and ${row.liquidated} LIQUIDATED events`);
    }
    const events = await system.sql<{ n: string }>(`SELECT count(*) AS n FROM filings.filing_event WHERE entry_summary_id = ANY($1::uuid[])`, [ids]);
    // The gateway sees the same end as the database.
    const seen = await system.query(`{ filings(first: 1, filter: { status: LIQUIDATED }) { totalCount } }`, undefined, ADMIN);
    if (seen.errors) losses.push(`filings query after the crash failed: ${JSON.stringify(seen.errors)}`);
    return {
      did: `filed ${reviews} low-risk summaries, SIGKILLed the worker with them in flight (${beforeKill.map((r) => `${r.n} ${r.status}`).join(', ')}), restarted it`,
      counted: {
        reviews,
        liquidated: reviews - behind.size,
        events: Number(events[0]!.n),
        duplicateEvents: duplicates.length,
        workerRestartSeconds: restartSeconds,
      },
      losses,
    };
  });
}
