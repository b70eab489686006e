import { InitialSchemas1764288000000 } from './1764288000000-initial-schemas';
import { Onboarding1764400000000 } from './1764400000000-onboarding';
import { EntrySummaryReview1764400001000 } from './1764400001000-entry-summary-review';
import { Documents1764500000000 } from './1764500000000-documents';
import { DirectoryAdmin1764600000000 } from './1764600000000-directory-admin';
import { CaseMessages1764600001000 } from './1764600001000-case-messages';
import { OnboardingNotify1764600002000 } from './1764600002000-onboarding-notify';
import { ReviewDocuments1764600003000 } from './1764600003000-review-documents';
import { OnboardingDocuments1764600004000 } from './1764600004000-onboarding-documents';
import { SearchIndexes1764700001000 } from './1764700001000-search-indexes';
import { NationalScaleIndexes1764800000000 } from './1764800000000-national-scale-indexes';
import { StatisticsRollup1764900000000 } from './1764900000000-statistics-rollup';

/** Every migration, oldest first; a new migration is a new file added here. */
export const allMigrations = [
  InitialSchemas1764288000000,
  Onboarding1764400000000,
  EntrySummaryReview1764400001000,
  Documents1764500000000,
  DirectoryAdmin1764600000000,
  CaseMessages1764600001000,
  OnboardingNotify1764600002000,
  ReviewDocuments1764600003000,
  OnboardingDocuments1764600004000,
  SearchIndexes1764700001000,
  NationalScaleIndexes1764800000000,
  StatisticsRollup1764900000000,
];
