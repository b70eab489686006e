import { NotFoundError } from '@cee-hub/common';
import { parseSince } from '@cee-hub/common/live';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { ImportersContext } from '../context';
import { toOnboardingEvent } from '../resolvers/mappers';
import { loadVisibleOnboarding } from '../resolvers/onboarding.resolver';
import { canSeeOnboarding } from '../services/onboarding.service';
import { Onboarding, OnboardingEvent } from '../types/onboarding.type';
import type { LoggedOnboardingEvent } from './onboarding-event-log';
import { OnboardingUpdateFilter } from './onboarding-update-filter.input';
import { openOnboardingUpdateStream, scopeOfOnboardingUpdates } from './onboarding-update-stream';

interface OnboardingUpdatedArgs {
  filter?: OnboardingUpdateFilter | null;
  since?: string | null;
}

/** Opens the stream of `onboardingUpdated`; what can be refused is refused before the first event. */
async function subscribeToOnboardingUpdates({ args, context }: SubscribeResolverData<unknown, OnboardingUpdatedArgs, ImportersContext>) {
  const scope = scopeOfOnboardingUpdates(context.identity, args.filter ?? {});
  const since = parseSince(args.since, 'an onboarding event');
  const { onboardingBus, onboardingEvents } = context.services;
  return openOnboardingUpdateStream({ identity: context.identity, scope, since, bus: onboardingBus, eventLog: onboardingEvents, logger: context.logger });
}

@Resolver(() => OnboardingEvent)
export class OnboardingUpdatedResolver {
  @Subscription(() => OnboardingEvent, {
    subscribe: subscribeToOnboardingUpdates,
    description:
      'Every event of the volunteer applications the caller may see, as it is committed: an importer its own, staff those their Center reviews, admins all. ' +
      'With `since` (the id of the last event seen) the missed events come first, in order, with no gap and no repeat. ' +
      'A filter reaching past what the caller may see is FORBIDDEN.',
  })
  onboardingUpdated(
    @Root() event: LoggedOnboardingEvent,
    @Arg('filter', () => OnboardingUpdateFilter, { nullable: true }) _filter: OnboardingUpdateFilter | null,
    @Arg('since', () => ID, { nullable: true, description: 'Resume after this event id' }) _since: string | null,
  ): OnboardingEvent {
    return toOnboardingEvent(event);
  }

  @Query(() => OnboardingEvent, { description: 'One event of an application’s history, for whoever may see the application' })
  async onboardingEvent(@Arg('id', () => ID) id: string, @Ctx() context: ImportersContext): Promise<OnboardingEvent> {
    const row = await context.services.onboardingEvents.eventById(id);
    // Another tenant's event is as unknown as one that does not exist.
    if (!row || !canSeeOnboarding(context.identity, row)) throw new NotFoundError(`No onboarding event has the id '${id}'`);
    return toOnboardingEvent(row);
  }

  @FieldResolver(() => Onboarding, { description: 'The application the event belongs to' })
  async onboarding(@Root() event: OnboardingEvent, @Ctx() context: ImportersContext): Promise<Onboarding> {
    const onboarding = event.onboardingId ? await loadVisibleOnboarding(event.onboardingId, context) : null;
    if (!onboarding) throw new NotFoundError(`No application has the id '${event.onboardingId}'`);
    return onboarding;
  }
}
