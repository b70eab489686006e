import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { FilingLoaders } from './loaders/filing.loaders';
import type { EntrySummaryService } from './services/entry-summary.service';
import type { ReviewService } from './services/review.service';

export interface FilingsServices {
  filings: EntrySummaryService;
  reviews: ReviewService;
}

export interface FilingsContext extends SubgraphContext {
  services: FilingsServices;
  loaders: FilingLoaders;
}
