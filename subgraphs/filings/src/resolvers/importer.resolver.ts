import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { scopeOfImporterFilings } from '../services/filing-access';
import { EntityFilingsArgs } from '../types/filing-page.args';
import { FilingPage } from '../types/filing-page.type';
import { Importer } from '../types/importer.type';
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
