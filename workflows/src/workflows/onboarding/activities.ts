import type { OnboardingActivities } from '@cee-hub/importers/activities';
import { proxyActivities } from '@temporalio/workflow';

export const activities = proxyActivities<OnboardingActivities>({
  // Each is a few statements; a worker that dies mid-activity is noticed after this long.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});
