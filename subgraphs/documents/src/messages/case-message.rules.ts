import { BadUserInputError, ConflictError, ForbiddenError, type Identity, isCbp, isUuid, ProblemCollector, textProblem } from '@cee-hub/common';
import { type CaseMessageRow, type CaseParty, type DocumentRow, MAX_CASE_MESSAGE_LENGTH } from '@cee-hub/db';
import { CBP_AS_SEEN_BY_THE_TRADE } from '../document/document-audience';
import type { DocumentSubject, SubjectParties } from '../document/subject-parties';
import type { CaseMessage } from './case-message.type';

/** The most documents one message attaches. */
export const MAX_MESSAGE_DOCUMENTS = 20;

/** Roles of the trade's people; everyone else who may see a case is CBP. */
const TRADE_ROLES: readonly string[] = ['IMPORTER', 'BROKER'];

/** The side a person writes for. */
export function sideOf(identity: Identity): CaseParty {
  return TRADE_ROLES.includes(identity.role) ? 'TRADE' : 'CENTER';
}

export interface PostRequest {
  subject: DocumentSubject;
  text: string;
  documentIds: readonly string[];
  internal: boolean;
}

/**
 * The message's text as it is kept (trimmed) and its documents (each once), or BAD_USER_INPUT
 * naming every problem: empty, too long, text the store cannot hold, ids that are no ids.
 */
export function checkPostInput(request: PostRequest): { text: string; documentIds: string[] } {
  const problems = new ProblemCollector();
  const text = request.text.trim();
  if (!text) problems.add('text', 'must not be empty; write the message');
  else {
    const problem = textProblem(text, MAX_CASE_MESSAGE_LENGTH);
    if (problem) problems.add('text', problem);
  }
  const documentIds = [...new Set(request.documentIds)];
  if (documentIds.length > MAX_MESSAGE_DOCUMENTS) problems.add('documentIds', `a message attaches at most ${MAX_MESSAGE_DOCUMENTS} documents; got ${documentIds.length}`);
  documentIds.forEach((id, index) => {
    if (!isUuid(id)) problems.add(`documentIds[${index}]`, `'${id}' is not a document id`);
  });
  problems.throwIfAny();
  return { text, documentIds };
}

/** Internal notes are CBP's: the trade cannot write one. */
export function checkMayWrite(identity: Identity, internal: boolean): void {
  if (internal && !isCbp(identity)) throw new ForbiddenError('Only CBP staff write internal notes; send the message without internal: true');
}

/** A closed case takes no more messages. */
export function checkOpen(subject: DocumentSubject, parties: SubjectParties): void {
  if (!parties.closed) return;
  throw new ConflictError(
    subject.type === 'ENTRY_SUMMARY'
      ? 'The case of this entry summary is closed (rejected or liquidated) and takes no more messages; a protest is the way to contest it'
      : 'This application is decided and its case is closed; it takes no more messages',
  );
}

/**
 * Every attached document must be a document (not removed) of the same subject. One of another
 * case, another tenant's or none at all are the same problem, worded alike, so nothing tells
 * which documents exist elsewhere.
 */
export function checkAttachments(subject: DocumentSubject, documentIds: readonly string[], found: readonly DocumentRow[]): void {
  const ofThisCase = new Set(found.filter((row) => !row.deletedAt && row.subjectType === subject.type && row.subjectId === subject.id).map((row) => row.id));
  const problems = new ProblemCollector();
  documentIds.forEach((id, index) => {
    if (!ofThisCase.has(id)) problems.add(`documentIds[${index}]`, `no document '${id}' belongs to this ${subject.type === 'ENTRY_SUMMARY' ? 'entry summary' : 'application'}; upload it to this case first`);
  });
  problems.throwIfAny();
}

/** A message id as the graph gives them out (a decimal bigint), or BAD_USER_INPUT for `field`. */
export function checkMessageId(id: string, field: string): string {
  if (!/^[1-9]\d{0,17}$/.test(id)) throw new BadUserInputError({ field, message: `'${id}' is not a message id` });
  return id;
}

/**
 * A message as the viewer may see it, or null: CBP sees it as kept; the trade never sees an
 * internal note, and sees CBP's people as the agency (no staff email reaches the trade).
 */
export function messageFor(viewer: Identity, row: CaseMessageRow): CaseMessage | null {
  const cbpViewer = isCbp(viewer);
  if (row.internal && !cbpViewer) return null;
  const hidden = row.side === 'CENTER' && !cbpViewer;
  return {
    id: row.id,
    subject: { type: row.subjectType, id: row.subjectId },
    from: row.side,
    author: hidden ? CBP_AS_SEEN_BY_THE_TRADE : (row.authorEmail ?? row.author),
    authorRole: hidden ? 'CBP' : row.authorRole,
    internal: row.internal,
    text: row.text,
    postedAt: row.postedAt,
  };
}
