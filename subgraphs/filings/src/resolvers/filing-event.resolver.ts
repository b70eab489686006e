import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { FilingsContext } from '../context';
import { UnknownFilingError, UnknownFilingEventError } from '../errors';
import { scopeOfFilter } from '../services/entry-summary.service';
import { assertCanSeeFiling, canSeeFiling, requireFilingReader, scopeOfFilingList } from '../services/filing-access';
import { presentFilingEvent } from '../services/filing-audience';
import { FilingUpdateStream, parseSince } from '../services/filing-update-stream';
import { EntrySummary } from '../types/entry-summary.type';
import { FilingEvent } from '../types/filing-event.type';
import { FilingUpdateFilter } from '../types/filing-update-filter.input';
import { toEntrySummary, toFilingEvent } from './mappers';

interface FilingUpdatedArgs {
  filter?: FilingUpdateFilter | null;
  since?: string | null;
}

/**
 * Opens the stream of `filingUpdated`. Everything that can be refused is refused here, before
 * the first event: the public (UNAUTHENTICATED), a filter reaching past what the caller may
 * see (FORBIDDEN), a malformed entry number or `since` (BAD_USER_INPUT).
 */
export async function subscribeToFilingUpdates({ args, context }: SubscribeResolverData<unknown, FilingUpdatedArgs, FilingsContext>): Promise<FilingUpdateStream> {
  const scope = scopeOfFilingList(context.identity, scopeOfFilter(args.filter ?? {}));
  const since = parseSince(args.since);
  return FilingUpdateStream.open({
    identity: context.identity,
    scope,
    since,
    bus: context.services.events,
    filings: context.services.filings,
    logger: context.logger,
  });
}

@Resolver(() => FilingEvent)
export class FilingEventResolver {
  @Query(() => FilingEvent, { description: 'One event of the filing log, for whoever may see its filing' })
  async filingEvent(@Ctx() context: FilingsContext, @Arg('id', () => ID) id: string): Promise<FilingEvent> {
    requireFilingReader(context.identity);
    const event = await context.services.filings.eventById(id);
    // Another's event and an event the trade is not shown are, to the caller, not there.
    const presented = event && canSeeFiling(context.identity, event) ? await presentFilingEvent(context.identity, event, event, context.services.filings) : null;
    if (!presented) throw new UnknownFilingEventError(id);
    return toFilingEvent(presented);
  }

  @Subscription(() => FilingEvent, {
    subscribe: subscribeToFilingUpdates,
    description:
      'Every event of the filings the caller may see, as it is committed: an importer its own, staff their Center’s, admins all. ' +
      'With `since` (the id of the last event seen) the missed events come first, in order, with no gap and no repeat. ' +
      'A filter reaching past what the caller may see is FORBIDDEN. A subscriber that falls too far behind is ended with ' +
      'SERVICE_UNAVAILABLE (reason SUBSCRIBER_TOO_SLOW) naming the `since` to resume with.',
  })
  filingUpdated(
    // Presented for the subscriber by its FilingUpdateStream already.
    @Root() event: FilingEvent,
    @Arg('filter', () => FilingUpdateFilter, { nullable: true }) _filter: FilingUpdateFilter | null,
    @Arg('since', () => ID, { nullable: true, description: 'Resume after this event id' }) _since: string | null,
  ): FilingEvent {
    return toFilingEvent(event);
  }

  @FieldResolver(() => EntrySummary, { description: 'The entry summary the event happened to, as it is now' })
  async filing(@Root() event: FilingEvent, @Ctx() context: FilingsContext): Promise<EntrySummary> {
    const row = await context.loaders.summaryById.load(event.entrySummaryId);
    if (!row) throw new UnknownFilingError(`the id '${event.entrySummaryId}'`);
    assertCanSeeFiling(context.identity, row, `the id '${event.entrySummaryId}'`);
    return toEntrySummary(row);
  }
}
