import { CTPAT_TIERS, IMPORTER_NUMBER_TYPES, PARTICIPATION_STATUSES } from '@cee-hub/db';
import { ONBOARDING_ACTIONS, ONBOARDING_DECISIONS, ONBOARDING_EVENT_TYPES, ONBOARDING_STATES, ONBOARDING_STEPS } from '@cee-hub/contracts';
import { registerEnumType } from 'type-graphql';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const CtpatTierEnum = asEnum(CTPAT_TIERS);
registerEnumType(CtpatTierEnum, { name: 'CtpatTier', description: 'Customs Trade Partnership Against Terrorism membership tier' });

export const ParticipationStatusEnum = asEnum(PARTICIPATION_STATUSES);
registerEnumType(ParticipationStatusEnum, { name: 'ParticipationStatus', description: "Whether a Center processes the importer's entry summaries" });

export const ImporterNumberTypeEnum = asEnum(IMPORTER_NUMBER_TYPES);
registerEnumType(ImporterNumberTypeEnum, {
  name: 'ImporterNumberType',
  description: 'IRS (NN-NNNNNNNXX), SSN (NNN-NN-NNNN) or CBP-assigned (YYDDPP-NNNNN) importer of record number',
});

export const OnboardingStateEnum = asEnum(ONBOARDING_STATES);
registerEnumType(OnboardingStateEnum, {
  name: 'OnboardingState',
  description: 'Where a volunteer application stands: APPLIED, then INELIGIBLE or AWAITING_REVIEW / AWAITING_IMPORTER, ending APPROVED, REJECTED, LAPSED or WITHDRAWN',
});

export const OnboardingStepEnum = asEnum(ONBOARDING_STEPS);
registerEnumType(OnboardingStepEnum, { name: 'OnboardingStep', description: 'What, or whom, a volunteer application waits for' });

export const OnboardingActionEnum = asEnum(ONBOARDING_ACTIONS);
registerEnumType(OnboardingActionEnum, { name: 'OnboardingAction', description: 'What someone may do to an open volunteer application' });

export const OnboardingDecisionEnum = asEnum(ONBOARDING_DECISIONS);
registerEnumType(OnboardingDecisionEnum, { name: 'OnboardingDecision', description: "A Center's decision on an application under review" });

export const OnboardingEventTypeEnum = asEnum(ONBOARDING_EVENT_TYPES);
registerEnumType(OnboardingEventTypeEnum, { name: 'OnboardingEventType', description: "Kinds of entries in a volunteer application's history" });

export const CenterProposalBasisEnum = asEnum(['FILED_LINES', 'CHOSEN'] as const);
registerEnumType(CenterProposalBasisEnum, {
  name: 'CenterProposalBasis',
  description: "FILED_LINES: the predominant Center by entered value of the importer's filed lines; CHOSEN: the Center the importer chose",
});
