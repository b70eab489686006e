import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { DocumentsContext } from './context';
import { DocumentResolver, EntrySummaryDocumentsResolver, OnboardingDocumentsResolver, resolveDocumentReference } from './document/document.resolver';
import { EntrySummary, Onboarding } from './document/document.type';

/** The documents subgraph schema: the paperwork of entry summaries and applications. */
export function buildDocumentsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [DocumentResolver, EntrySummaryDocumentsResolver, OnboardingDocumentsResolver],
      // The entities this subgraph only adds fields to: no query of its own returns them.
      orphanedTypes: [EntrySummary, Onboarding],
    },
    {
      Document: {
        __resolveReference: (reference: { id: string }, context: DocumentsContext) => resolveDocumentReference(reference, context),
      },
      EntrySummary: { __resolveReference: (reference: { id: string }) => reference },
      Onboarding: { __resolveReference: (reference: { id: string }) => reference },
    },
  );
}
