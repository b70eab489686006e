import { type Identity, isCbp, type Logger, requireSignedIn } from '@cee-hub/common';
import { type EventBus, openResumableStream, type ResumableStream } from '@cee-hub/common/live';
import type { CaseMessageRow } from '@cee-hub/db';
import { canSeeSubject, type DocumentSubject, type SubjectDirectory, type SubjectParties } from '../document/subject-parties';
import type { CaseMessageNotification, CaseMessageRepository } from './case-message.repository';
import { messageFor } from './case-message.rules';
import type { CaseMessage } from './case-message.type';

/** The process's one LISTEN connection on the case messages. */
export type CaseMessageBus = EventBus<CaseMessageNotification, CaseMessageRow>;

export interface CaseMessageStreamOptions {
  identity: Identity;
  /** One thread, already checked to be the caller's to see; all the caller may see when absent. */
  subject?: DocumentSubject;
  since: string | null;
  bus: Pick<CaseMessageBus, 'subscribe' | 'eventById'>;
  messages: Pick<CaseMessageRepository, 'messagesAfter'>;
  subjects: Pick<SubjectDirectory, 'partiesOf'>;
  logger?: Logger;
}

/**
 * The messages one subscriber receives, on the live kit's resumable stream: the log after
 * `since`, then new ones. Internal notes never reach the trade (refused on the notification,
 * before any read); every other message is checked against the viewer's right to its subject,
 * as that subject is now (a stream remembers the subjects it has checked).
 */
export function openCaseMessageStream(options: CaseMessageStreamOptions): Promise<ResumableStream<CaseMessage>> {
  const { identity, subject } = options;
  requireSignedIn(identity, 'follow case messages');
  const seesInternal = isCbp(identity);
  const checked = new Map<string, Promise<SubjectParties | undefined>>();
  const partiesOf = (type: DocumentSubject['type'], id: string) => {
    const key = `${type}:${id}`;
    if (!checked.has(key)) checked.set(key, options.subjects.partiesOf([{ type, id }]).then(([parties]) => parties));
    return checked.get(key)!;
  };
  const present = async (row: CaseMessageRow | undefined): Promise<CaseMessage | null> => {
    if (!row || !canSeeSubject(identity, await partiesOf(row.subjectType, row.subjectId))) return null;
    return messageFor(identity, row);
  };
  return openResumableStream<CaseMessageNotification, CaseMessageRow, CaseMessage>({
    bus: options.bus,
    since: options.since,
    logger: options.logger,
    accept: (notification) => (seesInternal || !notification.internal) && (!subject || (notification.subjectType === subject.type && notification.subjectId === subject.id)),
    replayPage: (afterId, limit) => options.messages.messagesAfter(afterId, subject, seesInternal, limit),
    presentReplayed: present,
    presentLive: async (notification) => present(await options.bus.eventById(notification.eventId)),
  });
}
