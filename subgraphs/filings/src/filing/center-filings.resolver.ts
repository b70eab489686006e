import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { scopeOfCenterFilings } from '../access/filing-access';
import { Center } from './center.type';
import { EntityFilingsArgs } from './filing-page.args';
import { FilingPage } from './filing-page.type';
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
