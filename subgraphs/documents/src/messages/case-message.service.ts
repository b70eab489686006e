import { BadUserInputError, checkPageSize, decodeCursor, encodeCursor, type Identity, isCbp, requireSignedIn } from '@cee-hub/common';
import type { CaseThreadRow } from '@cee-hub/db';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { type DocumentSubject, type SubjectDirectory, type SubjectParties, visibleSubject } from '../document/subject-parties';
import { CaseMessageRepository, type Reader } from './case-message.repository';
import { checkAttachments, checkMayWrite, checkMessageId, checkOpen, checkPostInput, messageFor, type PostRequest, sideOf } from './case-message.rules';
import type { CaseMessage, CaseMessagePage, CaseThread } from './case-message.type';

type SubjectLoader = DataLoader<DocumentSubject, SubjectParties | undefined, string>;

/** How a person reads threads: by their own mark, internal notes only for CBP. */
export function readerOf(identity: Identity): Reader {
  return { reader: identity.subject ?? identity.role, seesInternal: isCbp(identity) };
}

/** A thread as the viewer sees it: the trade's "latest message" leaves out internal notes. */
export function threadFor(identity: Identity, subject: DocumentSubject, row: CaseThreadRow | undefined): CaseThread {
  return {
    subject: { type: subject.type, id: subject.id },
    lastMessageAt: (isCbp(identity) ? row?.lastMessageAt : row?.lastPublicMessageAt) ?? null,
    waitingFor: row?.waitingFor ?? null,
    waitingSince: row?.waitingSince ?? null,
  };
}

/** Case threads: who may write, what a message may carry, read marks. */
export class CaseMessageService {
  readonly repository: CaseMessageRepository;

  constructor(
    dataSource: DataSource,
    private readonly subjects: SubjectDirectory,
  ) {
    this.repository = new CaseMessageRepository(dataSource);
  }

  /** The parties of a subject the caller may see; any other is NOT_FOUND, as an unknown one. */
  visibleSubject(identity: Identity, subject: DocumentSubject, loader: SubjectLoader = this.subjects.loader()): Promise<SubjectParties> {
    return visibleSubject(identity, subject, (key) => loader.load(key));
  }

  /**
   * Posts a message to the subject's thread: the importer and the Center's staff (and admins)
   * write to each other; CBP may write an internal note instead. Every check comes before the
   * one write, so a refused message leaves nothing behind.
   */
  async post(identity: Identity, request: PostRequest, now = new Date()): Promise<CaseMessage> {
    requireSignedIn(identity, 'write to a case');
    const { text, documentIds } = checkPostInput(request);
    const parties = await this.visibleSubject(identity, request.subject);
    checkMayWrite(identity, request.internal);
    checkOpen(request.subject, parties);
    checkAttachments(request.subject, documentIds, await this.repository.documentsById(documentIds));
    const row = await this.repository.insert({
      subject: request.subject,
      importerId: parties.importerId,
      centerId: parties.centerId,
      author: { subject: readerOf(identity).reader, email: identity.email ?? null, role: identity.role },
      side: sideOf(identity),
      internal: request.internal,
      text,
      documentIds,
      postedAt: now,
    });
    return messageFor(identity, row)!;
  }

  /** A page of the thread's messages the viewer may see, oldest first (the subject's visibility checked by the caller). */
  async messages(identity: Identity, subject: DocumentSubject, first: number | null | undefined, after: string | null | undefined): Promise<CaseMessagePage> {
    const size = checkPageSize(first);
    const afterId = after ? checkMessageId(decodeCursor(after, ['text'])[0]!, 'after') : null;
    const rows = await this.repository.page(subject, readerOf(identity).seesInternal, afterId, size);
    const nodes = rows.slice(0, size).flatMap((row) => messageFor(identity, row) ?? []);
    const last = nodes[nodes.length - 1];
    return { nodes, pageInfo: { hasNextPage: rows.length > size, endCursor: last ? encodeCursor([last.id]) : null } };
  }

  /**
   * Marks the thread read for the caller (this person, not their role) up to message `upTo`,
   * or up to its latest message the caller may see. The mark never moves back.
   */
  async markRead(identity: Identity, subject: DocumentSubject, upTo: string | null | undefined, now = new Date()): Promise<CaseThread> {
    requireSignedIn(identity, 'read a case');
    await this.visibleSubject(identity, subject);
    const reader = readerOf(identity);
    const [thread] = await this.repository.threads([subject]);
    let mark = reader.seesInternal ? thread?.lastMessageId : thread?.lastPublicMessageId;
    if (upTo !== null && upTo !== undefined) {
      const message = await this.repository.messageOf(subject, checkMessageId(upTo, 'upTo'), reader.seesInternal);
      if (!message) throw new BadUserInputError({ field: 'upTo', message: `no message '${upTo}' belongs to this case` });
      mark = message.id;
    }
    if (mark) await this.repository.markRead(this.repository.manager, subject, reader.reader, mark, now);
    return threadFor(identity, subject, thread);
  }
}
