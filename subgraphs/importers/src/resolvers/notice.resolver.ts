import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ImportersContext } from '../context';
import { FederalRegisterNotice, PublishFederalRegisterNoticeInput } from '../types/notice.type';
import { toNotice } from './mappers';

@Resolver(() => FederalRegisterNotice)
export class NoticeResolver {
  @Query(() => [FederalRegisterNotice], { description: 'Federal Register notices for volunteering, newest first; public' })
  async federalRegisterNotices(
    @Ctx() context: ImportersContext,
    @Arg('open', () => Boolean, { nullable: true, description: 'Only open (true) or closed (false) notices' }) open?: boolean,
  ): Promise<FederalRegisterNotice[]> {
    return (await context.services.notices.list(open ?? undefined)).map(toNotice);
  }

  @Mutation(() => FederalRegisterNotice, {
    description: 'Publishes a Federal Register notice that opens volunteering for some Centers (admins only), with an audit entry. Its id is made from the citation (91 FR 12345 → 91-FR-12345); a citation published already is CONFLICT.',
  })
  async publishFederalRegisterNotice(
    @Ctx() context: ImportersContext,
    @Arg('input', () => PublishFederalRegisterNoticeInput) input: PublishFederalRegisterNoticeInput,
  ): Promise<FederalRegisterNotice> {
    return toNotice(await context.services.noticeAdmin.publish(context.identity, input));
  }

  @Mutation(() => FederalRegisterNotice, {
    description:
      'Closes volunteering under a notice from `closedOn` (today by default; never a past day): its last day to volunteer (`closesOn`) becomes the day before, and volunteering from then on is refused at once. Applications under way stand. Admins only, with an audit entry.',
  })
  async closeFederalRegisterNotice(
    @Ctx() context: ImportersContext,
    @Arg('id', () => ID) id: string,
    @Arg('closedOn', () => GraphQLLocalDate, { nullable: true, description: 'The first day volunteering is refused; today by default' }) closedOn?: string | null,
  ): Promise<FederalRegisterNotice> {
    return toNotice(await context.services.noticeAdmin.close(context.identity, id, closedOn));
  }
}
