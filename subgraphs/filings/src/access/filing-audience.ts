import { type Identity, isCbp } from '@cee-hub/common';
import { type ActorRef, type PendingAction, type ReviewState, STAFF_STEPS } from '@cee-hub/contracts';
import type { FilingEventRecord } from '../event-log/filing-event-log';

/**
 * What the trade sees of a filing's log and review, decided here and nowhere else. The
 * workflow records one event per transition with the note CBP staff need (risk reasons,
 * remarks, proposals before sign-off, escalations); importers (and, later, their brokers) get
 * a trade-facing presentation of it instead. Every path that reaches a client — `events`,
 * `review`, `filingEvent`, `filingUpdated` live and replayed — presents through this module.
 */
export type Audience = 'TRADE' | 'CBP';

/** CBP staff and admins see the record as kept; everyone else is the trade. */
export function audienceOf(identity: Identity): Audience {
  return isCbp(identity) ? 'CBP' : 'TRADE';
}

/** Where a filing is processed: it names the CBP office the trade sees acting. */
export interface FilingSetting {
  processingCenterId: string | null;
}

/** The reads a trade-facing presentation needs beyond the event itself. */
export interface AudienceLookups {
  /** A Center's display name (e.g. "Electronics"); null for an unknown id. */
  centerName(centerId: string): Promise<string | null>;
  /** The note of the latest event of `type` of a filing before the event `beforeId`. */
  noteBefore(entrySummaryId: string, beforeId: string, type: string): Promise<string | null>;
}

type ProposalType = 'CF29_PROPOSED' | 'REJECTION_PROPOSED';

/**
 * How the trade sees an event: not at all, or with a note made from the recorded note (only
 * where it is addressed to the trade) and, for what a proposal becomes once signed off, from
 * the proposal — the sign-off remark stays internal.
 */
type TradeView =
  | 'HIDDEN'
  | { note: (recorded: string | null, proposal: string | null) => string | null; proposal?: ProposalType };

const recorded = { note: (note: string | null) => note };
const neutral = (text: string) => ({ note: () => text });

/**
 * Per event type. Hidden: what changes nothing the trade can see or act on (claims, referrals,
 * escalations) and what is not the trade's until signed off (proposals, declined sign-offs).
 * Risk reasons and acceptance remarks become a neutral text.
 */
const TRADE_VIEWS: Record<string, TradeView> = {
  FILED: recorded,
  REVIEW_STARTED: neutral('under review by CBP'),
  REVIEW_CLAIMED: 'HIDDEN',
  REFERRED: 'HIDDEN',
  ESCALATED: 'HIDDEN',
  CF29_PROPOSED: 'HIDDEN',
  REJECTION_PROPOSED: 'HIDDEN',
  SIGN_OFF_DECLINED: 'HIDDEN',
  ACCEPTED: neutral('accepted by CBP'),
  ACCEPTED_WITH_CHANGE: {
    proposal: 'CF29_PROPOSED',
    note: (_note, proposal) => `accepted with the change of the notice of action${proposal ? ` (${proposal})` : ''}`,
  },
  // Addressed to the filer: what to correct, the CF-28 question, the trade's own words, system texts.
  RETURNED: recorded,
  CORRECTED: recorded,
  CF28_ISSUED: recorded,
  CF28_ANSWERED: recorded,
  CF28_UNANSWERED: recorded,
  CF29_RESPONDED: recorded,
  CF29_RESPONSE_WINDOW_CLOSED: recorded,
  LIQUIDATED: recorded,
  CF29_ISSUED: { proposal: 'CF29_PROPOSED', note: (_note, proposal) => proposal },
  REJECTED: { proposal: 'REJECTION_PROPOSED', note: (_note, proposal) => proposal },
};

/** An event type this module does not know yet: shown only when it moves the status, without its note. */
function viewOf(event: FilingEventRecord): TradeView {
  return TRADE_VIEWS[event.type] ?? (event.fromStatus !== event.toStatus ? neutral('updated by CBP') : 'HIDDEN');
}

/** The role the trade sees for everyone at CBP, people and the workflow alike. */
export const TRADE_CBP_ROLE = 'CBP';

/** "CBP — Electronics Center", or "CBP (port of entry)" for a filing its port processes. */
async function cbpOffice(setting: FilingSetting, lookups: AudienceLookups): Promise<string> {
  if (!setting.processingCenterId) return 'CBP (port of entry)';
  const name = (await lookups.centerName(setting.processingCenterId)) ?? setting.processingCenterId;
  return `CBP — ${name} Center`;
}

/**
 * A filing's events as the viewer may see them, in the order given (oldest first). CBP sees
 * them as recorded; the trade sees its own people by name, CBP as the office, and trade notes.
 */
export async function presentFilingEvents(
  identity: Identity,
  events: readonly FilingEventRecord[],
  setting: FilingSetting,
  lookups: AudienceLookups,
): Promise<FilingEventRecord[]> {
  if (audienceOf(identity) === 'CBP') return [...events];
  const office = events.some((event) => event.actorRole !== 'IMPORTER') ? await cbpOffice(setting, lookups) : null;
  // The latest proposal seen in this batch, per kind: a whole history needs no lookups.
  const proposals = new Map<string, { id: bigint; note: string | null }>();
  const presented: FilingEventRecord[] = [];
  for (const event of [...events].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) {
    const view = viewOf(event);
    if (event.type === 'CF29_PROPOSED' || event.type === 'REJECTION_PROPOSED') proposals.set(event.type, { id: BigInt(event.id), note: event.note });
    if (view === 'HIDDEN') continue;
    let proposal: string | null = null;
    if (view.proposal) {
      proposal = proposals.has(view.proposal) ? proposals.get(view.proposal)!.note : await lookups.noteBefore(event.entrySummaryId, event.id, view.proposal);
    }
    const ownPeople = event.actorRole === 'IMPORTER';
    presented.push({
      ...event,
      actor: ownPeople ? event.actor : office!,
      actorRole: ownPeople ? event.actorRole : TRADE_CBP_ROLE,
      note: view.note(event.note, proposal),
    });
  }
  // Back in the order asked for.
  const order = new Map(events.map((event, index) => [event.id, index]));
  return presented.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** One event as the viewer may see it; null when it is not the viewer's to see. */
export async function presentFilingEvent(
  identity: Identity,
  event: FilingEventRecord,
  setting: FilingSetting,
  lookups: AudienceLookups,
): Promise<FilingEventRecord | null> {
  return (await presentFilingEvents(identity, [event], setting, lookups))[0] ?? null;
}

/** The review of a filing as the viewer may see it (the graph's EntrySummaryReview without availableActions). */
export interface PresentedReview {
  workflowId: string | null;
  step: string;
  version: number | null;
  risk: ReviewState['risk'];
  claimedBy: ActorRef | null;
  stepDueAt: string | null;
  escalated: boolean | null;
  pending: PendingAction | null;
  responseDueAt: string | null;
  liquidationDate: string | null;
}

/** The step the trade sees while CBP staff work the filing: which desk has it is CBP's business. */
export const TRADE_REVIEW_STEP = 'CBP_REVIEW';

/** A review step as the audience may see it: the trade sees the steps CBP staff work as one. */
export function reviewStepSeenBy(audience: Audience, step: string): string {
  return audience === 'TRADE' && (STAFF_STEPS as readonly string[]).includes(step) ? TRADE_REVIEW_STEP : step;
}

/** Who the trade sees acting for CBP in a review. */
export const TRADE_CBP_PARTICIPANT: ActorRef = Object.freeze({ id: 'CBP', email: null, role: TRADE_CBP_ROLE as ActorRef['role'] });

/**
 * Whether the trade may see a pending action: a CF-28 is sent as it is made; a CF-29 or a
 * rejection only once a supervisor signed it off (before that it is a proposal inside CBP).
 */
export function isIssuedToTrade(pending: PendingAction): boolean {
  return pending.kind === 'CF28' || pending.signedOffBy !== null;
}

/**
 * A review as the viewer may see it. The trade gets no workflow id, version, risk, claim, SLA
 * or escalation, the staff steps as one, and the pending action only once issued, with CBP
 * instead of the staff who proposed and signed it.
 */
export function presentReview(identity: Identity, workflowId: string, state: ReviewState): PresentedReview {
  if (audienceOf(identity) === 'CBP') {
    return {
      workflowId,
      step: state.step,
      version: state.version,
      risk: state.risk,
      claimedBy: state.claimedBy,
      stepDueAt: state.stepDueAt,
      escalated: state.escalated,
      pending: state.pending,
      responseDueAt: state.responseDueAt,
      liquidationDate: state.liquidationDate,
    };
  }
  const pending = state.pending && isIssuedToTrade(state.pending) ? state.pending : null;
  return {
    workflowId: null,
    step: reviewStepSeenBy('TRADE', state.step),
    version: null,
    risk: null,
    claimedBy: null,
    stepDueAt: null,
    escalated: null,
    pending: pending && {
      ...pending,
      proposedBy: TRADE_CBP_PARTICIPANT,
      signedOffBy: pending.signedOffBy ? TRADE_CBP_PARTICIPANT : null,
    },
    // The window of what the trade was sent; none while nothing is.
    responseDueAt: pending ? state.responseDueAt : null,
    liquidationDate: state.liquidationDate,
  };
}
