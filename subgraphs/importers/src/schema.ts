import { NO_PUBSUB } from '@cee-hub/common/live';
import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { ImportersContext } from './context';
import { OnboardingUpdatedResolver } from './live/onboarding-updated.resolver';
import { CenterImportersResolver } from './resolvers/center.resolver';
import { ImporterResolver, loadVisibleImporter } from './resolvers/importer.resolver';
import { NoticeResolver } from './resolvers/notice.resolver';
import { ImporterOnboardingResolver, loadVisibleOnboarding, OnboardingResolver, ParticipationResolver } from './resolvers/onboarding.resolver';

/** The importers subgraph schema: importers, registration, notices, Center participants and volunteer onboarding. */
export function buildImportersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [ImporterResolver, CenterImportersResolver, NoticeResolver, OnboardingResolver, ImporterOnboardingResolver, ParticipationResolver, OnboardingUpdatedResolver], pubSub: NO_PUBSUB },
    {
      Importer: {
        __resolveReference: (reference: { id: string }, context: ImportersContext) => loadVisibleImporter(reference.id, context),
      },
      Center: {
        __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      },
      Onboarding: {
        __resolveReference: (reference: { id: string }, context: ImportersContext) => loadVisibleOnboarding(reference.id, context),
      },
    },
  );
}
