import { isOpenOnboardingState, type OnboardingInput, type OnboardingSnapshot } from '@cee-hub/contracts';
import { allHandlersFinished, condition } from '@temporalio/workflow';
import { activities } from './onboarding/activities';
import { registerOnboardingHandlers } from './onboarding/handlers';
import { OnboardingApplication } from './onboarding/state';
import { awaitAnswer, awaitReview, checkEligibility, proposeCenter } from './onboarding/steps';

export * from './onboarding/messages';

/** Waits for what the open application waits for: a decision, an answer, or a deadline. */
function awaitNextChange(application: OnboardingApplication): Promise<void> {
  switch (application.current.state) {
    case 'AWAITING_REVIEW':
      return awaitReview(application);
    case 'AWAITING_IMPORTER':
      return awaitAnswer(application);
    default:
      // APPLIED: only while the first activities run, which the workflow awaited before it waits.
      return condition(() => application.current.state !== 'APPLIED');
  }
}

/**
 * Volunteer onboarding of one importer (workflow id `onboarding-<importerId>`): checks
 * eligibility against the notice, proposes a Center, waits for the Center's account manager or
 * an admin to decide (reminding, then escalating to the director when the review is left
 * untouched), handles a question and its answer or lapse, and on approval makes the importer
 * PARTICIPATING. Every change is recorded through activities; decisions are Updates with
 * validators, so a refused decision changes nothing.
 */
export async function onboardingWorkflow(input: OnboardingInput): Promise<OnboardingSnapshot> {
  const application = new OnboardingApplication(input);
  registerOnboardingHandlers(application);

  await activities.recordOnboardingChange(application.first);
  await checkEligibility(application, input);
  if (application.current.state === 'APPLIED') await proposeCenter(application, input);
  while (isOpenOnboardingState(application.current.state)) {
    await awaitNextChange(application);
  }

  // Let a decision that ended the application finish recording before the workflow completes.
  await condition(allHandlersFinished);
  return application.snapshot();
}
