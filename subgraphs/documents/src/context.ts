import type { SubgraphContext } from '@cee-hub/common/subgraph';
import type { CaseThreadRow, DocumentRow } from '@cee-hub/db';
import type DataLoader from 'dataloader';
import type { DocumentService } from './document/document.service';
import type { DocumentSubject, SubjectDirectory, SubjectParties } from './document/subject-parties';
import type { CaseMessageBus } from './messages/case-message-live';
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
  /** Who each subject belongs to, read as it is now (loaders.subjects is its per-request cache). */
  subjectDirectory: SubjectDirectory;
  /** The process's LISTEN connection on new case messages. */
  messageBus: CaseMessageBus;
  loaders: DocumentsLoaders;
}
