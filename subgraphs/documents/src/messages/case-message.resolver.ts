import type { DocumentSubjectType } from '@cee-hub/db';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsContext } from '../context';
import { documentFor } from '../document/document-audience';
import { Document, DocumentSubjectInput, EntrySummary, Onboarding } from '../document/document.type';
import { canSeeSubject, type DocumentSubject } from '../document/subject-parties';
import { threadFor } from './case-message.service';
import { CaseMessage, CaseMessagePage, CaseThread, CaseThreadPage, ImporterInbox, ImporterInboxItem, PostCaseMessageInput } from './case-message.type';

const subjectOf = (ref: { type: DocumentSubjectType; id: string }): DocumentSubject => ({ type: ref.type, id: ref.id });

/** The thread of a subject the viewer may see (null for any other). */
async function caseThreadOf(subject: DocumentSubject, context: DocumentsContext): Promise<CaseThread | null> {
  const parties = await context.loaders.subjects.load(subject);
  if (!canSeeSubject(context.identity, parties)) return null;
  return threadFor(context.identity, subject, await context.loaders.threads.load(subject));
}

@Resolver(() => CaseMessage)
export class CaseMessageResolver {
  @Mutation(() => CaseMessage, { description: 'Writes to the case thread of an entry summary or an application; CBP may write an internal note the trade never sees' })
  postCaseMessage(@Ctx() context: DocumentsContext, @Arg('input', () => PostCaseMessageInput) input: PostCaseMessageInput): Promise<CaseMessage> {
    return context.messages.post(context.identity, { ...input, subject: subjectOf(input.subject) });
  }

  @Mutation(() => CaseThread, { description: "Marks the case thread read for the caller (this person) up to message upTo, or up to its latest message" })
  markCaseRead(
    @Ctx() context: DocumentsContext,
    @Arg('subject', () => DocumentSubjectInput) subject: DocumentSubjectInput,
    @Arg('upTo', () => ID, { nullable: true }) upTo?: string | null,
  ): Promise<CaseThread> {
    return context.messages.markRead(context.identity, subjectOf(subject), upTo);
  }

  @Query(() => CaseThreadPage, { description: "Center staff: their Center's case threads waiting for its answer (the trade wrote last), oldest waiting first; admins any Center's, or all" })
  staffInbox(
    @Ctx() context: DocumentsContext,
    @Arg('centerId', () => ID, { nullable: true }) centerId?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CaseThreadPage> {
    return context.inboxes.staffInbox(context.identity, centerId, first, after);
  }

  @Query(() => ImporterInbox, { description: 'What waits for the importer: open CF-28s and CF-29s with their due dates, returned summaries, questions on its application, unanswered messages of CBP; admins name the importer' })
  importerInbox(
    @Ctx() context: DocumentsContext,
    @Arg('importerId', () => ID, { nullable: true }) importerId?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
  ): Promise<ImporterInbox> {
    return context.inboxes.importerInbox(context.identity, importerId, first);
  }

  @FieldResolver(() => [Document], { description: 'The documents of the case attached to the message (removed ones left out)' })
  async documents(@Root() message: CaseMessage, @Ctx() context: DocumentsContext): Promise<Document[]> {
    const rows = await context.loaders.messageDocuments.load(message.id);
    return rows.map((row) => documentFor(context.identity, row));
  }
}

@Resolver(() => CaseThread)
export class CaseThreadResolver {
  @FieldResolver(() => CaseMessagePage, { description: 'The messages the caller may see, oldest first' })
  messages(
    @Root() thread: CaseThread,
    @Ctx() context: DocumentsContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<CaseMessagePage> {
    return context.messages.messages(context.identity, subjectOf(thread.subject), first, after);
  }

  @FieldResolver(() => Int, { description: "Messages of others the caller has not read (internal notes count for CBP only)" })
  unreadCount(@Root() thread: CaseThread, @Ctx() context: DocumentsContext): Promise<number> {
    return context.loaders.unread.load(subjectOf(thread.subject));
  }

  @FieldResolver(() => EntrySummary, { nullable: true, description: 'The entry summary, when the thread is one' })
  entrySummary(@Root() thread: CaseThread): EntrySummary | null {
    return thread.subject.type === 'ENTRY_SUMMARY' ? { id: thread.subject.id } : null;
  }

  @FieldResolver(() => Onboarding, { nullable: true, description: 'The application, when the thread is one' })
  onboarding(@Root() thread: CaseThread): Onboarding | null {
    return thread.subject.type === 'ONBOARDING' ? { id: thread.subject.id } : null;
  }
}

@Resolver(() => EntrySummary)
export class EntrySummaryCaseThreadResolver {
  @FieldResolver(() => CaseThread, { nullable: true, description: 'The conversation of the entry between the trade and the Center' })
  caseThread(@Root() entrySummary: EntrySummary, @Ctx() context: DocumentsContext): Promise<CaseThread | null> {
    return caseThreadOf({ type: 'ENTRY_SUMMARY', id: entrySummary.id }, context);
  }
}

@Resolver(() => Onboarding)
export class OnboardingCaseThreadResolver {
  @FieldResolver(() => CaseThread, { nullable: true, description: 'The conversation of the application between the importer and the Center' })
  caseThread(@Root() onboarding: Onboarding, @Ctx() context: DocumentsContext): Promise<CaseThread | null> {
    return caseThreadOf({ type: 'ONBOARDING', id: onboarding.id }, context);
  }
}

@Resolver(() => ImporterInboxItem)
export class ImporterInboxItemResolver {
  @FieldResolver(() => EntrySummary, { nullable: true, description: 'The entry summary concerned, when it is one' })
  entrySummary(@Root() item: ImporterInboxItem): EntrySummary | null {
    return item.subject.type === 'ENTRY_SUMMARY' ? { id: item.subject.id } : null;
  }

  @FieldResolver(() => Onboarding, { nullable: true, description: 'The application concerned, when it is one' })
  onboarding(@Root() item: ImporterInboxItem): Onboarding | null {
    return item.subject.type === 'ONBOARDING' ? { id: item.subject.id } : null;
  }

  @FieldResolver(() => CaseThread, { description: 'Its case thread, to answer in' })
  async caseThread(@Root() item: ImporterInboxItem, @Ctx() context: DocumentsContext): Promise<CaseThread> {
    return threadFor(context.identity, subjectOf(item.subject), await context.loaders.threads.load(subjectOf(item.subject)));
  }
}
