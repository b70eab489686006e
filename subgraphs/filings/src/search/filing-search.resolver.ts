import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { toEntrySummary } from '../filing/filing.mappers';
import { SearchFilingsArgs } from './filing-search.input';
import { FilingSearchCount, FilingSearchPage } from './filing-search.type';

@Resolver(() => FilingSearchPage)
export class FilingSearchResolver {
  @Query(() => FilingSearchPage, {
    description:
      'Searches the entry summaries by entry number, importer, filer code, HTS prefix, port, country of origin, status, review step, processing, dates, value and SLA state; newest first or soonest due. Narrowed like filings: an importer its own, staff their Center’s, admins all; a filter reaching past that is FORBIDDEN, a malformed one BAD_USER_INPUT.',
  })
  async searchFilings(@Ctx() context: FilingsContext, @Args(() => SearchFilingsArgs) args: SearchFilingsArgs): Promise<FilingSearchPage> {
    const search = await context.services.search.prepare(context.identity, args);
    const page = await context.services.search.page(search);
    for (const row of page.nodes) context.loaders.summaryById.prime(row.id, row);
    return {
      nodes: page.nodes.map(toEntrySummary),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
      criteria: search.criteria,
      importerIds: search.importerIds,
    };
  }

  // Counting costs a statement of its own, so it runs only when the field is selected.
  @FieldResolver(() => FilingSearchCount)
  async totalCount(@Root() page: FilingSearchPage, @Ctx() context: FilingsContext): Promise<FilingSearchCount> {
    return context.services.search.count({ criteria: page.criteria, importerIds: page.importerIds });
  }
}
