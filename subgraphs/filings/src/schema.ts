import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { FilingsContext } from './context';
import { CenterFilingsResolver } from './resolvers/center.resolver';
import { FilingPageResolver } from './resolvers/filing-page.resolver';
import { FilingResolver, resolveEntrySummaryReference } from './resolvers/filing.resolver';
import { ImporterFilingsResolver } from './resolvers/importer.resolver';
import { ReviewResolver } from './resolvers/review.resolver';

/** The filings subgraph schema: entry summaries, their filing, and the filings of importers and Centers. */
export function buildFilingsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [FilingResolver, FilingPageResolver, ImporterFilingsResolver, CenterFilingsResolver, ReviewResolver] },
    {
      EntrySummary: {
        __resolveReference: (reference: { id: string }, context: FilingsContext) => resolveEntrySummaryReference(reference, context),
      },
    },
  );
}
