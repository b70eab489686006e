import { NotFoundError } from '@cee-hub/common';
import { parseSince } from '@cee-hub/common/live';
import type { CaseMessageRow } from '@cee-hub/db';
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { DocumentsContext } from '../context';
import { DocumentSubjectInput } from '../document/document.type';
import { canSeeSubject } from '../document/subject-parties';
import { openCaseMessageStream } from './case-message-live';
import { messageFor } from './case-message.rules';
import { CaseMessage } from './case-message.type';

@InputType({ description: 'Narrows caseMessageAdded to one case thread' })
export class CaseMessageFilter {
  @Field(() => DocumentSubjectInput, { nullable: true, description: 'The entry summary or application whose thread to follow; all the caller may see when absent' })
  subject?: DocumentSubjectInput | null;
}

// An args class rather than @Arg parameters: parameter decorators run last to first, which would print the arguments in reverse.
@ArgsType()
class CaseMessageAddedArgs {
  @Field(() => CaseMessageFilter, { nullable: true })
  filter?: CaseMessageFilter | null;

  @Field(() => ID, { nullable: true, description: 'Resume after this message id' })
  since?: string | null;
}

/** Opens the stream of `caseMessageAdded`; a thread the caller may not see is refused before the first message. */
async function subscribeToCaseMessages({ args, context }: SubscribeResolverData<unknown, CaseMessageAddedArgs, DocumentsContext>) {
  const since = parseSince(args.since, 'a case message');
  const subject = args.filter?.subject ? { type: args.filter.subject.type, id: args.filter.subject.id } : undefined;
  if (subject) await context.messages.visibleSubject(context.identity, subject);
  return openCaseMessageStream({ identity: context.identity, subject, since, bus: context.messageBus, messages: context.messages.repository, subjects: context.subjectDirectory, logger: context.logger });
}

@Resolver(() => CaseMessage)
export class CaseMessageAddedResolver {
  @Subscription(() => CaseMessage, {
    subscribe: subscribeToCaseMessages,
    description:
      'Every message of the case threads the caller may see, as it is committed; internal notes reach CBP only. ' +
      'With `since` (the id of the last message seen) the missed messages come first, in order, with no gap and no repeat.',
  })
  caseMessageAdded(@Root() message: CaseMessage, @Args(() => CaseMessageAddedArgs) _args: CaseMessageAddedArgs): CaseMessage {
    // Presented for the subscriber by its stream already.
    return message;
  }

  @Query(() => CaseMessage, { description: 'One message of a case thread, for whoever may see it (internal notes: CBP only)' })
  async caseMessage(@Arg('id', () => ID) id: string, @Ctx() context: DocumentsContext): Promise<CaseMessage> {
    const row: CaseMessageRow | undefined = await context.messages.repository.messageById(id);
    const parties = row ? await context.loaders.subjects.load({ type: row.subjectType, id: row.subjectId }) : undefined;
    const message = row && canSeeSubject(context.identity, parties) ? messageFor(context.identity, row) : null;
    // Another tenant's message, or an internal note to the trade, is as unknown as one that does not exist.
    if (!message) throw new NotFoundError(`No case message has the id '${id}'`);
    return message;
  }
}
