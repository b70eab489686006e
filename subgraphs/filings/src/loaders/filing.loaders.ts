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

export function createFilingLoaders(filings: EntrySummaryService, reviews: ReviewService): FilingLoaders {
  return {
    summaryById: new DataLoader((ids) => filings.byIds(ids)),
    linesBySummary: new DataLoader(async (ids) => groupBy(ids, await filings.linesOf(ids), (row) => row.entrySummaryId)),
    eventsBySummary: new DataLoader(async (ids) => groupBy(ids, await filings.eventsOf(ids), (row) => row.entrySummaryId)),
    reviewBySummary: new DataLoader(async (ids) => groupBy(ids, await reviews.reviewsOf(ids), (row) => row.entrySummaryId).map((rows) => rows[0])),
  };
}
