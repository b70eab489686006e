import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { scopeOfFilingList } from '../access/filing-access';
import type { FilingsContext } from '../context';
import { FilingEvent } from '../event-log/filing-event.type';
import type { FilingEventRecord } from '../event-log/filing-event-log';
import { scopeOfFilter } from '../filing/entry-summary.service';
import { toFilingEvent } from '../filing/filing.mappers';
import { FilingUpdateFilter } from './filing-update-filter.input';
import { type FilingUpdateStream, openFilingUpdateStream, parseSince } from './filing-update-stream';

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
  const { events, summaries, eventLog, audience } = context.services;
  return openFilingUpdateStream({ identity: context.identity, scope, since, bus: events, summaries, eventLog, audience, logger: context.logger });
}

@Resolver(() => FilingEvent)
export class FilingUpdatedResolver {
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
    @Root() event: FilingEventRecord,
    @Arg('filter', () => FilingUpdateFilter, { nullable: true }) _filter: FilingUpdateFilter | null,
    @Arg('since', () => ID, { nullable: true, description: 'Resume after this event id' }) _since: string | null,
  ): FilingEvent {
    return toFilingEvent(event);
  }
}
