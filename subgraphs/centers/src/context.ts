import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { CenterLoaders } from './loaders/center.loaders';
import type { CenterService } from './services/center.service';

export interface CentersServices {
  centers: CenterService;
}

export interface CentersContext extends SubgraphContext {
  services: CentersServices;
  loaders: CenterLoaders;
}
