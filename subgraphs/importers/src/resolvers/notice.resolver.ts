import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ImportersContext } from '../context';
import { FederalRegisterNotice } from '../types/notice.type';
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
}
