import type { FederalRegisterNoticeRow, OnboardingEventRow, OnboardingRow } from '@cee-hub/db';
import DataLoader from 'dataloader';
import type { NoticeService } from '../services/notice.service';
import type { OnboardingService, StaffContactData } from '../services/onboarding.service';

/** Per-request loaders of the onboarding fields, so a list costs a flat number of statements. */
export interface OnboardingLoaders {
  latestByImporter: DataLoader<string, OnboardingRow | undefined>;
  eventsByOnboarding: DataLoader<string, OnboardingEventRow[]>;
  staffById: DataLoader<string, StaffContactData | undefined>;
  noticeById: DataLoader<string, FederalRegisterNoticeRow | undefined>;
}

export function createOnboardingLoaders(onboardings: OnboardingService, notices: NoticeService): OnboardingLoaders {
  return {
    latestByImporter: new DataLoader((ids) => onboardings.latestOf(ids)),
    eventsByOnboarding: new DataLoader((ids) => onboardings.eventsOf(ids)),
    staffById: new DataLoader((ids) => onboardings.staffByIds(ids)),
    noticeById: new DataLoader(async (ids) => {
      const rows = await notices.list();
      return ids.map((id) => rows.find((row) => row.id === id));
    }),
  };
}
