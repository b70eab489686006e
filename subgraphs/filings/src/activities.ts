import type { DataSource } from 'typeorm';

/**
 * The filings domain's Temporal activities: all I/O of the review workflow that touches this
 * domain's tables. Registered by the worker in workflows/.
 */
export function createReviewActivities(dataSource: DataSource) {
  void dataSource;
  return {};
}

export type ReviewActivities = ReturnType<typeof createReviewActivities>;
