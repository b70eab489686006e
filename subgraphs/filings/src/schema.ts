import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { BuildSchemaOptions } from 'type-graphql';
import type { FilingsContext } from './context';
import { CenterFilingsResolver, ImporterFilingsResolver } from './filing/entity-filings.resolver';
import { FilingEventResolver } from './event-log/filing-event.resolver';
import { FilingPageResolver } from './filing/filing-page.resolver';
import { FilingResolver, resolveEntrySummaryReference } from './filing/filing.resolver';
import { FilingUpdatedResolver } from './live/filing-updated.resolver';
import { ReviewResolver } from './review/review.resolver';

/**
 * type-graphql insists on a PubSub once there is a subscription, even though `filingUpdated`
 * brings its own stream (`subscribe`) fed by PostgreSQL: an in-process PubSub would reach only
 * the subscribers of one replica.
 */
const NO_PUBSUB: NonNullable<BuildSchemaOptions['pubSub']> = {
  publish: () => {
    throw new Error('The filings subgraph publishes filing events through PostgreSQL (recordFilingEvent)');
  },
  subscribe: () => {
    throw new Error('Filing subscriptions read from the FilingEventBus');
  },
};

/** The filings subgraph schema: entry summaries, their filing, and the filings of importers and Centers. */
export function buildFilingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [FilingResolver, FilingEventResolver, FilingUpdatedResolver, FilingPageResolver, ImporterFilingsResolver, CenterFilingsResolver, ReviewResolver],
      pubSub: NO_PUBSUB,
    },
    {
      EntrySummary: {
        __resolveReference: (reference: { id: string }, context: FilingsContext) => resolveEntrySummaryReference(reference, context),
      },
    },
  );
}
