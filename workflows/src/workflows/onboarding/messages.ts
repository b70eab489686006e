import {
  ONBOARDING_STATUS_QUERY,
  ONBOARDING_UPDATES,
  type OnboardingAnswerInput,
  type OnboardingDecisionInput,
  type OnboardingReassignInput,
  type OnboardingSnapshot,
  type OnboardingWithdrawInput,
} from '@cee-hub/contracts';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** Approve, reject or ask for information: the Center's account manager or an admin. */
export const decideOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingDecisionInput]>(ONBOARDING_UPDATES.decide);
/** Move the application to another Center open under the notice: admins. */
export const reassignOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingReassignInput]>(ONBOARDING_UPDATES.reassign);
/** The importer's answer to the Center's question. */
export const answerOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingAnswerInput]>(ONBOARDING_UPDATES.answer);
/** The importer withdraws its application. */
export const withdrawOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingWithdrawInput]>(ONBOARDING_UPDATES.withdraw);
/** The application as the workflow holds it now. */
export const onboardingStatusQuery = defineQuery<OnboardingSnapshot>(ONBOARDING_STATUS_QUERY);
