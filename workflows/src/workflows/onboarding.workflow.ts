import {
  type Actor,
  actorLabel,
  appliedOnboarding,
  durationMs,
  isOpenOnboardingState,
  type OnboardingAction,
  type OnboardingAnswerInput,
  type OnboardingDecisionInput,
  type OnboardingEventRecord,
  type OnboardingEventType,
  type OnboardingInput,
  type OnboardingReassignInput,
  type OnboardingRefusal,
  type OnboardingSnapshot,
  type OnboardingWithdrawInput,
  refuseAnswerInput,
  refuseDecisionInput,
  refuseOnboardingAction,
  refuseReassignInput,
  refuseWithdrawInput,
} from '@cee-hub/contracts';
import type { CenterContacts, OnboardingActivities } from '@cee-hub/importers/activities';
import { allHandlersFinished, ApplicationFailure, condition, defineQuery, defineUpdate, patched, proxyActivities, setHandler } from '@temporalio/workflow';

/** Approve, reject or ask for information: the Center's account manager or an admin. */
export const decideOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingDecisionInput]>('decideOnboarding');
/** Move the application to another Center open under the notice: admins. */
export const reassignOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingReassignInput]>('reassignOnboarding');
/** The importer's answer to the Center's question. */
export const answerOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingAnswerInput]>('answerOnboardingQuestion');
/** The importer withdraws its application. */
export const withdrawOnboardingUpdate = defineUpdate<OnboardingSnapshot, [OnboardingWithdrawInput]>('withdrawOnboarding');
/** The application as the workflow holds it now. */
export const onboardingStatusQuery = defineQuery<OnboardingSnapshot>('onboardingStatus');

const activities = proxyActivities<OnboardingActivities>({
  // Each is a few statements; a worker that dies mid-activity is noticed after this long.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Who the workflow's own changes are by (eligibility, proposal, lapse), as the schema names it. */
const SYSTEM = 'SYSTEM';
type By = Actor | typeof SYSTEM;

/**
 * Applications from this change on record a change before the workflow's state moves, so a
 * change the store refuses leaves the application where the database has it. Applications
 * begun earlier move first and record after, as their histories did.
 */
const RECORD_FIRST_PATCH = 'onboarding-record-before-moving';

function refuse(refusal: OnboardingRefusal | undefined): void {
  if (refusal) throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
}

const iso = (ms: number) => new Date(ms).toISOString();
/** The workflow's today (UTC), deterministic on replay. */
const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * Volunteer onboarding of one importer (workflow id `onboarding-<importerId>`): checks
 * eligibility against the notice, proposes a Center, waits for the Center's account manager or
 * an admin to decide (reminding, then escalating to the director when the review is left
 * untouched), handles a question and its answer or lapse, and on approval makes the importer
 * PARTICIPATING. Every change is recorded through activities; decisions are Updates with
 * validators, so a refused decision changes nothing.
 */
export async function onboardingWorkflow(input: OnboardingInput): Promise<OnboardingSnapshot> {
  const reviewSlaMs = durationMs(input.durations.reviewSla);
  const escalateAfterMs = durationMs(input.durations.escalateAfter);
  const informationMs = durationMs(input.durations.informationDeadline);
  const first = appliedOnboarding(input);
  const current: OnboardingSnapshot = { ...first.snapshot };
  let seq = first.event.seq;
  let noticeCenterIds: string[] = [];
  let contacts: CenterContacts = { accountManager: null, director: null };
  // A new round of review (after an answer or a reassignment) restarts its SLA clock.
  let reviewRound = 0;
  let reminded = false;
  let escalated = false;

  /**
   * Changes the application and records the change through `write`: on a draft adopted once it
   * is stored (a refused write changes nothing), or, for applications begun before
   * RECORD_FIRST_PATCH, in place before it is written, as their histories did.
   */
  const apply = async (
    mutate: (snapshot: OnboardingSnapshot) => void,
    type: OnboardingEventType,
    by: By,
    note: string | null,
    write: (change: { snapshot: OnboardingSnapshot; event: OnboardingEventRecord }) => Promise<unknown> = activities.recordOnboardingChange,
  ): Promise<void> => {
    const recordFirst = patched(RECORD_FIRST_PATCH);
    const next = recordFirst ? { ...current, reasons: [...current.reasons] } : current;
    mutate(next);
    next.version += 1;
    // Taken now, so an event recorded meanwhile (a reminder) never shares it; a refused change leaves a gap.
    seq += 1;
    const actor = by === SYSTEM ? { actor: 'system', actorRole: SYSTEM } : { actor: actorLabel(by), actorRole: by.role };
    await write({ snapshot: { ...next, reasons: [...next.reasons] }, event: { seq, type, ...actor, note, at: iso(Date.now()) } });
    if (recordFirst) Object.assign(current, next);
  };
  /** Records an event without changing the application (reminders, escalations). */
  const event = (type: OnboardingEventType, note: string) => {
    seq += 1;
    return activities.recordOnboardingChange({
      snapshot: { ...current, reasons: [...current.reasons] },
      event: { seq, type, actor: 'system', actorRole: 'SYSTEM', note, at: iso(Date.now()) },
    });
  };
  const startReview = (snapshot: OnboardingSnapshot) => {
    const now = Date.now();
    reviewRound += 1;
    reminded = false;
    escalated = false;
    snapshot.state = 'AWAITING_REVIEW';
    snapshot.step = 'CENTER_REVIEW';
    snapshot.reviewDueAt = iso(now + reviewSlaMs);
    snapshot.escalatesAt = iso(now + reviewSlaMs + escalateAfterMs);
    snapshot.informationDueAt = null;
  };
  const view = () => ({ importerId: current.importerId, state: current.state, centerId: current.centerId });
  // One decision at a time: a second one waits for nothing and is refused while the first records.
  let busy = false;
  const validate = (actor: Actor, action: OnboardingAction) => {
    refuse(refuseOnboardingAction(actor, action, view()));
    if (busy) refuse({ type: 'CONFLICT', message: 'Another decision on this application is being recorded; try again in a moment' });
  };
  const exclusively = <A extends unknown[]>(handler: (...args: A) => Promise<void>) => async (...args: A): Promise<OnboardingSnapshot> => {
    busy = true;
    try {
      await handler(...args);
    } finally {
      busy = false;
    }
    return { ...current };
  };

  setHandler(onboardingStatusQuery, () => ({ ...current }));

  setHandler(
    decideOnboardingUpdate,
    exclusively(async (decision: OnboardingDecisionInput) => {
      const note = decision.note?.trim() || null;
      if (decision.decision === 'APPROVE') {
        const effectiveDate = decision.effectiveDate ?? todayIso();
        await apply(
          (s) => {
            s.state = 'APPROVED';
            s.step = 'COMPLETE';
            s.effectiveDate = effectiveDate;
            s.decisionNote = note;
            s.reviewDueAt = null;
            s.escalatesAt = null;
          },
          'APPROVED',
          decision.actor,
          `Approved for ${current.centerId} from ${effectiveDate}${note ? `: ${note}` : ''}`,
          activities.approveOnboarding,
        );
      } else if (decision.decision === 'REJECT') {
        await apply(
          (s) => {
            s.state = 'REJECTED';
            s.step = 'COMPLETE';
            s.decisionNote = note;
            s.reviewDueAt = null;
            s.escalatesAt = null;
          },
          'REJECTED',
          decision.actor,
          note,
        );
      } else {
        const question = decision.question!.trim();
        await apply(
          (s) => {
            s.state = 'AWAITING_IMPORTER';
            s.step = 'IMPORTER_ANSWER';
            s.question = question;
            s.answer = null;
            s.decisionNote = note;
            s.reviewDueAt = null;
            s.escalatesAt = null;
            s.informationDueAt = iso(Date.now() + informationMs);
          },
          'INFORMATION_REQUESTED',
          decision.actor,
          question,
        );
      }
    }),
    {
      validator: (decision) => {
        validate(decision.actor, decision.decision);
        refuse(refuseDecisionInput(decision, todayIso()));
      },
    },
  );

  setHandler(
    reassignOnboardingUpdate,
    exclusively(async (reassign: OnboardingReassignInput) => {
      const from = current.centerId;
      const note = reassign.note?.trim() || null;
      // Applications begun before RECORD_FIRST_PATCH moved the Center at once; every other decision is refused while this one records anyway.
      if (!patched(RECORD_FIRST_PATCH)) current.centerId = reassign.centerId;
      contacts = await activities.findOnboardingContacts({ centerId: reassign.centerId });
      await apply(
        (s) => {
          s.centerId = reassign.centerId;
          s.accountManagerId = contacts.accountManager?.id ?? null;
          startReview(s);
        },
        'REASSIGNED',
        reassign.actor,
        `Reassigned from ${from} to ${reassign.centerId}${contacts.accountManager ? `, account manager ${contacts.accountManager.name} <${contacts.accountManager.email}>` : ''}${note ? `: ${note}` : ''}`,
      );
    }),
    {
      validator: (reassign) => {
        validate(reassign.actor, 'REASSIGN');
        refuse(refuseReassignInput(reassign, current.centerId, noticeCenterIds));
      },
    },
  );

  setHandler(
    answerOnboardingUpdate,
    exclusively(async (answer: OnboardingAnswerInput) => {
      const text = answer.answer.trim();
      await apply(
        (s) => {
          s.answer = text;
          startReview(s);
        },
        'INFORMATION_PROVIDED',
        answer.actor,
        text,
      );
    }),
    {
      validator: (answer) => {
        validate(answer.actor, 'ANSWER');
        refuse(refuseAnswerInput(answer));
      },
    },
  );

  setHandler(
    withdrawOnboardingUpdate,
    exclusively(async (withdraw: OnboardingWithdrawInput) => {
      const note = withdraw.note?.trim() || null;
      await apply(
        (s) => {
          s.state = 'WITHDRAWN';
          s.step = 'COMPLETE';
          s.decisionNote = note;
          s.reviewDueAt = null;
          s.escalatesAt = null;
          s.informationDueAt = null;
        },
        'WITHDRAWN',
        withdraw.actor,
        note,
      );
    }),
    {
      validator: (withdraw) => {
        validate(withdraw.actor, 'WITHDRAW');
        refuse(refuseWithdrawInput(withdraw));
      },
    },
  );

  await activities.recordOnboardingChange(first);

  const eligibility = await activities.checkOnboardingEligibility({
    onboardingId: input.onboardingId,
    importerId: input.importerId,
    noticeId: input.noticeId,
    centerId: input.chosenCenterId,
    asOf: todayIso(),
  });
  noticeCenterIds = eligibility.noticeCenterIds;
  if (current.state === 'APPLIED' && !eligibility.eligible) {
    await apply(
      (s) => {
        s.state = 'INELIGIBLE';
        s.step = 'COMPLETE';
        s.reasons = eligibility.reasons;
      },
      'INELIGIBLE',
      SYSTEM,
      eligibility.reasons.join('; '),
    );
  }

  if (current.state === 'APPLIED') {
    const proposal = await activities.proposeOnboardingCenter({
      importerId: input.importerId,
      chosenCenterId: input.chosenCenterId,
      noticeCenterIds,
      asOf: todayIso(),
    });
    if (current.state === 'APPLIED') {
      contacts = await activities.findOnboardingContacts({ centerId: proposal.centerId });
    }
    // The importer may have withdrawn while the proposal was being made.
    if (current.state === 'APPLIED') {
      await apply(
        (s) => {
          s.proposedCenterId = proposal.centerId;
          s.centerId = proposal.centerId;
          s.proposalBasis = proposal.basis;
          s.proposalNote = proposal.note;
          s.accountManagerId = contacts.accountManager?.id ?? null;
          startReview(s);
        },
        'CENTER_PROPOSED',
        SYSTEM,
        `${proposal.note}${contacts.accountManager ? `; review by account manager ${contacts.accountManager.name} <${contacts.accountManager.email}>` : ''}`,
      );
    }
  }

  while (isOpenOnboardingState(current.state)) {
    if (current.state === 'AWAITING_REVIEW') {
      const round = reviewRound;
      const dueAt = !reminded ? Date.parse(current.reviewDueAt!) : !escalated ? Date.parse(current.escalatesAt!) : undefined;
      const moved = () => current.state !== 'AWAITING_REVIEW' || reviewRound !== round;
      if (dueAt === undefined) {
        await condition(moved);
        continue;
      }
      if (await condition(moved, Math.max(1, dueAt - Date.now()))) continue;
      if (!reminded) {
        reminded = true;
        const to = contacts.accountManager ? `account manager ${contacts.accountManager.name} <${contacts.accountManager.email}>` : `the ${current.centerId} Center`;
        await event('REMINDER', `Review of the application is overdue since ${current.reviewDueAt}; reminded ${to}`);
      } else {
        escalated = true;
        const to = contacts.director ? `Center director ${contacts.director.name} <${contacts.director.email}>` : `the ${current.centerId} Center director`;
        await event('ESCALATED', `Review still untouched; escalated to ${to}`);
      }
    } else if (current.state === 'AWAITING_IMPORTER') {
      const dueAt = Date.parse(current.informationDueAt!);
      const round = reviewRound;
      const moved = () => current.state !== 'AWAITING_IMPORTER' || reviewRound !== round;
      if (await condition(moved, Math.max(1, dueAt - Date.now()))) continue;
      await apply(
        (s) => {
          s.state = 'LAPSED';
          s.step = 'COMPLETE';
          s.informationDueAt = null;
        },
        'LAPSED',
        SYSTEM,
        `The question was not answered by ${current.informationDueAt}`,
      );
    } else {
      // APPLIED: only while the first activities run, which the code above awaited.
      await condition(() => current.state !== 'APPLIED');
    }
  }

  // Let a decision that ended the application finish recording before the workflow completes.
  await condition(allHandlersFinished);
  return { ...current };
}
