import { importerRows } from '@cee-hub/db';
import { waitForFiling, waitForOnboarding } from '@cee-hub/launcher/testing';
import { ADMIN, countChanges, DECIDE, type DrillContext, type DrillResult, ENTRY_SPECIALIST, file, HIGH_VALUE_LINES, settledTableCounts, tableCounts, timed } from './common';

const RIO_GRANDE_EMAIL: string = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!.contactEmail;
const RIO_GRANDE_ID: string = importerRows.find((row) => row.name === 'Rio Grande Machinery Inc.')!.id;

/**
 * Everything stopped and started on the same database, Temporal file and ports, with a review
 * waiting at a human step: it is still there afterwards and can be finished.
 */
export function wholeRestartDrill({ system }: DrillContext): Promise<DrillResult> {
  return timed('whole restart', async () => {
    const losses: string[] = [];
    const id = await file(system, { lines: HIGH_VALUE_LINES });
    const waiting = await waitForFiling(system, id, ENTRY_SPECIALIST, (f) => f.review?.step === 'ENTRY_REVIEW');
    // An onboarding in flight too: Rio Grande volunteers and waits for the Center's review.
    const volunteered = await system.query(
      'mutation { volunteerForCenter(noticeId: "CEE-HUB-DEMO-2026", centerId: "MACHINERY") { state } }',
      undefined,
      RIO_GRANDE_EMAIL,
    );
    if (volunteered.errors) losses.push(`could not start an onboarding: ${JSON.stringify(volunteered.errors)}`);
    else await waitForOnboarding(system, RIO_GRANDE_EMAIL, ['AWAITING_REVIEW']);
    // Let reviews of earlier drills settle so the row counts compare like with like.
    const before = await settledTableCounts(system, { intervalMs: 500, timeoutMs: 10_000 });
    const onboardings = before['importers.onboarding'] ?? 0;

    const stopped = Date.now();
    await system.restartAll();
    const restartSeconds = (Date.now() - stopped) / 1000;

    const after = await tableCounts(system);
    for (const change of countChanges(before, after)) losses.push(`row count changed over the restart: ${change}`);
    const still = await waitForFiling(system, id, ENTRY_SPECIALIST, () => true);
    if (still.review?.step !== 'ENTRY_REVIEW') losses.push(`after the restart the review is at ${still.review?.step}, not ENTRY_REVIEW`);
    if (still.review?.version !== waiting.review.version) losses.push(`the review version moved from ${waiting.review.version} to ${still.review?.version}`);

    let onboardingEnd = 'not started';
    if (!volunteered.errors) {
      const still = await waitForOnboarding(system, RIO_GRANDE_EMAIL, ['AWAITING_REVIEW']).catch((error: Error) => {
        losses.push(`after the restart: ${error.message}`);
        return null;
      });
      if (still) {
        const approved = await system.query(
          'mutation($importer: ID!) { decideOnboarding(importerId: $importer, input: { decision: APPROVE, note: "after the restart" }) { state } }',
          { importer: RIO_GRANDE_ID },
          ADMIN,
        );
        if (approved.errors) losses.push(`approving the onboarding after the restart failed: ${JSON.stringify(approved.errors)}`);
        const done = await waitForOnboarding(system, RIO_GRANDE_EMAIL, ['APPROVED']).catch((error: Error) => {
          losses.push(error.message);
          return null;
        });
        onboardingEnd = done ? `APPROVED, ${done.participation?.status ?? 'no participation'}` : 'not approved';
      }
    }

    const claimed = await system.query(DECIDE, { input: { entrySummaryId: id, action: 'CLAIM', expectedVersion: still.review.version } }, ENTRY_SPECIALIST);
    if (claimed.errors) losses.push(`CLAIM after the restart failed: ${JSON.stringify(claimed.errors)}`);
    let final = 'unknown';
    if (!claimed.errors) {
      const accepted = await system.query(
        DECIDE,
        { input: { entrySummaryId: id, action: 'ACCEPT', expectedVersion: claimed.data!.decideReview.review.version } },
        ENTRY_SPECIALIST,
      );
      if (accepted.errors) losses.push(`ACCEPT after the restart failed: ${JSON.stringify(accepted.errors)}`);
      const done = await waitForFiling(system, id, ADMIN, (f) => f.status === 'LIQUIDATED').catch((error: Error) => {
        losses.push(error.message);
        return null;
      });
      final = done?.status ?? 'not liquidated';
    }
    const filings = before['filings.entry_summary'] ?? 0;
    return {
      did: 'filed a $300,000 summary (waiting at ENTRY_REVIEW) and started an onboarding (waiting at AWAITING_REVIEW), stopped every process (and Temporal) and started them again on the same data, then claimed and accepted the summary and approved the onboarding',
      counted: {
        filingsKept: after['filings.entry_summary'] ?? 0,
        filingsBefore: filings,
        onboardingsKept: after['importers.onboarding'] ?? 0,
        onboardingsBefore: onboardings,
        tablesCompared: Object.keys(before).length,
        restartSeconds,
        endStatus: final,
        onboardingEnd,
      },
      losses,
    };
  });
}
