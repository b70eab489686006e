import { randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, type Identity, isCbp, isUuid, ProblemCollector, requireSignedIn } from '@cee-hub/common';
import type { DocumentKind, DocumentRow } from '@cee-hub/db';
import type { DataSource } from 'typeorm';
import { UnknownDocumentError } from '../errors';
import type { BlobStore } from '../storage/blob-store';
import { ACCEPTED_CONTENT_TYPES, isAcceptedContentType } from '../upload/content-check';
import { UploadRefusal, verifiedBytes } from '../upload/verified-bytes';
import { type DocumentActor, DocumentRepository, tokenDigest } from './document.repository';
import { DownloadLinks } from './download-link';
import { canSeeSubject, type DocumentSubject, type SubjectDirectory, visibleSubject } from './subject-parties';

export interface UploadRequest {
  subject: DocumentSubject;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface UploadSlot {
  id: string;
  /** Path and token of the one-time URL, below the gateway's origin. */
  path: string;
  expiresAt: Date;
}

export interface DocumentSettings {
  maxDocumentBytes: number;
  uploadUrlTtlMs: number;
  downloadUrlTtlMs: number;
  internalTokenSecret: string;
}

/** Why an upload URL could not be used; answered with an HTTP status and a stable code. */
export class UploadFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** The gateway's paths for the bytes: one-time uploads and signed downloads. */
export const UPLOAD_PATH = '/documents/uploads/';
export const DOWNLOAD_PATH = '/documents/files/';

const FILE_NAME_MAX = 255;

/** Why a document a step came with stays, by the kind of case. */
const ATTACHED_TO_STEP: Record<DocumentSubject['type'], string> = {
  ENTRY_SUMMARY: 'The document came with a step of the review (a CF-28 request, an answer or a response) and stays part of its record; it cannot be removed',
  ONBOARDING: "The document came with the importer's answer to the Center's question and stays part of the application's record; it cannot be removed",
};

function actorOf(identity: Identity): DocumentActor {
  return { subject: identity.subject ?? identity.role, email: identity.email ?? null, role: identity.role };
}

/** Documents: declared, received and checked, listed, downloaded and removed. */
export class DocumentService {
  readonly repository: DocumentRepository;
  private readonly links: DownloadLinks;

  constructor(
    dataSource: DataSource,
    private readonly store: BlobStore,
    private readonly subjects: SubjectDirectory,
    private readonly settings: DocumentSettings,
  ) {
    this.repository = new DocumentRepository(dataSource);
    this.links = new DownloadLinks(settings.internalTokenSecret, settings.downloadUrlTtlMs);
  }

  get maxDocumentBytes(): number {
    return this.settings.maxDocumentBytes;
  }

  /** A document the caller may see, or null (where a field answers null rather than NOT_FOUND). */
  async visibleDocumentOrNull(identity: Identity, id: string, subjects = this.subjects.loader()): Promise<DocumentRow | null> {
    try {
      return await this.visibleDocument(identity, id, subjects);
    } catch (error) {
      if (error instanceof UnknownDocumentError) return null;
      throw error;
    }
  }

  private checkRequest(request: UploadRequest): void {
    const problems = new ProblemCollector();
    if (!isUuid(request.subject.id)) problems.add('subject.id', `'${request.subject.id}' is not an id of CEE Hub`);
    const name = request.fileName.trim();
    if (name.length === 0) problems.add('fileName', 'Give the file its name, e.g. invoice-4471.pdf');
    else if (name.length > FILE_NAME_MAX) problems.add('fileName', `A file name has at most ${FILE_NAME_MAX} characters; this one has ${name.length}`);
    else if (/[/\\\u0000-\u001f\u007f]/.test(name)) problems.add('fileName', 'A file name has no slashes, backslashes or control characters');
    if (!isAcceptedContentType(request.contentType)) {
      problems.add('contentType', `'${request.contentType}' is not a document format CEE Hub accepts; accepted: ${Object.keys(ACCEPTED_CONTENT_TYPES).join(', ')}`);
    }
    if (!Number.isInteger(request.size) || request.size < 1) problems.add('size', 'The size is the number of bytes of the file, at least 1');
    else if (request.size > this.settings.maxDocumentBytes) {
      problems.add('size', `A document has at most ${this.settings.maxDocumentBytes} bytes (${(this.settings.maxDocumentBytes / 1048576).toFixed(0)} MiB); this one has ${request.size}`);
    }
    if (!/^[0-9a-fA-F]{64}$/.test(request.sha256)) problems.add('sha256', 'The SHA-256 of the file, as 64 hexadecimal digits');
    problems.throwIfAny();
  }

  /** Declares an upload and answers its one-time URL; nothing is stored but the declaration. */
  async requestUpload(identity: Identity, request: UploadRequest, now = new Date()): Promise<UploadSlot> {
    requireSignedIn(identity, 'attach documents');
    this.checkRequest(request);
    await visibleSubject(identity, request.subject, (subject) => this.subjects.partyOf(subject));
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const actor = actorOf(identity);
    const expiresAt = new Date(now.getTime() + this.settings.uploadUrlTtlMs);
    await this.repository.saveUpload({
      id,
      tokenSha256: tokenDigest(token),
      subjectType: request.subject.type,
      subjectId: request.subject.id,
      kind: request.kind,
      fileName: request.fileName.trim(),
      contentType: request.contentType,
      sizeBytes: request.size,
      sha256: request.sha256.toLowerCase(),
      requestedBy: actor.subject,
      requestedByEmail: actor.email,
      requestedByRole: actor.role,
      requestedAt: now,
      expiresAt,
      usedAt: null,
    });
    return { id, path: `${UPLOAD_PATH}${token}`, expiresAt };
  }

  /**
   * Receives the bytes for an upload URL: once, before it expires, from the person who asked
   * for it. The bytes are stored as they arrive and checked on the way (type, size, SHA-256);
   * on any mismatch what was stored is removed and nothing else is written.
   */
  async receiveUpload(identity: Identity, token: string, body: AsyncIterable<Buffer>, now = new Date()): Promise<DocumentRow> {
    const taken = await this.repository.takeUpload(token, now);
    if (taken.used) throw new UploadFailure(409, 'CONFLICT', 'ALREADY_USED', 'This upload URL was used already; ask for a new one with requestDocumentUpload');
    if (taken.expired) throw new UploadFailure(410, 'BAD_USER_INPUT', 'EXPIRED', 'This upload URL has expired; ask for a new one with requestDocumentUpload');
    const upload = taken.upload;
    const actor = actorOf(identity);
    if (!upload || upload.requestedBy !== actor.subject) throw new UploadFailure(404, 'NOT_FOUND', 'UNKNOWN', 'No upload waits at this URL');
    const parties = await this.subjects.partyOf({ type: upload.subjectType, id: upload.subjectId });
    if (!canSeeSubject(identity, parties)) throw new UploadFailure(404, 'NOT_FOUND', 'UNKNOWN', 'No upload waits at this URL');
    try {
      await this.store.write(upload.id, verifiedBytes(body, { contentType: upload.contentType, sizeBytes: upload.sizeBytes, sha256: upload.sha256 }));
    } catch (error) {
      await this.store.remove(upload.id);
      if (error instanceof UploadRefusal) {
        throw new UploadFailure(error.reason === 'CONTENT_TYPE_MISMATCH' ? 415 : 400, 'BAD_USER_INPUT', error.reason, `${error.message}; nothing was stored. Ask for a new upload URL to try again`);
      }
      throw error;
    }
    const document: DocumentRow = {
      id: randomUUID(),
      subjectType: upload.subjectType,
      subjectId: upload.subjectId,
      kind: upload.kind,
      fileName: upload.fileName,
      contentType: upload.contentType,
      sizeBytes: upload.sizeBytes,
      sha256: upload.sha256,
      storage: this.store.storage,
      storageKey: upload.id,
      uploadedBy: actor.subject,
      uploadedByEmail: actor.email,
      uploadedByRole: actor.role,
      uploadedAt: new Date(),
      deletedAt: null,
    };
    await this.repository.saveDocument(document, actor);
    return document;
  }

  /** A document the caller may see, else NOT_FOUND (deleted ones too). */
  async visibleDocument(identity: Identity, id: string, subjects = this.subjects.loader()): Promise<DocumentRow> {
    const row = isUuid(id) ? await this.repository.byId(id) : null;
    if (!row || row.deletedAt) throw new UnknownDocumentError(id);
    const parties = await subjects.load({ type: row.subjectType, id: row.subjectId });
    if (!canSeeSubject(identity, parties)) throw new UnknownDocumentError(id);
    return row;
  }

  /**
   * Removes a document from its subject (a soft delete, kept in its history): the person who
   * uploaded it, or CBP staff of the subject and admins, while the subject is undecided and
   * no step of it (of its review, or the application's answer) came with it.
   */
  async remove(identity: Identity, id: string, now = new Date()): Promise<DocumentRow> {
    requireSignedIn(identity, 'remove documents');
    const row = await this.visibleDocument(identity, id);
    const parties = await visibleSubject(identity, { type: row.subjectType, id: row.subjectId }, (subject) => this.subjects.partyOf(subject));
    if (parties.decided) throw new ConflictError('The document belongs to a decided case and stays part of its record; it cannot be removed');
    if (await this.subjects.isAttachedToStep({ type: row.subjectType, id: row.subjectId }, row.id)) throw new ConflictError(ATTACHED_TO_STEP[row.subjectType]);
    if (row.uploadedBy !== actorOf(identity).subject && !isCbp(identity)) throw new ForbiddenError('Only the person who uploaded a document, or CBP staff, may remove it');
    if (!(await this.repository.markDeleted(row.id, actorOf(identity), now))) throw new UnknownDocumentError(id);
    return { ...row, deletedAt: now };
  }

  /** A download URL path for the caller, valid for a few minutes. */
  async downloadPath(identity: Identity, documentId: string): Promise<{ path: string; expiresAt: Date }> {
    const { token, expiresAt } = await this.links.sign(documentId, identity);
    return { path: `${DOWNLOAD_PATH}${token}`, expiresAt };
  }

  /** Opens a download link: the document, checked again for the viewer the link was made for, and its bytes. */
  async openDownload(token: string): Promise<{ row: DocumentRow; bytes: AsyncIterable<Buffer> }> {
    const link = await this.links.verify(token);
    if (!link) throw new UploadFailure(404, 'NOT_FOUND', 'LINK_INVALID', 'This download link is not valid or has expired; ask the graph for Document.downloadUrl again');
    let row: DocumentRow;
    try {
      row = await this.visibleDocument(link.viewer, link.documentId);
    } catch (error) {
      if (!(error instanceof UnknownDocumentError)) throw error;
      throw new UploadFailure(404, 'NOT_FOUND', 'UNKNOWN', 'The document of this link is no longer available to you');
    }
    return { row, bytes: this.store.read(row.storageKey) };
  }
}
