import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FilingsContext } from '../context';
import { UnknownFilingError } from '../errors';
import type { EntrySummaryRecord } from './entry-summary.repository';
import { scopeOfFilter } from './entry-summary.service';
import { presentFilingEvents } from '../access/filing-audience';
import { assertCanSeeFiling, canSeeFiling, requireFilingReader, scopeOfFilingList } from '../access/filing-access';
import { EntrySummary, EntrySummaryLine } from './entry-summary.type';
import { FileEntrySummaryInput } from './file-entry-summary.input';
import { FilingEvent } from '../event-log/filing-event.type';
import { FilingListArgs } from './filing-page.args';
import { FilingPage } from './filing-page.type';
import { filingPage } from './filing-page.resolver';
import { toEntrySummary, toEntrySummaryLine, toFilingEvent } from './filing.mappers';

/**
 * Resolves a federated reference to an entry summary under the same rules as `filing(id)`:
 * unknown ids and filings the caller may not see alike resolve to null.
 */
export async function resolveEntrySummaryReference(reference: { id: string }, context: FilingsContext): Promise<EntrySummary | null> {
  requireFilingReader(context.identity);
  const row = await context.loaders.summaryById.load(reference.id);
  return row && canSeeFiling(context.identity, row) ? toEntrySummary(row) : null;
}

/** A filing that is not there and one the caller may not see get the same NOT_FOUND. */
function visible(context: FilingsContext, row: EntrySummaryRecord | undefined, what: string): EntrySummary {
  if (!row) throw new UnknownFilingError(what);
  assertCanSeeFiling(context.identity, row, what);
  return toEntrySummary(row);
}

@Resolver(() => EntrySummary)
export class FilingResolver {
  @Query(() => EntrySummary, { description: 'One entry summary; importers see their own, staff their Center’s, admins all' })
  async filing(@Ctx() context: FilingsContext, @Arg('id', () => ID) id: string): Promise<EntrySummary> {
    requireFilingReader(context.identity);
    return visible(context, await context.loaders.summaryById.load(id), `the id '${id}'`);
  }

  @Query(() => EntrySummary, { description: 'One entry summary by entry number, with or without hyphens' })
  async filingByEntryNumber(@Ctx() context: FilingsContext, @Arg('entryNumber') entryNumber: string): Promise<EntrySummary> {
    requireFilingReader(context.identity);
    const row = await context.services.filings.byEntryNumber(entryNumber);
    if (row) context.loaders.summaryById.prime(row.id, row);
    return visible(context, row, `the entry number '${entryNumber}'`);
  }

  @Query(() => FilingPage, {
    description:
      'Entry summaries, newest filing first. Narrowed to what the caller may see: an importer its own, staff their Center’s, admins all; a filter reaching past that is FORBIDDEN.',
  })
  async filings(
    @Ctx() context: FilingsContext,
    @Args(() => FilingListArgs) { filter, first, after }: FilingListArgs,
  ): Promise<FilingPage> {
    const scope = scopeOfFilingList(context.identity, scopeOfFilter(filter ?? {}));
    return filingPage(context, scope, { first, after });
  }

  @Mutation(() => EntrySummary, {
    description:
      'Files an entry summary and starts its review: an importer for itself, an admin for any importer. Every problem is reported at once as BAD_USER_INPUT; a used entry number is a CONFLICT.',
  })
  async fileEntrySummary(@Ctx() context: FilingsContext, @Arg('input', () => FileEntrySummaryInput) input: FileEntrySummaryInput): Promise<EntrySummary> {
    const filed = await context.services.filings.file(input, context.identity);
    // After the commit: the workflow must find the summary. A failed start is logged, never the filer's problem.
    await context.services.reviews.start(filed.summary);
    context.loaders.summaryById.prime(filed.summary.id, filed.summary);
    context.loaders.linesBySummary.prime(filed.summary.id, filed.lines);
    context.loaders.eventsBySummary.prime(filed.summary.id, filed.events);
    return toEntrySummary(filed.summary);
  }

  @FieldResolver(() => [EntrySummaryLine])
  async lines(@Root() summary: EntrySummary, @Ctx() context: FilingsContext): Promise<EntrySummaryLine[]> {
    return (await context.loaders.linesBySummary.load(summary.id)).map(toEntrySummaryLine);
  }

  @FieldResolver(() => [FilingEvent], { description: 'What happened to the filing, oldest first: CBP sees the record as kept, the trade what is addressed to it' })
  async events(@Root() summary: EntrySummary, @Ctx() context: FilingsContext): Promise<FilingEvent[]> {
    const events = await context.loaders.eventsBySummary.load(summary.id);
    const setting = { processingCenterId: summary.processingCenter?.id ?? null };
    return (await presentFilingEvents(context.identity, events, setting, context.services.audience)).map(toFilingEvent);
  }
}

