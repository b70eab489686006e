import { createHash } from 'node:crypto';
import { DocumentEventRow, type DocumentEventType, DocumentRow, DocumentUploadRow } from '@cee-hub/db';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import type { DocumentSubject } from './subject-parties';

export const tokenDigest = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Who did something to a document, as its history records it. */
export interface DocumentActor {
  subject: string;
  email: string | null;
  role: string;
}

/** The documents schema's tables, through TypeORM. */
export class DocumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async saveUpload(upload: DocumentUploadRow): Promise<void> {
    await this.dataSource.getRepository(DocumentUploadRow).insert(upload);
  }

  /**
   * Takes the upload a token opens, once: the first caller marks it used and gets it, any
   * later one gets `{ used: true }` (expired ones too, so an expired URL never starts a write).
   */
  async takeUpload(token: string, now: Date): Promise<{ upload?: DocumentUploadRow; used?: boolean; expired?: boolean }> {
    const uploads = this.dataSource.getRepository(DocumentUploadRow);
    const upload = await uploads.findOneBy({ tokenSha256: tokenDigest(token) });
    if (!upload) return {};
    if (upload.usedAt) return { used: true };
    if (upload.expiresAt <= now) return { expired: true };
    const taken = await uploads.update({ id: upload.id, usedAt: IsNull() }, { usedAt: now });
    return taken.affected === 1 ? { upload: { ...upload, usedAt: now } } : { used: true };
  }

  /** The document and its first event, together. */
  async saveDocument(document: DocumentRow, actor: DocumentActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(DocumentRow).insert(document);
      await this.recordEvent(manager, document.id, 'UPLOADED', actor, document.uploadedAt);
    });
  }

  /** Soft delete: the row stays, out of every list, and the history says who removed it. */
  async markDeleted(id: string, actor: DocumentActor, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(DocumentRow).update({ id, deletedAt: IsNull() }, { deletedAt: at });
      if (result.affected !== 1) return false;
      await this.recordEvent(manager, id, 'DELETED', actor, at);
      return true;
    });
  }

  private async recordEvent(manager: EntityManager, documentId: string, type: DocumentEventType, actor: DocumentActor, at: Date): Promise<void> {
    await manager.getRepository(DocumentEventRow).insert({ documentId, type, actor: actor.subject, actorEmail: actor.email, actorRole: actor.role, at });
  }

  byId(id: string): Promise<DocumentRow | null> {
    return this.dataSource.getRepository(DocumentRow).findOneBy({ id });
  }

  /** The documents of each subject that are not deleted, oldest first, in the order of `subjects`. */
  async ofSubjects(subjects: readonly DocumentSubject[]): Promise<DocumentRow[][]> {
    const rows = await this.dataSource.getRepository(DocumentRow).find({
      where: { subjectId: In(subjects.map((subject) => subject.id)), deletedAt: IsNull() },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    return subjects.map((subject) => rows.filter((row) => row.subjectType === subject.type && row.subjectId === subject.id));
  }

  /** Uploads that expired before `before`, whose bytes (if any were kept) the sweep removes. */
  async expiredUploads(before: Date, limit: number): Promise<DocumentUploadRow[]> {
    return this.dataSource
      .getRepository(DocumentUploadRow)
      .createQueryBuilder('upload')
      .where('upload.expires_at < :before', { before })
      .andWhere('NOT EXISTS (SELECT 1 FROM documents.document d WHERE d.storage_key = upload.id::text)')
      .orderBy('upload.expires_at')
      .limit(limit)
      .getMany();
  }

  async deleteUpload(id: string): Promise<void> {
    await this.dataSource.getRepository(DocumentUploadRow).delete({ id });
  }
}
