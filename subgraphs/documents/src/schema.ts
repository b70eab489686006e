import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { DocumentsContext } from './context';
import { DocumentResolver, EntrySummaryDocumentsResolver, OnboardingDocumentsResolver, resolveDocumentReference } from './document/document.resolver';

/** The documents subgraph schema: the paperwork of entry summaries and applications. */
export function buildDocumentsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [DocumentResolver, EntrySummaryDocumentsResolver, OnboardingDocumentsResolver] },
    {
      Document: {
        __resolveReference: (reference: { id: string }, context: DocumentsContext) => resolveDocumentReference(reference, context),
      },
      EntrySummary: { __resolveReference: (reference: { id: string }) => reference },
      Onboarding: { __resolveReference: (reference: { id: string }) => reference },
    },
  );
}
