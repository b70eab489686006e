import { NOTICE_OF_ACTION_KINDS, PENDING_ACTION_KINDS, REVIEW_ACTIONS, REVIEW_STEPS } from '@cee-hub/contracts';
import { graphqlEnum, PageOf } from '@cee-hub/common/subgraph';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TRADE_REVIEW_STEP } from '../access/filing-audience';
import { EntrySummary } from '../filing/entry-summary.type';
import { EntrySummaryContentsInput } from '../filing/file-entry-summary.input';

export const ReviewStepEnum = graphqlEnum([...REVIEW_STEPS, TRADE_REVIEW_STEP], {
  name: 'ReviewStep',
  description:
    'Where the review of an entry summary stands: RISK (automated scoring), ENTRY_REVIEW, IMPORT_REVIEW, AWAITING_INFORMATION (CF-28 sent), SIGN_OFF (adverse action waits for a supervisor), AWAITING_NOTICE_RESPONSE (CF-29 sent), RETURNED (filer corrects), ACCEPTED (liquidation scheduled), REJECTED, LIQUIDATED. The trade sees ENTRY_REVIEW, IMPORT_REVIEW and SIGN_OFF as CBP_REVIEW',
});

/** Staff decisions and the importer's replies, as the graph offers them. */
export const REVIEW_GRAPH_ACTIONS = [...REVIEW_ACTIONS, 'ANSWER_REQUEST_FOR_INFORMATION', 'RESPOND_TO_NOTICE_OF_ACTION', 'CORRECT'] as const;
export type ReviewGraphAction = (typeof REVIEW_GRAPH_ACTIONS)[number];
export const ReviewActionEnum = graphqlEnum(REVIEW_GRAPH_ACTIONS, {
  name: 'ReviewAction',
  description:
    'What someone can do in a review. Staff decide with decideReview (all but the last three); the importer uses answerRequestForInformation, respondToNoticeOfAction and correctEntrySummary',
});

export const NoticeOfActionKindEnum = graphqlEnum(NOTICE_OF_ACTION_KINDS, { name: 'NoticeOfActionKind', description: 'What a CF-29 notice of action changes' });

export const PendingActionKindEnum = graphqlEnum(PENDING_ACTION_KINDS, {
  name: 'PendingReviewActionKind',
  description: 'CF28: request for information; CF29: notice of action; REJECTION: a proposed rejection awaiting sign-off',
});

export const REVIEW_QUEUE_ROLES = ['ENTRY_SPECIALIST', 'IMPORT_SPECIALIST', 'SUPERVISOR'] as const;
export type ReviewQueueRole = (typeof REVIEW_QUEUE_ROLES)[number];
export const ReviewQueueRoleEnum = graphqlEnum(REVIEW_QUEUE_ROLES, { name: 'ReviewQueueRole', description: 'The staff roles that work review steps' });

@ObjectType({ description: 'Someone who acted in a review' })
export class ReviewParticipant {
  @Field(() => ID, { description: 'Staff id, else email; CBP for the trade, whoever at CBP acted' })
  id: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field()
  role: string;
}

@ObjectType({ description: 'The automated risk score of an entry summary (CBP staff only)' })
export class ReviewRisk {
  @Field(() => Int)
  score: number;

  @Field(() => [String])
  reasons: string[];

  @Field({ description: 'Low risk is accepted without a person looking at it' })
  lowRisk: boolean;
}

@ObjectType({ description: 'The CF-28, CF-29 or rejection the review is working on' })
export class PendingReviewAction {
  @Field(() => PendingActionKindEnum)
  kind: string;

  @Field({ description: 'The question, the proposed change or the reason' })
  details: string;

  @Field(() => NoticeOfActionKindEnum, { nullable: true, description: 'What a CF-29 changes' })
  changeKind: string | null;

  @Field(() => ReviewParticipant)
  proposedBy: ReviewParticipant;

  @Field(() => ReviewParticipant, { nullable: true, description: 'The supervisor who signed the adverse action off' })
  signedOffBy: ReviewParticipant | null;

  @Field(() => String, { nullable: true, description: "The importer's answer or response" })
  response: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  respondedAt: Date | null;
}

@ObjectType({ description: 'The review of an entry summary, as its workflow last recorded it' })
export class EntrySummaryReview {
  @Field(() => String, { nullable: true, description: 'The Temporal workflow id, review-<entry number>; CBP only (null for the trade)' })
  workflowId: string | null;

  @Field(() => ReviewStepEnum)
  step: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Pass it as expectedVersion with a decision; a decision on an older version is refused. CBP only (null for the trade)',
  })
  version: number | null;

  @Field(() => ReviewRisk, { nullable: true, description: 'Null before scoring, and for importers' })
  risk: ReviewRisk | null;

  @Field(() => ReviewParticipant, { nullable: true, description: 'The specialist working the current step; CBP only (null for the trade)' })
  claimedBy: ReviewParticipant | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the current staff step passes its SLA and escalates to the supervisors; CBP only' })
  stepDueAt: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'The current step passed its SLA; CBP only (null for the trade)' })
  escalated: boolean | null;

  @Field(() => PendingReviewAction, {
    nullable: true,
    description: 'For the trade only once issued: a CF-28 as sent, a CF-29 or rejection once signed off (and with CBP, not staff, as proposer)',
  })
  pendingAction: PendingReviewAction | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'End of the importer’s CF-28 / CF-29 window' })
  responseDueAt: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Scheduled (or done) liquidation, counted from the entry date' })
  liquidationDate: string | null;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => [ReviewActionEnum], { description: 'What the caller may do now' })
  availableActions: ReviewGraphAction[];
}

@InputType({ description: 'A staff decision in the review of an entry summary' })
export class ReviewDecisionInput {
  @Field(() => ID)
  entrySummaryId: string;

  @Field(() => ReviewActionEnum, { description: 'One of the staff actions (not ANSWER_REQUEST_FOR_INFORMATION, RESPOND_TO_NOTICE_OF_ACTION, CORRECT)' })
  action: ReviewGraphAction;

  @Field(() => Int, { description: 'The review version the decision was made on (EntrySummaryReview.version)' })
  expectedVersion: number;

  @Field(() => String, {
    nullable: true,
    description: 'Required for RETURN_TO_FILER (what to correct), REQUEST_INFORMATION (the question), PROPOSE_NOTICE_OF_ACTION (the change), REJECT (the reason) and DECLINE_SIGN_OFF',
  })
  note?: string | null;

  @Field(() => NoticeOfActionKindEnum, { nullable: true, description: 'Required for PROPOSE_NOTICE_OF_ACTION' })
  changeKind?: 'RATE' | 'VALUE' | 'CLASSIFICATION' | null;

  @Field(() => [ID], { nullable: true, description: 'REQUEST_INFORMATION only: documents of the entry summary the CF-28 comes with (upload them first)' })
  documentIds?: string[] | null;
}

@InputType({ description: 'A corrected entry summary; the entry number and port of entry stay as filed' })
export class CorrectEntrySummaryInput extends EntrySummaryContentsInput {}

@ArgsType()
export class ReviewQueueArgs {
  @Field(() => ReviewQueueRoleEnum, { nullable: true, description: "Whose queue; the caller's own role by default (required for admins)" })
  role?: ReviewQueueRole | null;

  @Field(() => ID, { nullable: true, description: 'Admins: a Center, or none for the filings processed by ports. Staff: their own Center only' })
  centerId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, from 1 to 100' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;
}

@ObjectType({ description: 'Entry summaries waiting at the steps a role works, soonest due first' })
export class ReviewQueuePage extends PageOf(EntrySummary) {}

// Args classes rather than @Arg parameters: parameter decorators run last to first, which
// would print the arguments in reverse.

/** The arguments of the importer's replies, which address an entry summary by its id. */
@ArgsType()
abstract class EntrySummaryReplyArgs {
  @Field(() => ID)
  entrySummaryId: string;
}

@ArgsType()
export class AnswerRequestForInformationArgs extends EntrySummaryReplyArgs {
  @Field({ description: 'The answer to the open CF-28 request for information' })
  answer: string;

  @Field(() => [ID], { nullable: true, description: 'Documents of the entry summary the answer comes with (upload them first)' })
  documentIds?: string[] | null;
}

@ArgsType()
export class RespondToNoticeOfActionArgs extends EntrySummaryReplyArgs {
  @Field({ description: 'The response to the CF-29 notice of action' })
  response: string;

  @Field(() => [ID], { nullable: true, description: 'Documents of the entry summary the response comes with (upload them first)' })
  documentIds?: string[] | null;
}

@ArgsType()
export class CorrectEntrySummaryArgs {
  @Field(() => ID, { description: 'The returned entry summary' })
  id: string;

  @Field(() => CorrectEntrySummaryInput)
  input: CorrectEntrySummaryInput;
}
