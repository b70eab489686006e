import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useCaseUpdates } from '../hooks/use-case-updates';
import { formatDateTime, humanize, label } from '../format';
import { ENTRY_SUMMARY_THREAD, ENTRY_SUMMARY_THREAD_PAGE, MARK_CASE_READ, MESSAGES_PER_PAGE, POST_CASE_MESSAGE } from '../graphql/case-messages.operations';
import type { CaseMessageItemFragment, CaseMessagePageItemsFragment } from '../graphql/generated/graphql';
import { ONBOARDING_THREAD, ONBOARDING_THREAD_PAGE } from '../graphql/onboarding.operations';
import { isCbp, useViewer } from '../session';
import { submitHandler } from '../submit-handler';
import { CASE_NOUNS, type CaseSubject, useCaseDocuments } from './documents-panel';
import { DocumentLinks } from './document-links';
import { ErrorNotice } from './error-notice';
import { useAnnounce } from './live-region';

/** The queries that show inbox counts, asked again when the viewer reads or writes a thread. */
export const INBOX_QUERIES = ['ConsoleStaffInbox', 'ConsoleStaffInboxCount', 'ConsoleImporterInbox', 'ConsoleImporterInboxCount'];

/** Message ids increase with every message posted, so the larger one is the later one. */
function later(first: string | null, second: string): string {
  return first !== null && BigInt(first) >= BigInt(second) ? first : second;
}

function CaseMessageEntry({ message }: { message: CaseMessageItemFragment }) {
  return (
    <li className={message.internal ? 'message message-internal' : 'message'}>
      {message.internal ? <p className="internal-mark">Internal note — CBP only</p> : null}
      <p className="message-meta">
        <strong>{message.author}</strong> <span className="hint">({humanize(message.authorRole)})</span> · <time dateTime={message.postedAt}>{formatDateTime(message.postedAt)}</time>
      </p>
      <p className="message-text">{message.text}</p>
      <DocumentLinks documents={message.documents} label="Attached documents" />
    </li>
  );
}

/** The first page of a case's thread (with its state for the viewer), through the query of the case's kind. */
function useThread(subject: CaseSubject) {
  const variables = { id: subject.id, first: MESSAGES_PER_PAGE };
  const entrySummary = useQuery(ENTRY_SUMMARY_THREAD, { variables, skip: subject.type !== 'ENTRY_SUMMARY' });
  const onboarding = useQuery(ONBOARDING_THREAD, { variables, skip: subject.type !== 'ONBOARDING' });
  const thread = subject.type === 'ENTRY_SUMMARY' ? entrySummary.data?.filing.caseThread : onboarding.data?.onboardingApplication?.caseThread;
  const { error, loading, refetch } = subject.type === 'ENTRY_SUMMARY' ? entrySummary : onboarding;
  return { thread, error, loading, refetch };
}

/** A later page of a case's thread, not cached (see LaterMessages). */
function useThreadPage(subject: CaseSubject, after: string) {
  const options = { variables: { id: subject.id, first: MESSAGES_PER_PAGE, after }, fetchPolicy: 'no-cache' as const };
  const entrySummary = useQuery(ENTRY_SUMMARY_THREAD_PAGE, { ...options, skip: subject.type !== 'ENTRY_SUMMARY' });
  const onboarding = useQuery(ONBOARDING_THREAD_PAGE, { ...options, skip: subject.type !== 'ONBOARDING' });
  const page = subject.type === 'ENTRY_SUMMARY' ? entrySummary.data?.filing.caseThread?.messages : onboarding.data?.onboardingApplication?.caseThread?.messages;
  const { error, refetch } = subject.type === 'ENTRY_SUMMARY' ? entrySummary : onboarding;
  return { page, error, refetch };
}

interface PageProps {
  subject: CaseSubject;
  after: string;
  /** Told the latest message id this page shows, once it shows any. */
  onShown: (lastId: string) => void;
}

/** One page of messages, oldest first, and a way to the page after it (shown on demand). */
function MessagePage({ subject, page, onShown, label }: { subject: CaseSubject; page: CaseMessagePageItemsFragment | undefined; onShown: PageProps['onShown']; label?: string }) {
  const [more, setMore] = useState(false);
  return (
    <>
      {page && page.nodes.length > 0 ? (
        <ol className="thread" aria-label={label}>
          {page.nodes.map((message) => (
            <CaseMessageEntry key={message.id} message={message} />
          ))}
        </ol>
      ) : null}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
        more ? (
          <LaterMessages subject={subject} after={page.pageInfo.endCursor} onShown={onShown} />
        ) : (
          <button type="button" className="button-secondary" onClick={() => setMore(true)}>
            Show later messages
          </button>
        )
      ) : null}
    </>
  );
}

/**
 * A later page of the thread (after the first hundred messages), with a way to the page after it.
 * Not cached: the thread has no id of its own, so two pages in the cache would replace each other.
 */
function LaterMessages({ subject, after, onShown }: PageProps) {
  const { page, error, refetch } = useThreadPage(subject, after);
  useCaseUpdates(refetch);
  const lastId = page?.nodes.at(-1)?.id;
  useEffect(() => {
    if (lastId) onShown(lastId);
  }, [lastId, onShown]);
  return (
    <>
      <ErrorNotice error={error} title="Later messages could not be loaded" />
      <MessagePage subject={subject} page={page} onShown={onShown} />
    </>
  );
}

/**
 * Marks the thread read up to the latest message shown, whenever it is shown with unread ones;
 * answers the refusal, if the graph refuses.
 */
function useMarkReadWhenShown(subject: CaseSubject, unreadCount: number, shownUpTo: string | null, refetch: () => unknown): unknown {
  const client = useApolloClient();
  const [markRead, { error }] = useMutation(MARK_CASE_READ);
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (unreadCount === 0 || !shownUpTo || marked.current === shownUpTo) return;
    marked.current = shownUpTo;
    markRead({ variables: { subject: { type: subject.type, id: subject.id }, upTo: shownUpTo } })
      .then(() => Promise.all([refetch(), client.refetchQueries({ include: INBOX_QUERIES })]))
      .catch(() => undefined); // The mutation's error state shows the refusal.
  }, [subject.type, subject.id, unreadCount, shownUpTo, markRead, refetch, client]);
  return error;
}

/** Says when messages of others arrive while the thread is open (not for the ones there when it opened). */
function useAnnounceArrivals(unreadCount: number, shownUpTo: string | null): void {
  const announce = useAnnounce();
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!shownUpTo || seen.current === shownUpTo) return;
    const opened = seen.current !== null;
    seen.current = shownUpTo;
    if (opened && unreadCount > 0) announce(unreadCount === 1 ? 'A new message in the thread.' : `${unreadCount} new messages in the thread.`);
  }, [unreadCount, shownUpTo, announce]);
}

/**
 * The case thread of an entry summary or an application: the messages the viewer may see,
 * oldest first (internal notes marked for CBP), its unread count in the heading, and a form to
 * write in it. `headingLevel` fits the heading into the page around it.
 */
export function CaseThreadPanel({ subject, headingId, headingLevel = 2 }: { subject: CaseSubject; headingId: string; headingLevel?: 2 | 3 | 4 }) {
  const cbp = isCbp(useViewer());
  const { thread, error, loading, refetch } = useThread(subject);
  useCaseUpdates(refetch);
  const [laterShownUpTo, setLaterShownUpTo] = useState<string | null>(null);
  const onLaterShown = useCallback((lastId: string) => setLaterShownUpTo((shown) => later(shown, lastId)), []);
  const page = thread?.messages;
  const firstPageUpTo = page?.nodes.at(-1)?.id ?? null;
  const shownUpTo = laterShownUpTo && firstPageUpTo ? later(firstPageUpTo, laterShownUpTo) : firstPageUpTo;
  const unread = thread?.unreadCount ?? 0;
  useAnnounceArrivals(unread, shownUpTo);
  const markError = useMarkReadWhenShown(subject, unread, shownUpTo, refetch);
  const Heading = `h${headingLevel}` as const;

  return (
    <>
      <Heading id={headingId}>
        Messages{unread > 0 ? <span className="count"> ({unread} unread)</span> : null}
      </Heading>
      <ErrorNotice error={error} title="The messages could not be loaded" />
      <ErrorNotice error={markError} title="The thread could not be marked read" />
      {loading && !page ? <p className="loading">Loading the messages…</p> : null}
      {page && page.nodes.length === 0 ? <p>No messages yet. Write to {cbp ? 'the importer' : 'the Center'} below.</p> : null}
      <MessagePage subject={subject} page={page} onShown={onLaterShown} label="Messages, oldest first" />
      <MessageForm subject={subject} onPosted={() => void refetch()} />
    </>
  );
}

/** Writing to the thread: the text, for CBP whether it is an internal note, and documents of the case to attach. */
function MessageForm({ subject, onPosted }: { subject: CaseSubject; onPosted: () => void }) {
  const viewer = useViewer();
  const cbp = isCbp(viewer);
  const announce = useAnnounce();
  const client = useApolloClient();
  const ids = { text: useId(), internal: useId() };
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [attached, setAttached] = useState<string[]>([]);
  const { documents } = useCaseDocuments(subject);
  const [post, { loading, error, reset }] = useMutation(POST_CASE_MESSAGE);

  const toggle = (documentId: string, on: boolean) => setAttached((chosen) => (on ? [...chosen, documentId] : chosen.filter((item) => item !== documentId)));
  const submit = submitHandler(async () => {
    reset();
    await post({ variables: { input: { subject: { type: subject.type, id: subject.id }, text, internal, documentIds: attached } } });
    announce(internal ? 'Internal note saved.' : 'Message sent.');
    setText('');
    setInternal(false);
    setAttached([]);
    onPosted();
    void client.refetchQueries({ include: INBOX_QUERIES });
  });
  const button = internal ? 'Save the internal note' : 'Send the message';

  return (
    <form className="form message-form" onSubmit={submit} aria-label="Write to the thread">
      <label htmlFor={ids.text}>{cbp ? 'Message to the importer, or internal note' : 'Message to the Center'}</label>
      <textarea id={ids.text} rows={4} value={text} onChange={(event) => setText(event.target.value)} required />
      {cbp ? (
        <label className="checkbox" htmlFor={ids.internal}>
          <input id={ids.internal} type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} />
          Internal note (CBP only)
        </label>
      ) : null}
      <fieldset className="attach">
        <legend>Attach documents of this {subject.type === 'ENTRY_SUMMARY' ? 'filing' : CASE_NOUNS[subject.type]}</legend>
        {documents.length === 0 ? (
          <p className="hint">No documents yet; upload them under Documents, then attach them here.</p>
        ) : (
          documents.map((document) => (
            <label className="checkbox" key={document.id}>
              <input type="checkbox" checked={attached.includes(document.id)} onChange={(event) => toggle(document.id, event.target.checked)} />
              {document.fileName} <span className="hint">({label(document.kind)})</span>
            </label>
          ))
        )}
      </fieldset>
      <div>
        <button type="submit" disabled={loading}>
          {loading ? `${button}…` : button}
        </button>
      </div>
      <ErrorNotice error={error} title={internal ? 'The note was not saved' : 'The message was not sent'} />
    </form>
  );
}
