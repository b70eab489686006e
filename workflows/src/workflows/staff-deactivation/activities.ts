import type { CentersActivities } from '@cee-hub/centers/activities';
import type { ClaimReleaseActivities } from '@cee-hub/filings/activities';
import { proxyActivities } from '@temporalio/workflow';

export const centersActivities = proxyActivities<CentersActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** One Update per claim, each a workflow task of its review: a minute covers many. */
export const filingsActivities = proxyActivities<ClaimReleaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});
