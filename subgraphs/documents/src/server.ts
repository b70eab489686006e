import { createLogger, type Logger } from '@cee-hub/common';
import { attachSubscriptionServer, EventBus } from '@cee-hub/common/live';
import { type RunningServer, startSubgraphServer, type SubgraphContext } from '@cee-hub/common/subgraph';
import { createDataSource, documentsEntities, type DocumentSubjectType } from '@cee-hub/db';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { documentByteRoutes } from './bytes/byte-routes';
import type { DocumentsConfig } from './config';
import type { DocumentsContext } from './context';
import { DocumentService } from './document/document.service';
import type { CaseMessageBus } from './messages/case-message-live';
import { SubjectDirectory } from './document/subject-parties';
import { CaseInboxService } from './messages/case-inbox.service';
import { CaseMessageService, readerOf } from './messages/case-message.service';
import { buildDocumentsSchema } from './schema';
import type { BlobStore } from './storage/blob-store';
import { PostgresBlobStore } from './storage/postgres-blob-store';
import { S3BlobStore } from './storage/s3-blob-store';

/** How often uploads that never completed are cleared, and how long after their expiry. */
const SWEEP_INTERVAL_MS = 10 * 60_000;
const SWEEP_GRACE_MS = 60 * 60_000;

/**
 * Removes the declarations (and any bytes) of uploads that expired a while ago without
 * becoming a document: a sender that gave up, or a process that stopped mid-upload.
 */
export async function sweepExpiredUploads(documents: DocumentService, store: BlobStore, now = new Date()): Promise<number> {
  const expired = await documents.repository.expiredUploads(new Date(now.getTime() - SWEEP_GRACE_MS), 100);
  for (const upload of expired) {
    await store.remove(upload.id);
    await documents.repository.deleteUpload(upload.id);
  }
  return expired.length;
}

const subjectKey = (subject: { type: DocumentSubjectType; id: string }) => `${subject.type}:${subject.id}`;

function createStore(config: DocumentsConfig, dataSource: DataSource): BlobStore {
  return config.s3 ? new S3BlobStore(config.s3) : new PostgresBlobStore(dataSource);
}

/** Starts the documents subgraph on an initialized DataSource (used by index.ts and by tests). */
export async function startDocumentsServer(config: DocumentsConfig, dataSource: DataSource, logger: Logger = createLogger('documents')): Promise<RunningServer> {
  const store = createStore(config, dataSource);
  const subjects = new SubjectDirectory(dataSource);
  const documents = new DocumentService(dataSource, store, subjects, config);
  const messages = new CaseMessageService(dataSource, subjects);
  const inboxes = new CaseInboxService(dataSource, subjects);
  const messageBus: CaseMessageBus = new EventBus({ databaseUrl: config.databaseUrl, source: messages.repository.source(), logger, applicationName: 'cee-hub-documents-listener' });
  const sweep = setInterval(() => {
    sweepExpiredUploads(documents, store).catch((error: unknown) => logger.warn({ err: error }, 'sweeping expired uploads failed; the next sweep tries again'));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  const schema = await buildDocumentsSchema();
  const extendContext = (base: SubgraphContext): DocumentsContext => ({
    ...base,
    documents,
    messages,
    inboxes,
    subjectDirectory: subjects,
    messageBus,
    loaders: {
      subjects: subjects.loader(),
      documentsOf: new DataLoader((keys) => documents.repository.ofSubjects(keys), { cacheKeyFn: subjectKey }),
      threads: new DataLoader((keys) => messages.repository.threads(keys), { cacheKeyFn: subjectKey }),
      unread: new DataLoader((keys) => messages.repository.unreadCounts(keys, readerOf(base.identity)), { cacheKeyFn: subjectKey }),
      messageDocuments: new DataLoader((ids) => messages.repository.documentsOf(ids)),
    },
  });
  let server: RunningServer;
  try {
    await messageBus.start();
    server = await startSubgraphServer<DocumentsContext>(
      {
        service: 'documents',
        schema,
        dataSource,
        logger,
        extraRoutes: (verifier, routeLogger) => documentByteRoutes(documents, verifier, routeLogger),
        extendContext,
        // Without its LISTEN connection the process would serve subscriptions that stay silent.
        readiness: async () => {
          if (!messageBus.listening) throw new Error('not listening for case messages; reconnecting');
        },
        attach: attachSubscriptionServer<DocumentsContext>({ schema, production: config.production, createContext: extendContext }),
      },
      config,
    );
  } catch (error) {
    clearInterval(sweep);
    await messageBus.close();
    throw error;
  }
  return {
    port: server.port,
    stop: async () => {
      clearInterval(sweep);
      // Subscriptions end (and leave the bus) with the server; then the bus stops listening.
      await server.stop();
      await messageBus.close();
      if (store instanceof S3BlobStore) store.close();
    },
  };
}

export function createDocumentsDataSource(config: DocumentsConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: documentsEntities, poolSize: config.poolSize, applicationName: 'cee-hub-documents' });
}
