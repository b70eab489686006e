import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { scopeOfCenterFilings } from '../services/filing-access';
import { Center } from '../types/center.type';
import { EntityFilingsArgs } from '../types/filing-page.args';
import { FilingPage } from '../types/filing-page.type';
import { entityFilingPage } from './filing-page.resolver';

@Resolver(() => Center)
export class CenterFilingsResolver {
  @FieldResolver(() => FilingPage, { description: 'Entry summaries the Center processes, newest first; its own staff and CBP admins only' })
  async filings(
    @Root() center: Center,
    @Ctx() context: FilingsContext,
    @Args(() => EntityFilingsArgs) { first, after, status }: EntityFilingsArgs,
  ): Promise<FilingPage> {
    return entityFilingPage(context, scopeOfCenterFilings(context.identity, center.id, status ?? undefined), 'centerId', { first, after });
  }
}
