import type { ReviewActivities } from '@cee-hub/filings/activities';
import { ActivityFailure, ApplicationFailure, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';

const ACTIVITY_TIMEOUT = '10 seconds';

/**
 * Scoring and recording are a few milliseconds of SQL each, so they run as local activities:
 * in the workflow task that needs them, recorded as markers, instead of each costing an
 * activity task and another workflow task on the Temporal server. A filing's review then
 * takes one workflow task to be scored and recorded, rather than three, which is what bounds
 * how many summaries per second Temporal can take. Reviews started before this change keep
 * the activity tasks their histories recorded (the patch marker tells them apart on replay).
 */
const LOCAL_ACTIVITIES_PATCH = 'review-local-activities';
/**
 * A local activity retries inside its workflow task, and every retry past the first minute
 * adds to the history: so it gets a few quick attempts, and a failure that may pass (the
 * database away) is then handed to a normal activity, whose retries (until the database is
 * back) add nothing to the history. A failure that will repeat (see the worker's
 * permanent-failure interceptor) is not retried at all.
 */
const localActivities = proxyLocalActivities<ReviewActivities>({
  startToCloseTimeout: ACTIVITY_TIMEOUT,
  retry: { initialInterval: '500 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 3 },
});
const remoteActivities = proxyActivities<ReviewActivities>({
  // A worker that dies mid-activity is noticed after this long.
  startToCloseTimeout: ACTIVITY_TIMEOUT,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Runs an activity of the review, locally where the patch says so, falling back as described above. */
export async function run<K extends 'scoreEntrySummaryRisk' | 'recordReviewTransition'>(
  name: K,
  ...args: Parameters<ReviewActivities[K]>
): Promise<Awaited<ReturnType<ReviewActivities[K]>>> {
  type Fn = (...a: Parameters<ReviewActivities[K]>) => Promise<Awaited<ReturnType<ReviewActivities[K]>>>;
  if (!patched(LOCAL_ACTIVITIES_PATCH)) return (remoteActivities[name] as Fn)(...args);
  try {
    return await (localActivities[name] as Fn)(...args);
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.nonRetryable) {
      // Refused for good (e.g. text the store cannot hold): the caller's Update fails with it.
      throw ApplicationFailure.create({ type: cause.type ?? 'BAD_USER_INPUT', message: cause.message, nonRetryable: true });
    }
    return (remoteActivities[name] as Fn)(...args);
  }
}
