import { type Actor, type EventActor, eventActorOf } from './actor';
import type { OnboardingDurations } from './durations';
import { type DecisionRefusal, refusal } from './refusal';
import { MAX_STEP_DOCUMENTS, refuseText } from './text';

/**
 * Where a volunteer application stands. APPLIED until eligibility is checked; then it either
 * ends at once (INELIGIBLE) or waits for the Center (AWAITING_REVIEW) or for the importer's
 * answer to a question (AWAITING_IMPORTER); it ends APPROVED, REJECTED, LAPSED or WITHDRAWN.
 */
export const ONBOARDING_STATES = ['APPLIED', 'INELIGIBLE', 'AWAITING_REVIEW', 'AWAITING_IMPORTER', 'APPROVED', 'REJECTED', 'LAPSED', 'WITHDRAWN'] as const;
export type OnboardingState = (typeof ONBOARDING_STATES)[number];

/** States in which an application is still in progress (and blocks another one). */
export const OPEN_ONBOARDING_STATES: readonly OnboardingState[] = ['APPLIED', 'AWAITING_REVIEW', 'AWAITING_IMPORTER'];

export function isOpenOnboardingState(state: OnboardingState): boolean {
  return OPEN_ONBOARDING_STATES.includes(state);
}

/** The step of the process an application is at: what, or whom, it waits for. */
export const ONBOARDING_STEPS = ['ELIGIBILITY_CHECK', 'CENTER_REVIEW', 'IMPORTER_ANSWER', 'COMPLETE'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** What someone may do to an open application. */
export const ONBOARDING_ACTIONS = ['APPROVE', 'REJECT', 'ASK_FOR_INFORMATION', 'REASSIGN', 'ANSWER', 'WITHDRAW'] as const;
export type OnboardingAction = (typeof ONBOARDING_ACTIONS)[number];

/** The decisions of the Center's account manager or an admin on an application under review. */
export const ONBOARDING_DECISIONS = ['APPROVE', 'REJECT', 'ASK_FOR_INFORMATION'] as const;
export type OnboardingDecision = (typeof ONBOARDING_DECISIONS)[number];

/** Kinds of entries in an application's history. */
export const ONBOARDING_EVENT_TYPES = [
  'APPLIED',
  'INELIGIBLE',
  'CENTER_PROPOSED',
  'REASSIGNED',
  'INFORMATION_REQUESTED',
  'INFORMATION_PROVIDED',
  'REMINDER',
  'ESCALATED',
  'APPROVED',
  'REJECTED',
  'LAPSED',
  'WITHDRAWN',
] as const;
export type OnboardingEventType = (typeof ONBOARDING_EVENT_TYPES)[number];

/** How the proposed Center was chosen. */
export type CenterProposalBasis = 'FILED_LINES' | 'CHOSEN';

/** The input of the onboarding workflow; the subgraph starts it when an importer volunteers. */
export interface OnboardingInput {
  /** Id of the application's row, chosen by the subgraph so it can show the application at once. */
  onboardingId: string;
  importerId: string;
  noticeId: string;
  /** The Center the importer volunteered for. */
  chosenCenterId: string;
  /** The importer (or broker) who volunteered. */
  actor: Actor;
  /** ISO timestamp of the application. */
  appliedAt: string;
  durations: OnboardingDurations;
}

/** Everything the graph shows of an application, as the workflow records it. */
export interface OnboardingSnapshot {
  id: string;
  importerId: string;
  noticeId: string;
  chosenCenterId: string;
  proposedCenterId: string | null;
  /** The Center reviewing the application now (the proposed one unless an admin reassigned it). */
  centerId: string | null;
  state: OnboardingState;
  step: OnboardingStep;
  workflowId: string;
  /** Why the application is ineligible; empty otherwise. */
  reasons: string[];
  proposalBasis: CenterProposalBasis | null;
  proposalNote: string | null;
  accountManagerId: string | null;
  question: string | null;
  answer: string | null;
  decisionNote: string | null;
  /** ISO timestamps. */
  reviewDueAt: string | null;
  escalatesAt: string | null;
  informationDueAt: string | null;
  /** YYYY-MM-DD: when participation starts, once approved. */
  effectiveDate: string | null;
  /** ISO timestamp of the application. */
  appliedAt: string;
  /** Grows with every recorded change, so a late retry never overwrites a newer state. */
  version: number;
}

/** One entry of an application's history, with who made it. `seq` makes recording it idempotent. */
export interface OnboardingEventRecord extends EventActor {
  seq: number;
  type: OnboardingEventType;
  note: string | null;
  /** ISO timestamp. */
  at: string;
  /** Documents of the application the step came with (an answer's); absent otherwise, so earlier steps record as they did. */
  documentIds?: string[];
}

export interface OnboardingDecisionInput {
  actor: Actor;
  decision: OnboardingDecision;
  /** Reason or remark, shown in the history. */
  note?: string | null;
  /** Required with ASK_FOR_INFORMATION. */
  question?: string | null;
  /** YYYY-MM-DD, with APPROVE; today when absent. */
  effectiveDate?: string | null;
}

export interface OnboardingReassignInput {
  actor: Actor;
  centerId: string;
  note?: string | null;
}

export interface OnboardingAnswerInput {
  actor: Actor;
  answer: string;
  /** Documents of the application the answer comes with, checked by the graph before the workflow gets them. */
  documentIds?: string[];
}

export interface OnboardingWithdrawInput {
  actor: Actor;
  note?: string | null;
}

/** The part of an application the rules look at. */
export interface OnboardingView {
  importerId: string;
  state: OnboardingState;
  centerId: string | null;
}

const DECIDING_STATES: Record<OnboardingAction, readonly OnboardingState[]> = {
  APPROVE: ['AWAITING_REVIEW'],
  REJECT: ['AWAITING_REVIEW'],
  ASK_FOR_INFORMATION: ['AWAITING_REVIEW'],
  REASSIGN: ['AWAITING_REVIEW'],
  ANSWER: ['AWAITING_IMPORTER'],
  WITHDRAW: OPEN_ONBOARDING_STATES,
};

const ACTION_WORDS: Record<OnboardingAction, string> = {
  APPROVE: 'approve',
  REJECT: 'reject',
  ASK_FOR_INFORMATION: 'ask for information on',
  REASSIGN: 'reassign',
  ANSWER: 'answer a question on',
  WITHDRAW: 'withdraw',
};

function refuseActor(action: OnboardingAction, view: OnboardingView, actor: Actor): DecisionRefusal | undefined {
  const words = ACTION_WORDS[action];
  switch (action) {
    case 'APPROVE':
    case 'REJECT':
    case 'ASK_FOR_INFORMATION':
      if (actor.role === 'ADMIN') return undefined;
      if (actor.role !== 'ACCOUNT_MANAGER') {
        return refusal('FORBIDDEN', `Only the reviewing Center's account manager or a CBP admin may ${words} an application`);
      }
      if (!view.centerId || actor.centerId !== view.centerId) {
        return refusal('FORBIDDEN', `This application is reviewed by the ${view.centerId ?? 'undecided'} Center; account managers of ${actor.centerId ?? 'no Center'} may not ${words} it`);
      }
      return undefined;
    case 'REASSIGN':
      return actor.role === 'ADMIN' ? undefined : refusal('FORBIDDEN', 'Only CBP admins may reassign an application to another Center');
    case 'ANSWER':
    case 'WITHDRAW':
      if (actor.role !== 'IMPORTER') return refusal('FORBIDDEN', `Only the importer that volunteered may ${words} its application`);
      if (actor.importerId !== view.importerId) return refusal('FORBIDDEN', `This application belongs to another importer; you may not ${words} it`);
      return undefined;
  }
}

const STATE_WORDS: Record<OnboardingState, string> = {
  APPLIED: 'is still being checked for eligibility',
  INELIGIBLE: 'ended: the importer is not eligible',
  AWAITING_REVIEW: 'is waiting for the Center to decide',
  AWAITING_IMPORTER: "is waiting for the importer's answer",
  APPROVED: 'was approved already',
  REJECTED: 'was rejected already',
  LAPSED: 'lapsed: the question was not answered in time',
  WITHDRAWN: 'was withdrawn',
};

/**
 * Why `actor` may not take `action` on the application now, or undefined when it may. Used by
 * the workflow's update validators and by the graph's `availableActions`, so both agree.
 */
export function refuseOnboardingAction(actor: Actor, action: OnboardingAction, view: OnboardingView): DecisionRefusal | undefined {
  const forbidden = refuseActor(action, view, actor);
  if (forbidden) return forbidden;
  if (!DECIDING_STATES[action].includes(view.state)) {
    return refusal('CONFLICT', `You cannot ${ACTION_WORDS[action]} this application now: it ${STATE_WORDS[view.state]}`);
  }
  return undefined;
}

/** The actions open to `actor` on the application, in a stable order. */
export function availableOnboardingActions(actor: Actor, view: OnboardingView): OnboardingAction[] {
  return ONBOARDING_ACTIONS.filter((action) => !refuseOnboardingAction(actor, action, view));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  // Year 0 is valid in JavaScript but not in PostgreSQL.
  if (!match || value < '0001-01-01') return false;
  // Parsed as written: Date.UTC would read years 0–99 as 1900–1999.
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const MAX_ONBOARDING_TEXT = 4000;

/** `required`: the message that says what to write when the text is missing. */
function refuseOnboardingText(field: string, value: string | null | undefined, required?: string): DecisionRefusal | undefined {
  const text = value?.trim() ?? '';
  if (required && !text) return refusal('BAD_USER_INPUT', `${field}: ${required}`);
  return refuseText(field, text, MAX_ONBOARDING_TEXT);
}

/** Problems with the content of a decision (after the actor and state were found allowed). */
export function refuseDecisionInput(input: OnboardingDecisionInput, today: string): DecisionRefusal | undefined {
  if (!(ONBOARDING_DECISIONS as readonly string[]).includes(input.decision)) {
    return refusal('BAD_USER_INPUT', `decision: '${String(input.decision)}' is not one of ${ONBOARDING_DECISIONS.join(', ')}`);
  }
  // A rejection ends an importer's application: it is told why, as review decisions are.
  const note = refuseOnboardingText('note', input.note, input.decision === 'REJECT' ? 'say why the application is rejected' : undefined);
  if (note) return note;
  if (input.decision === 'ASK_FOR_INFORMATION') {
    const question = refuseOnboardingText('question', input.question, 'give the question for the importer');
    if (question) return question;
  } else if (input.question?.trim()) {
    return refusal('BAD_USER_INPUT', 'question: only a request for information carries a question');
  }
  if (input.effectiveDate != null) {
    if (input.decision !== 'APPROVE') return refusal('BAD_USER_INPUT', 'effectiveDate: only an approval carries an effective date');
    if (!isCalendarDate(input.effectiveDate)) return refusal('BAD_USER_INPUT', `effectiveDate: '${input.effectiveDate}' is not a date like 2026-03-01`);
    if (input.effectiveDate < today) return refusal('BAD_USER_INPUT', `effectiveDate: ${input.effectiveDate} is in the past; participation starts today or later`);
  }
  return undefined;
}

export function refuseAnswerInput(input: OnboardingAnswerInput): DecisionRefusal | undefined {
  const documentIds = input.documentIds ?? [];
  if (!Array.isArray(documentIds) || documentIds.some((id) => typeof id !== 'string')) return refusal('BAD_USER_INPUT', 'documentIds: a list of document ids');
  if (documentIds.length > MAX_STEP_DOCUMENTS) {
    return refusal('BAD_USER_INPUT', `documentIds: an answer carries at most ${MAX_STEP_DOCUMENTS} documents; ${documentIds.length} were given`);
  }
  return refuseOnboardingText('answer', input.answer, 'must not be empty');
}

export function refuseWithdrawInput(input: OnboardingWithdrawInput): DecisionRefusal | undefined {
  return refuseOnboardingText('note', input.note);
}

export function refuseReassignInput(input: OnboardingReassignInput, currentCenterId: string | null, noticeCenterIds: readonly string[]): DecisionRefusal | undefined {
  const note = refuseOnboardingText('note', input.note);
  if (note) return note;
  if (!noticeCenterIds.includes(input.centerId)) {
    return refusal('BAD_USER_INPUT', `centerId: the notice does not open ${input.centerId}; it opens ${noticeCenterIds.join(', ')}`);
  }
  if (input.centerId === currentCenterId) return refusal('BAD_USER_INPUT', `centerId: the application is with ${input.centerId} already`);
  return undefined;
}

/** Names of the onboarding workflow and its messages, for clients that start and address it by name. */
export const ONBOARDING_WORKFLOW_TYPE = 'onboardingWorkflow';
export const ONBOARDING_UPDATES = {
  decide: 'decideOnboarding',
  reassign: 'reassignOnboarding',
  answer: 'answerOnboardingQuestion',
  withdraw: 'withdrawOnboarding',
} as const;
export const ONBOARDING_STATUS_QUERY = 'onboardingStatus';

/** The workflow id of an importer's onboarding: one application at a time per importer. */
export function onboardingWorkflowId(importerId: string): string {
  return `onboarding-${importerId}`;
}

/**
 * The application as first recorded, with its APPLIED event. The subgraph records it when the
 * importer volunteers and the workflow records the very same (idempotently), so whichever is
 * first wins and the other changes nothing.
 */
export function appliedOnboarding(input: OnboardingInput): { snapshot: OnboardingSnapshot; event: OnboardingEventRecord } {
  return {
    snapshot: {
      id: input.onboardingId,
      importerId: input.importerId,
      noticeId: input.noticeId,
      chosenCenterId: input.chosenCenterId,
      proposedCenterId: null,
      centerId: null,
      state: 'APPLIED',
      step: 'ELIGIBILITY_CHECK',
      workflowId: onboardingWorkflowId(input.importerId),
      reasons: [],
      proposalBasis: null,
      proposalNote: null,
      accountManagerId: null,
      question: null,
      answer: null,
      decisionNote: null,
      reviewDueAt: null,
      escalatesAt: null,
      informationDueAt: null,
      effectiveDate: null,
      appliedAt: input.appliedAt,
      version: 1,
    },
    event: {
      seq: 1,
      type: 'APPLIED',
      ...eventActorOf(input.actor),
      note: `Volunteered for ${input.chosenCenterId} under notice ${input.noticeId}`,
      at: input.appliedAt,
    },
  };
}
