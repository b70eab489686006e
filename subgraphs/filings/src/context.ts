import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { FilingLoaders } from './loaders/filing.loaders';
import type { EntrySummaryService } from './services/entry-summary.service';
import type { FilingEventBus } from './services/filing-event-bus';
import type { ReviewService } from './services/review.service';

export interface FilingsServices {
  filings: EntrySummaryService;
  reviews: ReviewService;
  /** The process's filing event listener, which subscriptions join. */
  events: FilingEventBus;
}

export interface FilingsContext extends SubgraphContext {
  services: FilingsServices;
  loaders: FilingLoaders;
}
