import { NO_PUBSUB } from '@cee-hub/common/live';
import { buildFederatedSchema } from '@cee-hub/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { DocumentsContext } from './context';
import { DocumentResolver, EntrySummaryDocumentsResolver, OnboardingDocumentsResolver, resolveDocumentReference } from './document/document.resolver';
import { EntrySummary, Onboarding } from './document/document.type';
import { CaseMessageAddedResolver } from './messages/case-message-added.resolver';
import { CaseMessageResolver, CaseThreadResolver, EntrySummaryCaseThreadResolver, ImporterInboxItemResolver, OnboardingCaseThreadResolver } from './messages/case-message.resolver';

/** The documents subgraph schema: the paperwork and the conversation of entry summaries and applications. */
export function buildDocumentsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        DocumentResolver,
        EntrySummaryDocumentsResolver,
        OnboardingDocumentsResolver,
        CaseMessageResolver,
        CaseThreadResolver,
        EntrySummaryCaseThreadResolver,
        OnboardingCaseThreadResolver,
        ImporterInboxItemResolver,
        CaseMessageAddedResolver,
      ],
      // The entities this subgraph only adds fields to: no query of its own returns them.
      orphanedTypes: [EntrySummary, Onboarding],
      pubSub: NO_PUBSUB,
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
