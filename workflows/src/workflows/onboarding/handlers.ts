import {
  type Actor,
  eventActorOf,
  type OnboardingAnswerInput,
  type OnboardingDecisionInput,
  type OnboardingReassignInput,
  type OnboardingWithdrawInput,
  refuseAnswerInput,
  refuseDecisionInput,
  refuseReassignInput,
  refuseWithdrawInput,
} from '@cee-hub/contracts';
import { patched, setHandler } from '@temporalio/workflow';
import { throwRefusal } from '../refusals';
import { activities } from './activities';
import { answerOnboardingUpdate, decideOnboardingUpdate, onboardingStatusQuery, reassignOnboardingUpdate, withdrawOnboardingUpdate } from './messages';
import { complete, iso, type OnboardingApplication, RECORD_FIRST_PATCH, todayIso } from './state';

/** A person ends the application (a rejection, a withdrawal); the note says why. */
function endWithNote(application: OnboardingApplication, state: 'REJECTED' | 'WITHDRAWN', actor: Actor, note: string | null): Promise<void> {
  return application.apply(
    (s) => {
      complete(s, state);
      s.decisionNote = note;
    },
    state,
    eventActorOf(actor),
    note,
  );
}

async function approve(application: OnboardingApplication, decision: OnboardingDecisionInput, note: string | null): Promise<void> {
  const effectiveDate = decision.effectiveDate ?? todayIso();
  await application.apply(
    (s) => {
      complete(s, 'APPROVED');
      s.effectiveDate = effectiveDate;
      s.decisionNote = note;
    },
    'APPROVED',
    eventActorOf(decision.actor),
    `Approved for ${application.current.centerId} from ${effectiveDate}${note ? `: ${note}` : ''}`,
    activities.approveOnboarding,
  );
}

async function askForInformation(application: OnboardingApplication, decision: OnboardingDecisionInput, note: string | null): Promise<void> {
  const question = decision.question!.trim();
  await application.apply(
    (s) => {
      s.state = 'AWAITING_IMPORTER';
      s.step = 'IMPORTER_ANSWER';
      s.question = question;
      s.answer = null;
      s.decisionNote = note;
      s.reviewDueAt = null;
      s.escalatesAt = null;
      s.informationDueAt = iso(Date.now() + application.informationMs);
    },
    'INFORMATION_REQUESTED',
    eventActorOf(decision.actor),
    question,
  );
}

/** Approve, reject or ask: the decision of the Center's account manager or an admin. */
async function decide(application: OnboardingApplication, decision: OnboardingDecisionInput): Promise<void> {
  const note = decision.note?.trim() || null;
  if (decision.decision === 'APPROVE') return approve(application, decision, note);
  if (decision.decision === 'ASK_FOR_INFORMATION') return askForInformation(application, decision, note);
  return endWithNote(application, 'REJECTED', decision.actor, note);
}

async function reassign(application: OnboardingApplication, reassignment: OnboardingReassignInput): Promise<void> {
  const from = application.current.centerId;
  const note = reassignment.note?.trim() || null;
  // Applications begun before RECORD_FIRST_PATCH moved the Center at once; every other decision is refused while this one records anyway.
  if (!patched(RECORD_FIRST_PATCH)) application.current.centerId = reassignment.centerId;
  const contacts = await activities.findOnboardingContacts({ centerId: reassignment.centerId });
  application.contacts = contacts;
  await application.apply(
    (s) => {
      s.centerId = reassignment.centerId;
      s.accountManagerId = contacts.accountManager?.id ?? null;
      application.startReview(s);
    },
    'REASSIGNED',
    eventActorOf(reassignment.actor),
    `Reassigned from ${from} to ${reassignment.centerId}${contacts.accountManager ? `, account manager ${contacts.accountManager.name} <${contacts.accountManager.email}>` : ''}${note ? `: ${note}` : ''}`,
  );
}

async function answer(application: OnboardingApplication, reply: OnboardingAnswerInput): Promise<void> {
  const text = reply.answer.trim();
  const documentIds = reply.documentIds?.length ? [...reply.documentIds] : undefined;
  await application.apply(
    (s) => {
      s.answer = text;
      application.startReview(s);
    },
    'INFORMATION_PROVIDED',
    eventActorOf(reply.actor),
    text,
    // The event names the documents only when there are some, so answers without any record as they always did.
    documentIds && ((change) => activities.recordOnboardingChange({ ...change, event: { ...change.event, documentIds } })),
  );
}

function withdraw(application: OnboardingApplication, withdrawal: OnboardingWithdrawInput): Promise<void> {
  return endWithNote(application, 'WITHDRAWN', withdrawal.actor, withdrawal.note?.trim() || null);
}

/**
 * The application's query and Updates. Each validator applies the shared rules (so a refused
 * decision changes nothing) and each handler runs alone.
 */
export function registerOnboardingHandlers(application: OnboardingApplication): void {
  setHandler(onboardingStatusQuery, () => application.snapshot());
  setHandler(decideOnboardingUpdate, application.exclusively((decision) => decide(application, decision)), {
    validator: (decision) => {
      application.validate(decision.actor, decision.decision);
      throwRefusal(refuseDecisionInput(decision, todayIso()));
    },
  });
  setHandler(reassignOnboardingUpdate, application.exclusively((reassignment) => reassign(application, reassignment)), {
    validator: (reassignment) => {
      application.validate(reassignment.actor, 'REASSIGN');
      throwRefusal(refuseReassignInput(reassignment, application.current.centerId, application.noticeCenterIds));
    },
  });
  setHandler(answerOnboardingUpdate, application.exclusively((reply) => answer(application, reply)), {
    validator: (reply) => {
      application.validate(reply.actor, 'ANSWER');
      throwRefusal(refuseAnswerInput(reply));
    },
  });
  setHandler(withdrawOnboardingUpdate, application.exclusively((withdrawal) => withdraw(application, withdrawal)), {
    validator: (withdrawal) => {
      application.validate(withdrawal.actor, 'WITHDRAW');
      throwRefusal(refuseWithdrawInput(withdrawal));
    },
  });
}
