import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { FilingLoaders } from './loaders/filing.loaders';
import type { EntrySummaryService } from './services/entry-summary.service';

export interface FilingsServices {
  filings: EntrySummaryService;
}

export interface FilingsContext extends SubgraphContext {
  services: FilingsServices;
  loaders: FilingLoaders;
}
