import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { assertCanSeeFiling, canSeeFiling, requireFilingReader } from '../access/filing-access';
import { presentFilingEvent } from '../access/filing-audience';
import type { FilingsContext } from '../context';
import { UnknownFilingError, UnknownFilingEventError } from '../errors';
import { EntrySummary } from '../filing/entry-summary.type';
import { toEntrySummary, toFilingEvent } from '../filing/filing.mappers';
import { FilingEvent } from './filing-event.type';

@Resolver(() => FilingEvent)
export class FilingEventResolver {
  @Query(() => FilingEvent, { description: 'One event of the filing log, for whoever may see its filing' })
  async filingEvent(@Ctx() context: FilingsContext, @Arg('id', () => ID) id: string): Promise<FilingEvent> {
    requireFilingReader(context.identity);
    const event = await context.services.eventLog.loggedEventById(id);
    // Another's event and an event the trade is not shown are, to the caller, not there.
    const presented = event && canSeeFiling(context.identity, event) ? await presentFilingEvent(context.identity, event, event, context.services.audience) : null;
    if (!presented) throw new UnknownFilingEventError(id);
    return toFilingEvent(presented);
  }

  @FieldResolver(() => EntrySummary, { description: 'The entry summary the event happened to, as it is now' })
  async filing(@Root() event: FilingEvent, @Ctx() context: FilingsContext): Promise<EntrySummary> {
    const row = await context.loaders.summaryById.load(event.entrySummaryId);
    if (!row) throw new UnknownFilingError(`the id '${event.entrySummaryId}'`);
    assertCanSeeFiling(context.identity, row, `the id '${event.entrySummaryId}'`);
    return toEntrySummary(row);
  }
}
