import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import type { FilingPageResult } from './entry-summary.repository';
import type { FilingPageRequest } from './entry-summary.service';
import type { FilingScope } from '../access/filing-access';
import { FilingPage } from './filing-page.type';
import { toEntrySummary } from './filing.mappers';

/** Reads one page of a scope the access rules have narrowed, and primes the loader with its filings. */
export async function filingPage(context: FilingsContext, scope: FilingScope, request: FilingPageRequest): Promise<FilingPage> {
  return toFilingPage(context, scope, await context.services.filings.page(scope, request));
}

/**
 * The filings of one importer or Center for an entity field: a first page comes batched with
 * those of the other entities of the request; a later page is read on its own.
 */
export async function entityFilingPage(
  context: FilingsContext,
  scope: FilingScope,
  partitionKey: 'importerId' | 'centerId',
  request: FilingPageRequest,
): Promise<FilingPage> {
  if (request.after) return filingPage(context, scope, request);
  const page = await context.loaders.firstPages(scope, partitionKey, request.first).load(scope[partitionKey]!);
  return toFilingPage(context, scope, page);
}

function toFilingPage(context: FilingsContext, scope: FilingScope, page: FilingPageResult): FilingPage {
  for (const row of page.nodes) context.loaders.summaryById.prime(row.id, row);
  return { nodes: page.nodes.map(toEntrySummary), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }, scope };
}

@Resolver(() => FilingPage)
export class FilingPageResolver {
  // Counting costs a statement of its own, so it runs only when the field is selected.
  @FieldResolver(() => Int)
  async totalCount(@Root() page: FilingPage, @Ctx() context: FilingsContext): Promise<number> {
    return context.services.summaries.count(page.scope);
  }
}
