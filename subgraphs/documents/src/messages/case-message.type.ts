import { graphqlEnum, PageOf } from '@cee-hub/common/subgraph';
import { CASE_PARTIES, type CaseParty } from '@cee-hub/db';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DocumentSubjectInput, DocumentSubjectRef } from '../document/document.type';

export const CasePartyEnum = graphqlEnum(CASE_PARTIES, { name: 'CaseParty', description: 'A side of a case thread: the Center (CBP) or the trade (the importer, later its broker)' });

/** What waits for an importer, as its inbox lists it. */
export const IMPORTER_INBOX_REASONS = ['CF28_REQUEST', 'CF29_NOTICE', 'RETURNED_SUMMARY', 'ONBOARDING_QUESTION', 'UNANSWERED_MESSAGE'] as const;
export type ImporterInboxReason = (typeof IMPORTER_INBOX_REASONS)[number];
export const ImporterInboxReasonEnum = graphqlEnum(IMPORTER_INBOX_REASONS, {
  name: 'ImporterInboxReason',
  description: 'Why something waits for the importer: an open CF-28, an issued CF-29, a returned summary, a question on its application, a message of CBP not answered yet',
});

@InputType({ description: 'A message to the case thread of an entry summary or an application' })
export class PostCaseMessageInput {
  @Field(() => DocumentSubjectInput)
  subject: DocumentSubjectInput;

  @Field({ description: 'The message, 1 to 8 000 characters' })
  text: string;

  @Field(() => [ID], { defaultValue: [], description: 'Documents of the same entry summary or application to attach (at most 20)' })
  documentIds: string[];

  @Field({ defaultValue: false, description: 'An internal note among CBP staff, which the trade never sees (CBP only)' })
  internal: boolean;
}

@ObjectType({ description: 'A message of a case thread' })
export class CaseMessage {
  @Field(() => ID, { description: 'Increasing with every message posted anywhere' })
  id: string;

  @Field(() => DocumentSubjectRef)
  subject: DocumentSubjectRef;

  @Field(() => CasePartyEnum, { description: 'The side that wrote it' })
  from: CaseParty;

  @Field({ description: "Who wrote it: an email; to the trade, CBP's people appear as 'U.S. Customs and Border Protection'" })
  author: string;

  @Field({ description: 'Role of the author (CBP to the trade for CBP staff)' })
  authorRole: string;

  @Field({ description: 'A note among CBP staff; the trade never receives one' })
  internal: boolean;

  @Field()
  text: string;

  @Field(() => GraphQLDateTime)
  postedAt: Date;
}

@ObjectType({ description: 'A page of messages, oldest first' })
export class CaseMessagePage extends PageOf(CaseMessage) {}

@ObjectType({ description: 'The conversation of an entry summary or an application between the trade and the Center' })
export class CaseThread {
  @Field(() => DocumentSubjectRef)
  subject: DocumentSubjectRef;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the latest message the caller may see was posted; null before any' })
  lastMessageAt: Date | null;

  @Field(() => CasePartyEnum, { nullable: true, description: 'Whose answer the thread waits for: the side that did not write last; null before any message' })
  waitingFor: CaseParty | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Since when it waits: the first message of the side that wrote last' })
  waitingSince: Date | null;
}

@ObjectType({ description: 'Case threads waiting for the Center, oldest waiting first' })
export class CaseThreadPage extends PageOf(CaseThread) {}

@ObjectType({ description: 'Something that waits for the importer' })
export class ImporterInboxItem {
  @Field(() => ImporterInboxReasonEnum)
  reason: ImporterInboxReason;

  @Field(() => DocumentSubjectRef, { description: 'The entry summary or application concerned' })
  subject: DocumentSubjectRef;

  @Field(() => GraphQLDateTime, { description: 'Since when it waits' })
  since: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'By when the importer must answer; null where there is no deadline' })
  dueAt: Date | null;
}

@ObjectType({ description: "What waits for the importer, soonest due first, then longest waiting" })
export class ImporterInbox {
  @Field(() => [ImporterInboxItem])
  items: ImporterInboxItem[];

  @Field(() => Int, { description: 'How many items wait in all (items holds the first of them)' })
  totalCount: number;
}
