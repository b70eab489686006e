import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { scopeOfImporterFilings } from '../access/filing-access';
import { EntityFilingsArgs } from './filing-page.args';
import { FilingPage } from './filing-page.type';
import { Importer } from './importer.type';
import { entityFilingPage } from './filing-page.resolver';

@Resolver(() => Importer)
export class ImporterFilingsResolver {
  @FieldResolver(() => FilingPage, {
    description: "The importer's entry summaries, newest first: for the importer itself and admins all of them, for staff those their Center processes",
  })
  async filings(
    @Root() importer: Importer,
    @Ctx() context: FilingsContext,
    @Args(() => EntityFilingsArgs) { first, after, status }: EntityFilingsArgs,
  ): Promise<FilingPage> {
    return entityFilingPage(context, scopeOfImporterFilings(context.identity, importer.id, status ?? undefined), 'importerId', { first, after });
  }
}
