import { graphqlEnum } from '@cee-hub/common/subgraph';
import { CTPAT_TIERS, IMPORTER_NUMBER_TYPES, PARTICIPATION_STATUSES } from '@cee-hub/db';
import { ONBOARDING_ACTIONS, ONBOARDING_DECISIONS, ONBOARDING_EVENT_TYPES, ONBOARDING_STATES, ONBOARDING_STEPS } from '@cee-hub/contracts';

export const CtpatTierEnum = graphqlEnum(CTPAT_TIERS, { name: 'CtpatTier', description: 'Customs Trade Partnership Against Terrorism membership tier' });

export const ParticipationStatusEnum = graphqlEnum(PARTICIPATION_STATUSES, { name: 'ParticipationStatus', description: "Whether a Center processes the importer's entry summaries" });

export const ImporterNumberTypeEnum = graphqlEnum(IMPORTER_NUMBER_TYPES, {
  name: 'ImporterNumberType',
  description: 'IRS (NN-NNNNNNNXX), SSN (NNN-NN-NNNN) or CBP-assigned (YYDDPP-NNNNN) importer of record number',
});

export const OnboardingStateEnum = graphqlEnum(ONBOARDING_STATES, {
  name: 'OnboardingState',
  description: 'Where a volunteer application stands: APPLIED, then INELIGIBLE or AWAITING_REVIEW / AWAITING_IMPORTER, ending APPROVED, REJECTED, LAPSED or WITHDRAWN',
});

export const OnboardingStepEnum = graphqlEnum(ONBOARDING_STEPS, { name: 'OnboardingStep', description: 'What, or whom, a volunteer application waits for' });

export const OnboardingActionEnum = graphqlEnum(ONBOARDING_ACTIONS, { name: 'OnboardingAction', description: 'What someone may do to an open volunteer application' });

export const OnboardingDecisionEnum = graphqlEnum(ONBOARDING_DECISIONS, { name: 'OnboardingDecision', description: "A Center's decision on an application under review" });

export const OnboardingEventTypeEnum = graphqlEnum(ONBOARDING_EVENT_TYPES, { name: 'OnboardingEventType', description: "Kinds of entries in a volunteer application's history" });

export const CenterProposalBasisEnum = graphqlEnum(['FILED_LINES', 'CHOSEN'] as const, {
  name: 'CenterProposalBasis',
  description: "FILED_LINES: the predominant Center by entered value of the importer's filed lines; CHOSEN: the Center the importer chose",
});
