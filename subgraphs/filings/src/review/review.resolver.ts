import { BadUserInputError, checkPageSize, ForbiddenError, type Identity, requireCbp } from '@cee-hub/common';
import {
  actorOfIdentity,
  availableReviewActions,
  refuseCorrection,
  refuseImporterReply,
  refuseReviewDecision,
  type ReviewAction,
  type ReviewDecision,
  type ReviewState,
  stepsOfRole,
  type ActorRef,
} from '@cee-hub/contracts';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { UnknownFilingError } from '../errors';
import type { EntrySummaryRecord } from '../filing/entry-summary.repository';
import { assertCanSeeFiling, importerFiledFor } from '../access/filing-access';
import { presentReview } from '../access/filing-audience';
import { validateFiling } from '../filing/filing-validation';
import type { ReviewRecord } from './review.repository';
import { EntrySummary } from '../filing/entry-summary.type';
import {
  AnswerRequestForInformationArgs,
  CorrectEntrySummaryArgs,
  EntrySummaryReview,
  REVIEW_QUEUE_ROLES,
  type ReviewGraphAction,
  ReviewDecisionInput,
  ReviewParticipant,
  ReviewQueueArgs,
  type ReviewQueueRole,
  ReviewQueuePage,
  RespondToNoticeOfActionArgs,
} from './review.type';
import { toEntrySummary } from '../filing/filing.mappers';

const participant = (ref: ActorRef | null): ReviewParticipant | null => (ref ? { id: ref.id, email: ref.email, role: ref.role } : null);
const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** What the caller may do in a review now: staff decisions, and the importer's replies. */
export function availableActionsFor(state: ReviewState, identity: Identity): ReviewGraphAction[] {
  const actor = actorOfIdentity(identity);
  const actions: ReviewGraphAction[] = availableReviewActions(state, actor);
  if (!refuseImporterReply(state, { actor, text: '-' }, 'CF28')) actions.push('ANSWER_REQUEST_FOR_INFORMATION');
  if (!refuseImporterReply(state, { actor, text: '-' }, 'CF29')) actions.push('RESPOND_TO_NOTICE_OF_ACTION');
  if (!refuseCorrection(state, actor)) actions.push('CORRECT');
  return actions;
}

/** The review as the caller may see it (decided by filing-audience), with what the caller may do now. */
export function toReview(record: ReviewRecord, identity: Identity): EntrySummaryReview {
  const review = presentReview(identity, record.workflowId, record.state);
  const pending = review.pending;
  return {
    workflowId: review.workflowId,
    step: review.step,
    version: review.version,
    risk: review.risk,
    claimedBy: participant(review.claimedBy),
    stepDueAt: date(review.stepDueAt),
    escalated: review.escalated,
    pendingAction: pending
      ? {
          kind: pending.kind,
          details: pending.details,
          changeKind: pending.changeKind,
          proposedBy: participant(pending.proposedBy)!,
          signedOffBy: participant(pending.signedOffBy),
          response: pending.response,
          respondedAt: date(pending.respondedAt),
        }
      : null,
    responseDueAt: date(review.responseDueAt),
    liquidationDate: review.liquidationDate,
    updatedAt: record.updatedAt,
    availableActions: availableActionsFor(record.state, identity),
  };
}

/** The summary a review mutation addresses, visible to the caller. */
async function visibleSummary(context: FilingsContext, id: string): Promise<EntrySummaryRecord> {
  const row = await context.loaders.summaryById.load(id);
  if (!row) throw new UnknownFilingError(`the id '${id}'`);
  assertCanSeeFiling(context.identity, row, `the id '${id}'`);
  return row;
}

/** The summary as the workflow left it, read again so the response shows the new status and review. */
async function reloaded(context: FilingsContext, id: string): Promise<EntrySummary> {
  const [row] = await context.services.summaries.byIds([id]);
  context.loaders.summaryById.clear(id).prime(id, row);
  context.loaders.reviewBySummary.clear(id);
  context.loaders.eventsBySummary.clear(id);
  context.loaders.linesBySummary.clear(id);
  return toEntrySummary(row!);
}

/** The importer's answer to the open CF-28, or response to the CF-29, of its entry summary. */
async function replyToPendingAction(context: FilingsContext, entrySummaryId: string, kind: 'CF28' | 'CF29', text: string, documentIds?: string[] | null): Promise<EntrySummary> {
  const summary = await visibleSummary(context, entrySummaryId);
  const reply = { actor: actorOfIdentity(context.identity), text, documentIds: await context.services.reviews.stepDocuments(summary.id, documentIds) };
  await context.services.reviews.reply(summary, kind, reply, (state) => refuseImporterReply(state, reply, kind));
  return reloaded(context, summary.id);
}

@Resolver(() => EntrySummary)
export class ReviewResolver {
  @FieldResolver(() => EntrySummaryReview, { nullable: true, description: 'Its review; null until the review workflow has recorded its first step' })
  async review(@Root() summary: EntrySummary, @Ctx() context: FilingsContext): Promise<EntrySummaryReview | null> {
    const record = await context.loaders.reviewBySummary.load(summary.id);
    return record ? toReview(record, context.identity) : null;
  }

  @Mutation(() => EntrySummary, {
    description:
      'A staff decision in a review (claim, accept, refer, return, CF-28, CF-29, reject, sign-off). Refused with FORBIDDEN (role, Center, claim, own proposal), CONFLICT (step, stale expectedVersion) or BAD_USER_INPUT, changing nothing.',
  })
  async decideReview(@Ctx() context: FilingsContext, @Arg('input', () => ReviewDecisionInput) input: ReviewDecisionInput): Promise<EntrySummary> {
    const summary = await visibleSummary(context, input.entrySummaryId);
    if (input.action === 'ANSWER_REQUEST_FOR_INFORMATION' || input.action === 'RESPOND_TO_NOTICE_OF_ACTION' || input.action === 'CORRECT') {
      throw new BadUserInputError({ field: 'action', message: `${input.action} is the importer's: use its own mutation` });
    }
    if (input.documentIds?.length && input.action !== 'REQUEST_INFORMATION') {
      throw new BadUserInputError({ field: 'documentIds', message: 'Documents go with a request for information (REQUEST_INFORMATION); attach others to the entry summary itself' });
    }
    const decision: ReviewDecision = {
      action: input.action as ReviewAction,
      actor: actorOfIdentity(context.identity),
      expectedVersion: input.expectedVersion,
      note: input.note ?? null,
      changeKind: input.changeKind ?? null,
      documentIds: await context.services.reviews.stepDocuments(summary.id, input.documentIds),
    };
    await context.services.reviews.decide(summary, decision, (state) => refuseReviewDecision(state, decision));
    return reloaded(context, summary.id);
  }

  @Mutation(() => EntrySummary, { description: "The importer's answer to the open CF-28 request for information of its entry summary" })
  async answerRequestForInformation(
    @Ctx() context: FilingsContext,
    @Args(() => AnswerRequestForInformationArgs) { entrySummaryId, answer, documentIds }: AnswerRequestForInformationArgs,
  ): Promise<EntrySummary> {
    return replyToPendingAction(context, entrySummaryId, 'CF28', answer, documentIds);
  }

  @Mutation(() => EntrySummary, { description: "The importer's response to the CF-29 notice of action on its entry summary, within its window" })
  async respondToNoticeOfAction(
    @Ctx() context: FilingsContext,
    @Args(() => RespondToNoticeOfActionArgs) { entrySummaryId, response, documentIds }: RespondToNoticeOfActionArgs,
  ): Promise<EntrySummary> {
    return replyToPendingAction(context, entrySummaryId, 'CF29', response, documentIds);
  }

  @Mutation(() => EntrySummary, {
    description:
      'Corrects an entry summary returned to its filer: validated again like a new filing (every problem at once as BAD_USER_INPUT); its review then starts over',
  })
  async correctEntrySummary(@Ctx() context: FilingsContext, @Args(() => CorrectEntrySummaryArgs) { id, input }: CorrectEntrySummaryArgs): Promise<EntrySummary> {
    const summary = await visibleSummary(context, id);
    const importerId = importerFiledFor(context.identity, summary.importerId);
    const actor = actorOfIdentity(context.identity);
    await context.services.reviews.requireState(summary, (state) => refuseCorrection(state, actor));
    const valid = await validateFiling(
      { ...input, entryNumber: summary.entryNumber, portOfEntry: summary.portOfEntry },
      importerId,
      context.services.filings.checks(),
    );
    await context.services.reviews.correct(summary, {
      actor,
      entryType: valid.entryType,
      entryDate: valid.entryDate,
      releaseDate: valid.releaseDate,
      lines: valid.lines,
      totalEnteredValue: valid.totalEnteredValue,
      totalDuty: valid.totalDuty,
    });
    return reloaded(context, summary.id);
  }

  @Query(() => ReviewQueuePage, {
    description:
      "Entry summaries waiting at the steps a role works, soonest due first: staff see their own Center's; CBP admins any Center's, or (without centerId) the filings processed by ports, which they review. The supervisors' queue also holds every escalated step.",
  })
  async reviewQueue(@Ctx() context: FilingsContext, @Args(() => ReviewQueueArgs) args: ReviewQueueArgs): Promise<ReviewQueuePage> {
    const identity = context.identity;
    requireCbp(identity, 'review queues');
    let centerId: string | null;
    if (identity.role === 'ADMIN') {
      centerId = args.centerId ?? null;
    } else {
      if (args.centerId && args.centerId !== identity.centerId) throw new ForbiddenError(`Staff see the review queues of their own Center (${identity.centerId}) only`);
      centerId = identity.centerId!;
    }
    const role = args.role ?? ((REVIEW_QUEUE_ROLES as readonly string[]).includes(identity.role) ? (identity.role as ReviewQueueRole) : null);
    if (!role) throw new BadUserInputError({ field: 'role', message: `name the queue: one of ${REVIEW_QUEUE_ROLES.join(', ')}` });
    const first = checkPageSize(args.first);
    const page = await context.services.reviews.records.queue({ centerId, steps: stepsOfRole(role), includeEscalated: role === 'SUPERVISOR', first, after: args.after });
    const rows = await context.services.summaries.byIds(page.ids);
    const nodes = rows.filter((row): row is EntrySummaryRecord => !!row);
    for (const row of nodes) context.loaders.summaryById.prime(row.id, row);
    return { nodes: nodes.map(toEntrySummary), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
  }
}
