import { NO_PUBSUB } from '@cee-hub/common/live';
import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { FilingsContext } from './context';
import { CenterFilingsResolver, ImporterFilingsResolver } from './filing/entity-filings.resolver';
import { FilingEventResolver } from './event-log/filing-event.resolver';
import { FilingPageResolver } from './filing/filing-page.resolver';
import { FilingResolver, resolveEntrySummaryReference } from './filing/filing.resolver';
import { FilingUpdatedResolver } from './live/filing-updated.resolver';
import { ReviewResolver } from './review/review.resolver';
import { FilingSearchResolver } from './search/filing-search.resolver';
import { CenterStatisticsResolver, FilingStatisticsResolver } from './statistics/statistics.resolver';

/** The filings subgraph schema: entry summaries, their filing, and the filings of importers and Centers. */
export function buildFilingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        FilingResolver,
        FilingEventResolver,
        FilingUpdatedResolver,
        FilingPageResolver,
        ImporterFilingsResolver,
        CenterFilingsResolver,
        ReviewResolver,
        FilingSearchResolver,
        CenterStatisticsResolver,
        FilingStatisticsResolver,
      ],
      pubSub: NO_PUBSUB,
    },
    {
      EntrySummary: {
        __resolveReference: (reference: { id: string }, context: FilingsContext) => resolveEntrySummaryReference(reference, context),
      },
    },
  );
}
