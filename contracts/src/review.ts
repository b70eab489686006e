/**
 * The entry summary review: its plain types and the pure rules of who may decide what at which
 * step. The workflow's update validators and the graph's `availableActions` both use
 * {@link refuseReviewAction}, so what the graph offers is exactly what the workflow accepts.
 */
import { type Actor, type ActorRef, type ActorRole, sameActor } from './actor';
import type { ReviewDurations } from './durations';
import { type DecisionRefusal, refusal } from './refusal';
import { refuseText } from './text';

/** The longest note of a staff decision, and of the importer's answer or response. */
export const MAX_DECISION_NOTE = 4000;
export const MAX_REPLY_TEXT = 8000;

/**
 * Where a review stands. RISK: automated scoring; ENTRY_REVIEW / IMPORT_REVIEW: a specialist
 * works it; AWAITING_INFORMATION: a CF-28 waits for the importer; SIGN_OFF: an adverse action
 * waits for a supervisor; AWAITING_NOTICE_RESPONSE: a CF-29 was sent and the importer may
 * respond; RETURNED: the filer corrects it; ACCEPTED: waiting for liquidation.
 */
export const REVIEW_STEPS = [
  'RISK',
  'ENTRY_REVIEW',
  'IMPORT_REVIEW',
  'AWAITING_INFORMATION',
  'SIGN_OFF',
  'AWAITING_NOTICE_RESPONSE',
  'RETURNED',
  'ACCEPTED',
  'REJECTED',
  'LIQUIDATED',
] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

/** Steps that staff work on and that carry the step SLA. */
export const STAFF_STEPS: readonly ReviewStep[] = ['ENTRY_REVIEW', 'IMPORT_REVIEW', 'SIGN_OFF'];
export const FINAL_REVIEW_STEPS: readonly ReviewStep[] = ['REJECTED', 'LIQUIDATED'];

/** Decisions staff make (importers answer through their own updates). */
export const REVIEW_ACTIONS = [
  'CLAIM',
  'ACCEPT',
  'REFER_TO_IMPORT_SPECIALIST',
  'RETURN_TO_FILER',
  'REQUEST_INFORMATION',
  'PROPOSE_NOTICE_OF_ACTION',
  'ACCEPT_WITH_CHANGE',
  'REJECT',
  'SIGN_OFF',
  'DECLINE_SIGN_OFF',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** What a CF-29 notice of action proposes to change. */
export const NOTICE_OF_ACTION_KINDS = ['RATE', 'VALUE', 'CLASSIFICATION'] as const;
export type NoticeOfActionKind = (typeof NOTICE_OF_ACTION_KINDS)[number];

/** CF28: request for information; CF29: notice of action; REJECTION: a proposed rejection. */
export const PENDING_ACTION_KINDS = ['CF28', 'CF29', 'REJECTION'] as const;
export type PendingActionKind = (typeof PENDING_ACTION_KINDS)[number];

/** The filing statuses a review moves an entry summary through (filings.entry_summary.status). */
export type ReviewFilingStatus = 'FILED' | 'UNDER_REVIEW' | 'RETURNED' | 'ACCEPTED' | 'REJECTED' | 'LIQUIDATED';

export interface PendingAction {
  kind: PendingActionKind;
  /** The CF-28 question, the CF-29 proposal or the reason for rejection. */
  details: string;
  /** For a CF-29: what it changes. */
  changeKind: NoticeOfActionKind | null;
  proposedBy: ActorRef;
  signedOffBy: ActorRef | null;
  /** The importer's answer (CF-28) or response (CF-29), if any. */
  response: string | null;
  respondedAt: string | null;
}

export interface RiskAssessment {
  score: number;
  reasons: string[];
  /** Low risk is accepted without a person looking at it. */
  lowRisk: boolean;
}

/** The review of one entry summary, as the workflow keeps it and the graph shows it. */
export interface ReviewState {
  entrySummaryId: string;
  entryNumber: string;
  importerId: string;
  /** The processing Center; null when the port of entry processes the filing (CBP admins act for the port). */
  centerId: string | null;
  step: ReviewStep;
  status: ReviewFilingStatus;
  /** Increases with every decision-relevant change; decisions name the version they were made on. */
  version: number;
  /** Increases with every recorded transition (also escalations): the idempotency key of the event log. */
  seq: number;
  risk: RiskAssessment | null;
  claimedBy: ActorRef | null;
  /** ISO timestamp: when the current staff step breaches its SLA. */
  stepDueAt: string | null;
  escalated: boolean;
  pending: PendingAction | null;
  /** ISO timestamp: end of the importer's CF-28 / CF-29 window. */
  responseDueAt: string | null;
  /** ISO date of scheduled (or done) liquidation, once accepted. */
  liquidationDate: string | null;
}

export interface ReviewInput {
  entrySummaryId: string;
  entryNumber: string;
  importerId: string;
  centerId: string | null;
  /** YYYY-MM-DD: liquidation is scheduled from it. */
  entryDate: string;
  durations: ReviewDurations;
}

export interface ReviewDecision {
  action: ReviewAction;
  actor: Actor;
  /** The review version the decision was made on; another one means someone acted meanwhile. */
  expectedVersion: number;
  /** Question (CF-28), proposal (CF-29), reason (return, reject, declined sign-off) or remark. */
  note?: string | null;
  changeKind?: NoticeOfActionKind | null;
  /** Documents of the filing a CF-28 request comes with (REQUEST_INFORMATION only). */
  documentIds?: string[];
}

/** The importer's answer to a CF-28 or response to a CF-29. */
export interface ImporterReply {
  actor: Actor;
  text: string;
  /** Documents of the filing the answer or response comes with. */
  documentIds?: string[];
}

/** A corrected filing, validated by the filings domain before it reaches the workflow. */
export interface CorrectionLine {
  lineNumber: number;
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: number;
  dutyRate: number;
  duty: number;
}

export interface EntrySummaryCorrection {
  actor: Actor;
  entryType: string;
  entryDate: string;
  releaseDate: string | null;
  lines: CorrectionLine[];
  totalEnteredValue: number;
  totalDuty: number;
}

/**
 * A claim handed back to the queue because the person holding it left (was deactivated):
 * the review stays at its step, unclaimed, for a colleague to claim.
 */
export interface ClaimRelease {
  /** Who deactivated the person (an admin, or the Center's director). */
  actor: Actor;
  /** The `ActorRef.id` of the person whose claim is released (their staff id). */
  claimantId: string;
  reason: string;
}

/** Whether the review's claim may be released now: it must still be held by that person. */
export function refuseClaimRelease(state: ReviewState, release: ClaimRelease): DecisionRefusal | undefined {
  if (release.actor.role !== 'ADMIN' && !(release.actor.role === 'CENTER_DIRECTOR' && release.actor.centerId === state.centerId)) {
    return refusal('FORBIDDEN', `Only a CBP admin or the ${state.centerId ?? 'processing'} Center's director releases claims of entry summary ${state.entryNumber}`);
  }
  if (!state.claimedBy || state.claimedBy.id !== release.claimantId) {
    return refusal('CONFLICT', `Entry summary ${state.entryNumber} is not claimed by ${release.claimantId}${state.claimedBy ? ` but by ${who(state.claimedBy)}` : ''}; there is no claim of theirs to release`);
  }
  if (FINAL_REVIEW_STEPS.includes(state.step)) return refusal('CONFLICT', `The review of ${state.entryNumber} is over (${state.step})`);
  return refuseText('reason', release.reason, MAX_DECISION_NOTE);
}

/** Names of the review workflow's messages, for clients that start and address it by name. */
export const REVIEW_WORKFLOW_TYPE = 'reviewEntrySummary';
export const REVIEW_UPDATES = {
  decide: 'decideReview',
  answerRequestForInformation: 'answerRequestForInformation',
  respondToNoticeOfAction: 'respondToNoticeOfAction',
  correct: 'correctEntrySummary',
  releaseClaim: 'releaseReviewClaim',
} as const;
export const REVIEW_STATE_QUERY = 'reviewState';

export function reviewWorkflowId(entryNumber: string): string {
  return `review-${entryNumber}`;
}

const who = (ref: ActorRef) => ref.email ?? ref.id;

/** The role that takes each action, and the steps it is taken at. */
const ACTION_RULES: Record<ReviewAction, { role: ActorRole; steps: readonly ReviewStep[] }> = {
  CLAIM: { role: 'ENTRY_SPECIALIST', steps: ['ENTRY_REVIEW', 'IMPORT_REVIEW'] },
  ACCEPT: { role: 'ENTRY_SPECIALIST', steps: ['ENTRY_REVIEW', 'IMPORT_REVIEW'] },
  REFER_TO_IMPORT_SPECIALIST: { role: 'ENTRY_SPECIALIST', steps: ['ENTRY_REVIEW'] },
  RETURN_TO_FILER: { role: 'ENTRY_SPECIALIST', steps: ['ENTRY_REVIEW'] },
  REQUEST_INFORMATION: { role: 'IMPORT_SPECIALIST', steps: ['IMPORT_REVIEW'] },
  PROPOSE_NOTICE_OF_ACTION: { role: 'IMPORT_SPECIALIST', steps: ['IMPORT_REVIEW'] },
  ACCEPT_WITH_CHANGE: { role: 'IMPORT_SPECIALIST', steps: ['IMPORT_REVIEW'] },
  REJECT: { role: 'IMPORT_SPECIALIST', steps: ['IMPORT_REVIEW'] },
  SIGN_OFF: { role: 'SUPERVISOR', steps: ['SIGN_OFF'] },
  DECLINE_SIGN_OFF: { role: 'SUPERVISOR', steps: ['SIGN_OFF'] },
};

/** The staff role that acts at a step (CLAIM and ACCEPT follow the step: entry or import specialist). */
export function roleOfStep(step: ReviewStep): ActorRole | null {
  if (step === 'ENTRY_REVIEW') return 'ENTRY_SPECIALIST';
  if (step === 'IMPORT_REVIEW') return 'IMPORT_SPECIALIST';
  if (step === 'SIGN_OFF') return 'SUPERVISOR';
  return null;
}

/** The review steps a staff role works on (its queue). */
export function stepsOfRole(role: ActorRole): ReviewStep[] {
  return STAFF_STEPS.filter((step) => roleOfStep(step) === role);
}

/**
 * Whether `actor` may take `action` now, ignoring the version and the note: the Center, the
 * step, the role, the claim and the four-eyes rule of sign-off. Undefined when allowed.
 *
 * Filings processed by a Center are decided by that Center's staff only. Filings processed by
 * a port (no Center) are decided by CBP admins, who stand in for every role there; the
 * four-eyes rule still holds between two admins.
 */
export function refuseReviewAction(state: ReviewState, actor: Actor, action: ReviewAction): DecisionRefusal | undefined {
  const portFiling = state.centerId === null;
  if (portFiling) {
    if (actor.role !== 'ADMIN') return refusal('FORBIDDEN', `Entry summary ${state.entryNumber} is processed by its port; CBP admins review it`);
  } else if (actor.role === 'ADMIN' || actor.role === 'IMPORTER' || actor.role === 'PUBLIC') {
    return refusal('FORBIDDEN', `Only staff of the ${state.centerId} Center decide the review of entry summary ${state.entryNumber}`);
  } else if (actor.centerId !== state.centerId) {
    return refusal('FORBIDDEN', `Entry summary ${state.entryNumber} is reviewed by the ${state.centerId} Center, not ${actor.centerId ?? 'yours'}`);
  }
  const rule = ACTION_RULES[action];
  if (!rule.steps.includes(state.step)) {
    return refusal('CONFLICT', `${action} is not possible while the review of ${state.entryNumber} is at step ${state.step}`);
  }
  const role = action === 'CLAIM' || action === 'ACCEPT' ? roleOfStep(state.step)! : rule.role;
  if (!portFiling && actor.role !== role) {
    return refusal('FORBIDDEN', `At step ${state.step}, ${action} is for the ${role} role; you are ${actor.role}`);
  }
  if (state.step === 'ENTRY_REVIEW' || state.step === 'IMPORT_REVIEW') {
    if (action === 'CLAIM') {
      if (state.claimedBy) return refusal('CONFLICT', `Entry summary ${state.entryNumber} is already claimed by ${who(state.claimedBy)}`);
    } else if (!state.claimedBy) {
      return refusal('CONFLICT', `Claim entry summary ${state.entryNumber} before deciding on it`);
    } else if (!sameActor(state.claimedBy, actor)) {
      return refusal('FORBIDDEN', `Entry summary ${state.entryNumber} is claimed by ${who(state.claimedBy)}; only they decide at this step`);
    }
    if (action === 'ACCEPT_WITH_CHANGE' && !(state.pending?.kind === 'CF29' && state.pending.signedOffBy)) {
      return refusal('CONFLICT', 'ACCEPT_WITH_CHANGE needs a notice of action (CF-29) that was signed off and sent');
    }
  }
  if (state.step === 'SIGN_OFF' && state.pending && sameActor(state.pending.proposedBy, actor)) {
    const what = state.pending.kind === 'CF29' ? 'notice of action' : 'rejection';
    const signer = portFiling ? 'another CBP admin (a filing processed by its port takes two admins)' : "another of the Center's supervisors";
    return refusal('FORBIDDEN', `You proposed this ${what}; ${signer} must sign it off`);
  }
  return undefined;
}

/** Every check of a decision, in the order a person would want to hear them. Undefined when allowed. */
export function refuseReviewDecision(state: ReviewState, decision: ReviewDecision): DecisionRefusal | undefined {
  if (!(REVIEW_ACTIONS as readonly string[]).includes(decision.action)) return refusal('BAD_USER_INPUT', `'${decision.action}' is not a review action`);
  const refused = refuseReviewAction(state, decision.actor, decision.action);
  if (refused) return refused;
  if (decision.expectedVersion !== state.version) {
    return refusal('CONFLICT', `The review changed since you looked (version ${state.version}, you saw ${decision.expectedVersion}); reload it and decide again`);
  }
  const note = decision.note?.trim() ?? '';
  const needsNote: Partial<Record<ReviewAction, string>> = {
    RETURN_TO_FILER: 'say what the filer must correct',
    REQUEST_INFORMATION: 'give the question of the request for information (CF-28)',
    PROPOSE_NOTICE_OF_ACTION: 'describe the proposed change of the notice of action (CF-29)',
    REJECT: 'give the reason for the rejection',
    DECLINE_SIGN_OFF: 'say why you decline to sign off',
  };
  const missing = needsNote[decision.action];
  if (missing && !note) return refusal('BAD_USER_INPUT', `note: ${missing}`);
  const badNote = refuseText('note', note, MAX_DECISION_NOTE);
  if (badNote) return badNote;
  if (decision.action === 'PROPOSE_NOTICE_OF_ACTION' && !(NOTICE_OF_ACTION_KINDS as readonly string[]).includes(decision.changeKind ?? '')) {
    return refusal('BAD_USER_INPUT', `changeKind: a notice of action changes one of ${NOTICE_OF_ACTION_KINDS.join(', ')}`);
  }
  return undefined;
}

/** Whether the importer (or an admin for it) may answer the open CF-28 / respond to the CF-29. */
export function refuseImporterReply(state: ReviewState, reply: ImporterReply, kind: 'CF28' | 'CF29'): DecisionRefusal | undefined {
  const { actor } = reply;
  if (!(actor.role === 'ADMIN' || (actor.role === 'IMPORTER' && actor.importerId === state.importerId))) {
    return refusal('FORBIDDEN', `Only the importer of record of ${state.entryNumber} answers its ${kind === 'CF28' ? 'requests for information' : 'notices of action'}`);
  }
  const step: ReviewStep = kind === 'CF28' ? 'AWAITING_INFORMATION' : 'AWAITING_NOTICE_RESPONSE';
  if (state.step !== step) {
    return refusal('CONFLICT', `No ${kind === 'CF28' ? 'request for information (CF-28)' : 'notice of action (CF-29)'} of ${state.entryNumber} awaits a reply; the review is at step ${state.step}`);
  }
  const field = kind === 'CF28' ? 'answer' : 'response';
  const text = reply.text.trim();
  if (!text) return refusal('BAD_USER_INPUT', `${field}: must not be empty`);
  return refuseText(field, text, MAX_REPLY_TEXT);
}

/** Whether the filer may send a correction now (the summary was returned to it). */
export function refuseCorrection(state: ReviewState, actor: Actor): DecisionRefusal | undefined {
  if (!(actor.role === 'ADMIN' || (actor.role === 'IMPORTER' && actor.importerId === state.importerId))) {
    return refusal('FORBIDDEN', `Only the importer of record of ${state.entryNumber} (or a CBP admin for it) corrects it`);
  }
  if (state.step !== 'RETURNED') return refusal('CONFLICT', `Entry summary ${state.entryNumber} was not returned for correction; its review is at step ${state.step}`);
  return undefined;
}

/** The decisions open to `actor` now: what the graph offers as `availableActions`. */
export function availableReviewActions(state: ReviewState, actor: Actor): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => !refuseReviewAction(state, actor, action));
}
