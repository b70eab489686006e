import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { ImporterLoaders } from './loaders/importer.loaders';
import type { ImporterService } from './services/importer.service';
import type { NoticeService } from './services/notice.service';

export interface ImportersServices {
  importers: ImporterService;
  notices: NoticeService;
}

export interface ImportersContext extends SubgraphContext {
  services: ImportersServices;
  loaders: ImporterLoaders;
}
