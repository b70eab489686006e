import type { DataSource } from 'typeorm';

/**
 * The importers domain's Temporal activities: all I/O of the onboarding workflow that touches this
 * domain's tables. Registered by the worker in workflows/.
 */
export function createOnboardingActivities(dataSource: DataSource) {
  void dataSource;
  return {};
}

export type OnboardingActivities = ReturnType<typeof createOnboardingActivities>;
