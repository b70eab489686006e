import DataLoader from 'dataloader';
import type { EntrySummaryLineRecord, EntrySummaryRecord, EntrySummaryService } from '../services/entry-summary.service';
import type { FilingEventRecord } from '../services/filing-events';
import type { ReviewRecord, ReviewService } from '../services/review.service';

/** Per-request loaders: each batches the lookups of one request into one statement. */
export interface FilingLoaders {
  summaryById: DataLoader<string, EntrySummaryRecord | undefined>;
  linesBySummary: DataLoader<string, EntrySummaryLineRecord[]>;
  eventsBySummary: DataLoader<string, FilingEventRecord[]>;
  reviewBySummary: DataLoader<string, ReviewRecord | undefined>;
}

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

/**
 * `cache: false` for a subscription: its context lives as long as the subscription, and a
 * cached filing would show every later event the status it had at the first.
 */
export function createFilingLoaders(filings: EntrySummaryService, reviews: ReviewService, { cache = true }: { cache?: boolean } = {}): FilingLoaders {
  return {
    summaryById: new DataLoader((ids) => filings.byIds(ids), { cache }),
    linesBySummary: new DataLoader(async (ids) => groupBy(ids, await filings.linesOf(ids), (row) => row.entrySummaryId), { cache }),
    eventsBySummary: new DataLoader(async (ids) => groupBy(ids, await filings.eventsOf(ids), (row) => row.entrySummaryId), { cache }),
    reviewBySummary: new DataLoader(
      async (ids) => groupBy(ids, await reviews.reviewsOf(ids), (row) => row.entrySummaryId).map((rows) => rows[0]),
      { cache },
    ),
  };
}
