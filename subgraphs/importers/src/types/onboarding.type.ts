import { CbpPersonFields, PageOf } from '@cee-hub/common/subgraph';
import type {
  CenterProposalBasis,
  OnboardingAction,
  OnboardingDecision,
  OnboardingEventType,
  OnboardingState,
  OnboardingStep,
} from '@cee-hub/contracts';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import {
  CenterProposalBasisEnum,
  OnboardingActionEnum,
  OnboardingDecisionEnum,
  OnboardingEventTypeEnum,
  OnboardingStateEnum,
  OnboardingStepEnum,
} from './enums';
import { Center, Importer } from './importer.type';
import { FederalRegisterNotice } from './notice.type';

@ObjectType({ description: 'A CBP staff member an importer deals with (its account manager)' })
export class StaffContact extends CbpPersonFields {}

/** A document, owned by the documents subgraph: this one names the documents an application's steps came with. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Document {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "One entry of a volunteer application's history" })
export class OnboardingEvent {
  @Field(() => ID)
  id: string;

  @Field(() => OnboardingEventTypeEnum)
  type: OnboardingEventType;

  @Field({ description: "Who did it: an email, an importer, or 'system' for deadlines" })
  actor: string;

  @Field({ description: 'Role of the actor, SYSTEM for reminders, escalations and lapses' })
  actorRole: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => GraphQLDateTime)
  at: Date;

  @Field(() => [Document], { description: "The documents of the application the step came with (the importer's answer's); resolved by the documents service" })
  documents: Document[];

  /** The application it belongs to (for OnboardingEvent.onboarding). */
  onboardingId?: string;
}

@ObjectType({ description: "An importer's application to have a Center process its entry summaries" })
@Directive('@key(fields: "id")')
export class Onboarding {
  @Field(() => ID)
  id: string;

  importerId: string;
  noticeId: string;
  accountManagerId: string | null;

  @Field(() => Importer, { description: 'The applicant, shown to whoever may see the application' })
  importer?: Importer;

  @Field(() => FederalRegisterNotice, { description: 'The notice it volunteered under' })
  notice?: FederalRegisterNotice;

  @Field(() => OnboardingStateEnum)
  state: OnboardingState;

  @Field(() => OnboardingStepEnum)
  step: OnboardingStep;

  @Field(() => Center, { description: 'The Center the importer volunteered for' })
  chosenCenter: Center;

  @Field(() => Center, { nullable: true, description: "The Center proposed from the importer's filed lines (or its choice)" })
  proposedCenter: Center | null;

  @Field(() => Center, { nullable: true, description: 'The Center reviewing it now; an admin may reassign it' })
  center: Center | null;

  @Field(() => CenterProposalBasisEnum, { nullable: true })
  proposalBasis: CenterProposalBasis | null;

  @Field(() => String, { nullable: true, description: 'How the Center was proposed' })
  proposalNote: string | null;

  @Field(() => [String], { description: 'Why the importer is not eligible; empty unless INELIGIBLE' })
  reasons: string[];

  @Field(() => String, { nullable: true, description: "The Center's latest question to the importer" })
  question: string | null;

  @Field(() => String, { nullable: true, description: "The importer's answer to it" })
  answer: string | null;

  @Field(() => String, { nullable: true, description: 'Note of the latest decision or withdrawal' })
  decisionNote: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the review is due; a reminder goes out after it' })
  reviewDueAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When an untouched review escalates to the Center director' })
  escalatesAt: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When an unanswered question makes the application lapse' })
  informationDueAt: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When participation starts, once approved' })
  effectiveDate: string | null;

  @Field(() => [OnboardingActionEnum], { description: 'What the viewer may do now' })
  availableActions: OnboardingAction[];

  @Field(() => StaffContact, { nullable: true, description: "The reviewing Center's account manager" })
  accountManager?: StaffContact | null;

  @Field(() => [OnboardingEvent], { description: 'The history, oldest first' })
  events?: OnboardingEvent[];

  @Field(() => GraphQLDateTime, { description: 'When the importer volunteered' })
  createdAt: Date;

  @Field(() => GraphQLDateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'A page of volunteer applications' })
export class OnboardingPage extends PageOf(Onboarding, { counted: true }) {}

@InputType({ description: 'Narrows a list of volunteer applications' })
export class OnboardingFilterInput {
  @Field(() => OnboardingStateEnum, { nullable: true })
  state?: OnboardingState;

  @Field(() => ID, { nullable: true, description: 'Applications this Center reviews now' })
  centerId?: string;
}

@InputType({ description: "A Center's decision on an application under review" })
export class OnboardingDecisionInput {
  @Field(() => OnboardingDecisionEnum)
  decision: OnboardingDecision;

  @Field(() => String, { nullable: true, description: 'Reason or remark, shown in the history' })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Required with ASK_FOR_INFORMATION' })
  question?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'With APPROVE: when participation starts (today when absent)' })
  effectiveDate?: string | null;
}
