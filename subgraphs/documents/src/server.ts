import { createLogger, type Logger } from '@cee-hub/common';
import { type RunningServer, startSubgraphServer } from '@cee-hub/common/subgraph';
import { createDataSource, documentsEntities, type DocumentSubjectType } from '@cee-hub/db';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { documentByteRoutes } from './bytes/byte-routes';
import type { DocumentsConfig } from './config';
import type { DocumentsContext } from './context';
import { DocumentService } from './document/document.service';
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
  const sweep = setInterval(() => {
    sweepExpiredUploads(documents, store).catch((error: unknown) => logger.warn({ err: error }, 'sweeping expired uploads failed; the next sweep tries again'));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  const server = await startSubgraphServer<DocumentsContext>(
    {
      service: 'documents',
      schema: await buildDocumentsSchema(),
      dataSource,
      logger,
      extraRoutes: (verifier, routeLogger) => documentByteRoutes(documents, verifier, routeLogger),
      extendContext: (base) => ({
        ...base,
        documents,
        messages,
        inboxes,
        loaders: {
          subjects: subjects.loader(),
          documentsOf: new DataLoader((keys) => documents.repository.ofSubjects(keys), { cacheKeyFn: subjectKey }),
          threads: new DataLoader((keys) => messages.repository.threads(keys), { cacheKeyFn: subjectKey }),
          unread: new DataLoader((keys) => messages.repository.unreadCounts(keys, readerOf(base.identity)), { cacheKeyFn: subjectKey }),
          messageDocuments: new DataLoader((ids) => messages.repository.documentsOf(ids)),
        },
      }),
    },
    config,
  );
  return {
    port: server.port,
    stop: async () => {
      clearInterval(sweep);
      await server.stop();
      if (store instanceof S3BlobStore) store.close();
    },
  };
}

export function createDocumentsDataSource(config: DocumentsConfig): DataSource {
  return createDataSource({ url: config.databaseUrl, entities: documentsEntities, poolSize: config.poolSize, applicationName: 'cee-hub-documents' });
}
