import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { DocumentRow } from '@cee-hub/db';
import type DataLoader from 'dataloader';
import type { DocumentService } from './document/document.service';
import type { DocumentSubject, SubjectParties } from './document/subject-parties';

export interface DocumentsLoaders {
  subjects: DataLoader<DocumentSubject, SubjectParties | undefined, string>;
  documentsOf: DataLoader<DocumentSubject, DocumentRow[], string>;
}

export interface DocumentsContext extends SubgraphContext {
  documents: DocumentService;
  loaders: DocumentsLoaders;
}
