import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { AudienceLookups } from './access/filing-audience';
import type { FilingEventLog } from './event-log/filing-event-log';
import type { EntrySummaryRepository } from './filing/entry-summary.repository';
import type { EntrySummaryService } from './filing/entry-summary.service';
import type { FilingLoaders } from './filing/filing.loaders';
import type { FilingEventBus } from './live/filing-event-bus';
import type { ReviewService } from './review/review.service';
import type { FilingSearchService } from './search/filing-search.service';
import type { StatisticsRepository } from './statistics/statistics.repository';

export interface FilingsServices {
  filings: EntrySummaryService;
  /** Reads of entry summaries and their lines (the filing service's repository). */
  summaries: EntrySummaryRepository;
  eventLog: FilingEventLog;
  /** The reads behind what the trade sees (filing-audience). */
  audience: AudienceLookups;
  reviews: ReviewService;
  search: FilingSearchService;
  /** Aggregates of filings, computed by the database. */
  statistics: StatisticsRepository;
  /** The process's filing event listener, which subscriptions join. */
  events: FilingEventBus;
}

export interface FilingsContext extends SubgraphContext {
  services: FilingsServices;
  loaders: FilingLoaders;
}
