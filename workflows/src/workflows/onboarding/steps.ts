import { type OnboardingInput, SYSTEM_ACTORS } from '@cee-hub/contracts';
import { condition } from '@temporalio/workflow';
import { activities } from './activities';
import { complete, type OnboardingApplication, todayIso } from './state';

/** Checks eligibility against the notice; an ineligible application ends at once. */
export async function checkEligibility(application: OnboardingApplication, input: OnboardingInput): Promise<void> {
  const eligibility = await activities.checkOnboardingEligibility({
    onboardingId: input.onboardingId,
    importerId: input.importerId,
    noticeId: input.noticeId,
    centerId: input.chosenCenterId,
    asOf: todayIso(),
  });
  application.noticeCenterIds = eligibility.noticeCenterIds;
  if (application.current.state !== 'APPLIED' || eligibility.eligible) return;
  await application.apply(
    (s) => {
      complete(s, 'INELIGIBLE');
      s.reasons = eligibility.reasons;
    },
    'INELIGIBLE',
    SYSTEM_ACTORS.onboarding,
    eligibility.reasons.join('; '),
  );
}

/** Proposes the Center that reviews the application and puts it under review there. */
export async function proposeCenter(application: OnboardingApplication, input: OnboardingInput): Promise<void> {
  const proposal = await activities.proposeOnboardingCenter({
    importerId: input.importerId,
    chosenCenterId: input.chosenCenterId,
    noticeCenterIds: application.noticeCenterIds,
    asOf: todayIso(),
  });
  // The importer may have withdrawn while the proposal (or the contacts) were being found.
  if (application.current.state !== 'APPLIED') return;
  const contacts = await activities.findOnboardingContacts({ centerId: proposal.centerId });
  application.contacts = contacts;
  if (application.current.state !== 'APPLIED') return;
  await application.apply(
    (s) => {
      s.proposedCenterId = proposal.centerId;
      s.centerId = proposal.centerId;
      s.proposalBasis = proposal.basis;
      s.proposalNote = proposal.note;
      s.accountManagerId = contacts.accountManager?.id ?? null;
      application.startReview(s);
    },
    'CENTER_PROPOSED',
    SYSTEM_ACTORS.onboarding,
    `${proposal.note}${contacts.accountManager ? `; review by account manager ${contacts.accountManager.name} <${contacts.accountManager.email}>` : ''}`,
  );
}

/**
 * Waits for the Center's decision until the next deadline of the review: at the first it
 * reminds the account manager, at the second it escalates to the Center director, then it
 * waits without end. Returns when the application moved or a deadline passed.
 */
export async function awaitReview(application: OnboardingApplication): Promise<void> {
  const { current } = application;
  const round = application.reviewRound;
  const dueAt = !application.reminded ? Date.parse(current.reviewDueAt!) : !application.escalated ? Date.parse(current.escalatesAt!) : undefined;
  const moved = () => current.state !== 'AWAITING_REVIEW' || application.reviewRound !== round;
  if (dueAt === undefined) {
    await condition(moved);
    return;
  }
  if (await condition(moved, Math.max(1, dueAt - Date.now()))) return;
  const { contacts } = application;
  if (!application.reminded) {
    application.reminded = true;
    const to = contacts.accountManager ? `account manager ${contacts.accountManager.name} <${contacts.accountManager.email}>` : `the ${current.centerId} Center`;
    await application.recordEvent('REMINDER', `Review of the application is overdue since ${current.reviewDueAt}; reminded ${to}`);
  } else {
    application.escalated = true;
    const to = contacts.director ? `Center director ${contacts.director.name} <${contacts.director.email}>` : `the ${current.centerId} Center director`;
    await application.recordEvent('ESCALATED', `Review still untouched; escalated to ${to}`);
  }
}

/** Waits for the importer's answer; the application lapses when none comes in time. */
export async function awaitAnswer(application: OnboardingApplication): Promise<void> {
  const { current } = application;
  const dueAt = Date.parse(current.informationDueAt!);
  const round = application.reviewRound;
  const moved = () => current.state !== 'AWAITING_IMPORTER' || application.reviewRound !== round;
  if (await condition(moved, Math.max(1, dueAt - Date.now()))) return;
  await application.apply((s) => complete(s, 'LAPSED'), 'LAPSED', SYSTEM_ACTORS.onboarding, `The question was not answered by ${current.informationDueAt}`);
}
