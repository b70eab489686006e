import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { ImporterLoaders } from './loaders/importer.loaders';
import type { OnboardingEventLog } from './live/onboarding-event-log';
import type { OnboardingEventBus } from './live/onboarding-update-stream';
import type { OnboardingLoaders } from './loaders/onboarding.loaders';
import type { ImporterService } from './services/importer.service';
import type { NoticeAdminService } from './services/notice-admin.service';
import type { NoticeService } from './services/notice.service';
import type { OnboardingService } from './services/onboarding.service';

export interface ImportersServices {
  importers: ImporterService;
  notices: NoticeService;
  noticeAdmin: NoticeAdminService;
  onboardings: OnboardingService;
  /** Reads of the onboarding event log (onboardingEvent, the replay of onboardingUpdated). */
  onboardingEvents: OnboardingEventLog;
  /** The process's LISTEN connection on the onboarding events. */
  onboardingBus: OnboardingEventBus;
}

export interface ImportersContext extends SubgraphContext {
  services: ImportersServices;
  loaders: ImporterLoaders;
  onboardingLoaders: OnboardingLoaders;
}
