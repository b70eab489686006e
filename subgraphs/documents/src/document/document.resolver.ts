import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsContext } from '../context';
import { documentFor } from './document-audience';
import { Document, DocumentUpload, EntrySummary, Onboarding, RequestDocumentUploadInput } from './document.type';
import { canSeeSubject, type DocumentSubject } from './subject-parties';

/** The origin the client reached the gateway at, which the gateway passes on. */
function originOf(context: DocumentsContext): string {
  return context.publicOrigin ?? 'http://localhost:4000';
}

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => Document, { nullable: true, description: 'A document the caller may see; null for any other id' })
  async document(@Ctx() context: DocumentsContext, @Arg('id', () => ID) id: string): Promise<Document | null> {
    const row = await context.documents.visibleDocumentOrNull(context.identity, id, context.loaders.subjects);
    return row && documentFor(context.identity, row);
  }

  @Mutation(() => DocumentUpload, {
    description: 'Declares a document about to be uploaded and answers a one-time URL to PUT its bytes to; the document exists once they have arrived and match',
  })
  async requestDocumentUpload(@Ctx() context: DocumentsContext, @Arg('input', () => RequestDocumentUploadInput) input: RequestDocumentUploadInput): Promise<DocumentUpload> {
    const slot = await context.documents.requestUpload(context.identity, input);
    return { id: slot.id, uploadUrl: `${originOf(context)}${slot.path}`, method: 'PUT', expiresAt: slot.expiresAt, maxBytes: context.documents.maxDocumentBytes };
  }

  @Mutation(() => Document, { description: 'Removes a document from its case (kept in its history); not once the case is decided' })
  async deleteDocument(@Ctx() context: DocumentsContext, @Arg('id', () => ID) id: string): Promise<Document> {
    return documentFor(context.identity, await context.documents.remove(context.identity, id));
  }

  @FieldResolver(() => String, { description: 'Where to download the bytes: a signed link for the caller, valid for a few minutes' })
  async downloadUrl(@Root() document: Document, @Ctx() context: DocumentsContext): Promise<string> {
    const { path } = await context.documents.downloadPath(context.identity, document.id);
    return `${originOf(context)}${path}`;
  }
}

async function documentsOfSubject(subject: DocumentSubject, context: DocumentsContext): Promise<Document[]> {
  const parties = await context.loaders.subjects.load(subject);
  if (!canSeeSubject(context.identity, parties)) return [];
  const rows = await context.loaders.documentsOf.load(subject);
  return rows.map((row) => documentFor(context.identity, row));
}

@Resolver(() => EntrySummary)
export class EntrySummaryDocumentsResolver {
  @FieldResolver(() => [Document], { description: 'The paperwork of the entry, oldest first' })
  documents(@Root() entrySummary: EntrySummary, @Ctx() context: DocumentsContext): Promise<Document[]> {
    return documentsOfSubject({ type: 'ENTRY_SUMMARY', id: entrySummary.id }, context);
  }
}

@Resolver(() => Onboarding)
export class OnboardingDocumentsResolver {
  @FieldResolver(() => [Document], { description: 'The paperwork of the application, oldest first' })
  documents(@Root() onboarding: Onboarding, @Ctx() context: DocumentsContext): Promise<Document[]> {
    return documentsOfSubject({ type: 'ONBOARDING', id: onboarding.id }, context);
  }
}

/** `_entities` for Document: visible ones only. */
export async function resolveDocumentReference(reference: { id: string }, context: DocumentsContext): Promise<Document | null> {
  const row = await context.documents.visibleDocumentOrNull(context.identity, reference.id, context.loaders.subjects);
  return row && documentFor(context.identity, row);
}
