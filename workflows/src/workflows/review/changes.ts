import { actorRef, type ClaimRelease, type EntrySummaryCorrection, eventActorOf, type ImporterReply, type PendingActionKind, type ReviewDecision, type ReviewState } from '@cee-hub/contracts';
import type { Change, EntrySummaryReview } from './state';

/** What a staff decision changes and records. */
export function decisionChange(review: EntrySummaryReview, decision: ReviewDecision): Change {
  const who = eventActorOf(decision.actor);
  const by = actorRef(decision.actor);
  const note = decision.note?.trim() || null;
  const propose = (next: ReviewState, kind: PendingActionKind) => {
    next.pending = { kind, details: note!, changeKind: kind === 'CF29' ? decision.changeKind! : null, proposedBy: by, signedOffBy: null, response: null, respondedAt: null };
  };
  switch (decision.action) {
    case 'CLAIM':
      return (next) => {
        next.claimedBy = by;
        next.version += 1;
        return { type: 'REVIEW_CLAIMED', from: next.status, who, note };
      };
    case 'ACCEPT':
      return review.accept('ACCEPTED', who, note);
    case 'ACCEPT_WITH_CHANGE':
      return (next, enter) => {
        const notice = next.pending!;
        return review.accept('ACCEPTED_WITH_CHANGE', who, `${notice.changeKind} change of the notice of action applied: ${notice.details}${note ? `; ${note}` : ''}`)(next, enter);
      };
    case 'REFER_TO_IMPORT_SPECIALIST':
    case 'RETURN_TO_FILER':
      return (next, enter) => {
        const from = next.status;
        next.claimedBy = null;
        if (decision.action === 'RETURN_TO_FILER') enter('RETURNED', 'RETURNED');
        else enter('IMPORT_REVIEW');
        return { type: decision.action === 'RETURN_TO_FILER' ? 'RETURNED' : 'REFERRED', from, who, note };
      };
    case 'REQUEST_INFORMATION':
      return (next, enter) => {
        const from = next.status;
        propose(next, 'CF28');
        enter('AWAITING_INFORMATION', 'UNDER_REVIEW', review.durations.cf28);
        return { type: 'CF28_ISSUED', from, who, note, documentIds: decision.documentIds };
      };
    case 'PROPOSE_NOTICE_OF_ACTION':
    case 'REJECT':
      return (next, enter) => {
        const from = next.status;
        const cf29 = decision.action === 'PROPOSE_NOTICE_OF_ACTION';
        propose(next, cf29 ? 'CF29' : 'REJECTION');
        enter('SIGN_OFF');
        return cf29 ? { type: 'CF29_PROPOSED', from, who, note: `${decision.changeKind}: ${note}` } : { type: 'REJECTION_PROPOSED', from, who, note };
      };
    case 'SIGN_OFF':
      return (next, enter) => {
        const from = next.status;
        const pending = next.pending!;
        pending.signedOffBy = by;
        if (pending.kind === 'REJECTION') {
          next.claimedBy = null;
          enter('REJECTED', 'REJECTED');
          return { type: 'REJECTED', from, who, note: `${pending.details}${note ? ` (signed off: ${note})` : ''}` };
        }
        enter('AWAITING_NOTICE_RESPONSE', 'UNDER_REVIEW', review.durations.cf29);
        return { type: 'CF29_ISSUED', from, who, note };
      };
    case 'DECLINE_SIGN_OFF':
      return (next, enter) => {
        const from = next.status;
        next.pending = null;
        enter('IMPORT_REVIEW');
        return { type: 'SIGN_OFF_DECLINED', from, who, note };
      };
  }
}

/** The importer's answer to a CF-28 or response to a CF-29: back to the import specialist. */
export function importerReplyChange(reply: ImporterReply, type: 'CF28_ANSWERED' | 'CF29_RESPONDED'): Change {
  return (next, enter) => {
    const text = reply.text.trim();
    next.pending = { ...next.pending!, response: text, respondedAt: new Date(Date.now()).toISOString() };
    enter('IMPORT_REVIEW');
    return { type, from: next.status, who: eventActorOf(reply.actor), note: text, documentIds: reply.documentIds };
  };
}

/** The filer's correction: the review starts over at risk scoring. */
export function correctionChange(correction: EntrySummaryCorrection): Change {
  return (next, enter) => {
    next.claimedBy = null;
    next.pending = null;
    next.risk = null;
    enter('RISK', 'FILED');
    return { type: 'CORRECTED', from: 'RETURNED', who: eventActorOf(correction.actor), note: 'corrected by the filer and validated again', extra: { correction } };
  };
}

/** A deactivated person's claim released: the step stays, unclaimed, and the queue has it again. */
export function claimReleaseChange(release: ClaimRelease): Change {
  return (next) => {
    const claimant = next.claimedBy!;
    next.claimedBy = null;
    next.version += 1;
    return { type: 'CLAIM_RELEASED', from: next.status, who: eventActorOf(release.actor), note: `claim of ${claimant.email ?? claimant.id} released to the queue: ${release.reason.trim()}` };
  };
}
