import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { CenterLoaders } from './loaders/center.loaders';
import type { CenterContactService } from './services/center-contact.service';
import type { CenterService } from './services/center.service';
import type { StaffAdminService } from './services/staff-admin.service';

export interface CentersServices {
  centers: CenterService;
  staffAdmin: StaffAdminService;
  contacts: CenterContactService;
}

export interface CentersContext extends SubgraphContext {
  services: CentersServices;
  loaders: CenterLoaders;
}
