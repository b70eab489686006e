import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { CaseThreadRow, DocumentRow } from '@cee-hub/db';
import type DataLoader from 'dataloader';
import type { DocumentService } from './document/document.service';
import type { DocumentSubject, SubjectParties } from './document/subject-parties';
import type { CaseInboxService } from './messages/case-inbox.service';
import type { CaseMessageService } from './messages/case-message.service';

export interface DocumentsLoaders {
  subjects: DataLoader<DocumentSubject, SubjectParties | undefined, string>;
  documentsOf: DataLoader<DocumentSubject, DocumentRow[], string>;
  /** Case threads by subject (undefined before a first message). */
  threads: DataLoader<DocumentSubject, CaseThreadRow | undefined, string>;
  /** The caller's unread count per thread. */
  unread: DataLoader<DocumentSubject, number, string>;
  /** The documents attached to each message, by message id. */
  messageDocuments: DataLoader<string, DocumentRow[]>;
}

export interface DocumentsContext extends SubgraphContext {
  documents: DocumentService;
  messages: CaseMessageService;
  inboxes: CaseInboxService;
  loaders: DocumentsLoaders;
}
