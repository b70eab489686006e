import DataLoader from 'dataloader';
import type { FilingScope } from '../access/filing-access';
import type { FilingEventLog, FilingEventRecord } from '../event-log/filing-event-log';
import type { ReviewRecord, ReviewRepository } from '../review/review.repository';
import type { EntrySummaryLineRecord, EntrySummaryRecord, EntrySummaryRepository, FilingPageResult } from './entry-summary.repository';
import type { EntrySummaryService } from './entry-summary.service';

/** Per-request loaders: each batches the lookups of one request into one statement. */
export interface FilingLoaders {
  summaryById: DataLoader<string, EntrySummaryRecord | undefined>;
  linesBySummary: DataLoader<string, EntrySummaryLineRecord[]>;
  eventsBySummary: DataLoader<string, FilingEventRecord[]>;
  reviewBySummary: DataLoader<string, ReviewRecord | undefined>;
  /** First pages of a scope for many importers (or Centers) at once, for entity list fields. */
  firstPages(scope: FilingScope, partitionKey: 'importerId' | 'centerId', first?: number | null): DataLoader<string, FilingPageResult>;
}

/** What the loaders read through. */
export interface FilingLoaderSources {
  filings: EntrySummaryService;
  summaries: EntrySummaryRepository;
  eventLog: FilingEventLog;
  reviews: { records: ReviewRepository };
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
export function createFilingLoaders(sources: FilingLoaderSources, { cache = true }: { cache?: boolean } = {}): FilingLoaders {
  const { filings, summaries, eventLog, reviews } = sources;
  const pageLoaders = new Map<string, DataLoader<string, FilingPageResult>>();
  return {
    firstPages(scope, partitionKey, first) {
      const { [partitionKey]: _partition, ...shared } = scope;
      const key = JSON.stringify([shared, partitionKey, first]);
      let loader = pageLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((values) => filings.firstPages(shared, partitionKey, values, first), { cache });
        pageLoaders.set(key, loader);
      }
      return loader;
    },
    summaryById: new DataLoader((ids) => summaries.byIds(ids), { cache }),
    linesBySummary: new DataLoader(async (ids) => groupBy(ids, await summaries.linesOf(ids), (row) => row.entrySummaryId), { cache }),
    eventsBySummary: new DataLoader(async (ids) => groupBy(ids, await eventLog.eventsOf(ids), (row) => row.entrySummaryId), { cache }),
    reviewBySummary: new DataLoader(
      async (ids) => groupBy(ids, await reviews.records.reviewsOf(ids), (row) => row.entrySummaryId).map((rows) => rows[0]),
      { cache },
    ),
  };
}
