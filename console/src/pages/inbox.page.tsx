import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { useCaseUpdates } from '../hooks/use-case-updates';
import { ColumnHeadings, numeric } from '../components/column-headings';
import { ErrorNotice } from '../components/error-notice';
import { CenterSelect } from '../components/labelled-select';
import { Loading, Page } from '../components/page';
import { formatDateTime, formatDuration } from '../format';
import { IMPORTER_INBOX, IMPORTER_INBOX_COUNT, MESSAGES_PER_PAGE, STAFF_INBOX, STAFF_INBOX_COUNT } from '../graphql/case-messages.operations';
import type { ConsoleImporterInboxQuery, ConsoleStaffInboxQuery, ImporterInboxReason } from '../graphql/generated/graphql';
import { useNow } from '../hooks/use-now';
import { Link, replaceParams, useLocation } from '../router';
import { isCbp, useViewer, type Viewer } from '../session';
import { PageNavigation } from '../components/page-navigation';

const STAFF_PAGE_SIZE = 25;
/** The graph lists at most this many items of an importer's inbox (with how many there are in all). */
const IMPORTER_ITEMS = 100;

/** Why something waits for the importer, in words. */
const REASONS: Record<ImporterInboxReason, string> = {
  CF28_REQUEST: 'Request for information (CF-28) to answer',
  CF29_NOTICE: 'Notice of action (CF-29) to respond to',
  RETURNED_SUMMARY: 'Entry summary returned for correction',
  ONBOARDING_QUESTION: 'Question on your application',
  UNANSWERED_MESSAGE: 'Message from CBP to answer',
};

/** Whether the viewer has an inbox: Center staff and admins the threads waiting for CBP, importers what waits for them. */
export function hasInbox(viewer: Viewer | null): boolean {
  return isCbp(viewer) || viewer?.role === 'IMPORTER';
}

/**
 * How many threads wait for the viewer (CBP) or things for the importer, for the navigation:
 * one small query, not cached so it never stands in for the inbox page's own. Null while unknown.
 */
export function useInboxCount(viewer: Viewer | null): string | null {
  const importer = viewer?.role === 'IMPORTER';
  const staff = useQuery(STAFF_INBOX_COUNT, { variables: { first: MESSAGES_PER_PAGE }, skip: !isCbp(viewer), fetchPolicy: 'no-cache' });
  const own = useQuery(IMPORTER_INBOX_COUNT, { skip: !importer, fetchPolicy: 'no-cache' });
  useCaseUpdates(() => (importer ? own.refetch() : staff.refetch()), !hasInbox(viewer));
  if (importer) return own.data ? String(own.data.importerInbox.totalCount) : null;
  const page = staff.data?.staffInbox;
  if (!page) return null;
  return page.pageInfo.hasNextPage ? `${page.nodes.length}+` : String(page.nodes.length);
}

/** The inbox: for CBP the case threads waiting for the Center's answer, for an importer what waits for it. */
export function InboxPage() {
  const viewer = useViewer();
  return viewer.role === 'IMPORTER' ? <ImporterInbox /> : <StaffInbox admin={viewer.role === 'ADMIN'} />;
}

type StaffThread = ConsoleStaffInboxQuery['staffInbox']['nodes'][number];

/** Where a waiting thread is answered: its filing's page, or the onboarding board for an application. */
function StaffCase({ thread, admin }: { thread: StaffThread; admin: boolean }) {
  if (thread.entrySummary) return <Link to={`filings/${thread.entrySummary.id}`}>{thread.entrySummary.entryNumber}</Link>;
  const centerId = thread.onboarding?.center?.id;
  return <Link to={admin && centerId ? `onboarding-board?center=${centerId}` : 'onboarding-board'}>Application of {thread.onboarding?.importer.name ?? 'an importer'}</Link>;
}

function StaffInbox({ admin }: { admin: boolean }) {
  const { search } = useLocation();
  const now = useNow();
  const centerId = admin ? search.get('center') || null : null;
  /** Cursors of the pages before this one, so "Previous page" can go back. */
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const inbox = useQuery(STAFF_INBOX, { variables: { first: STAFF_PAGE_SIZE, after, centerId } });
  useCaseUpdates(inbox.refetch);
  const page = inbox.data?.staffInbox;

  const chooseCenter = (value: string) => {
    setCursors([null]);
    replaceParams('inbox', search, { center: value });
  };

  return (
    <Page title="Inbox" intro={<p>Case threads waiting for {admin ? 'a' : 'your'} Center&apos;s answer: the trade wrote last. Oldest waiting first; kept current as messages arrive.</p>}>
      {admin ? (
        <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Narrow the inbox">
          <CenterSelect id="inbox-center" label="Center" value={centerId ?? ''} onChange={chooseCenter} first={{ value: '', label: 'Every Center' }} />
        </form>
      ) : null}
      <ErrorNotice error={inbox.error} title="The inbox could not be loaded" />
      {inbox.loading && !page ? <Loading what="the inbox" /> : null}
      {page && page.nodes.length === 0 ? <p>Nothing waits for an answer.</p> : null}
      {page && page.nodes.length > 0 ? (
        <>
          <table>
            <caption className="visually-hidden">Threads waiting for the Center, oldest waiting first</caption>
            <ColumnHeadings columns={['Case', 'Importer', 'Waiting since', numeric('Waiting'), numeric('Unread'), 'Latest message']} />
            <tbody>
              {page.nodes.map((thread) => (
                <tr key={`${thread.subject.type}:${thread.subject.id}`}>
                  <td>
                    <StaffCase thread={thread} admin={admin} />
                  </td>
                  <td>{thread.entrySummary?.importer?.name ?? thread.onboarding?.importer.name ?? '—'}</td>
                  <td>{formatDateTime(thread.waitingSince)}</td>
                  <td className="number">{thread.waitingSince ? formatDuration(now - Date.parse(thread.waitingSince)) : '—'}</td>
                  <td className="number">{thread.unreadCount}</td>
                  <td>{formatDateTime(thread.lastMessageAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PageNavigation label="Pages of the inbox" cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
        </>
      ) : null}
    </Page>
  );
}

type ImporterItem = ConsoleImporterInboxQuery['importerInbox']['items'][number];

function ImporterCase({ item }: { item: ImporterItem }) {
  if (item.entrySummary) return <Link to={`filings/${item.entrySummary.id}`}>{item.entrySummary.entryNumber}</Link>;
  return <Link to="onboarding">Your application{item.onboarding ? ` to ${item.onboarding.chosenCenter.name}` : ''}</Link>;
}

function ImporterInbox() {
  const inbox = useQuery(IMPORTER_INBOX, { variables: { first: IMPORTER_ITEMS } });
  useCaseUpdates(inbox.refetch);
  const found = inbox.data?.importerInbox;
  return (
    <Page title="Inbox" intro={<p>What waits for your answer, soonest due first; kept current as messages arrive.</p>}>
      <ErrorNotice error={inbox.error} title="The inbox could not be loaded" />
      {inbox.loading && !found ? <Loading what="the inbox" /> : null}
      {found && found.items.length === 0 ? <p>Nothing waits for you.</p> : null}
      {found && found.items.length > 0 ? (
        <>
          <table>
            <caption className="visually-hidden">What waits for you, soonest due first</caption>
            <ColumnHeadings columns={['Waiting for you', 'Case', 'Due', 'Since', numeric('Unread messages')]} />
            <tbody>
              {found.items.map((item) => (
                <tr key={`${item.reason}:${item.subject.type}:${item.subject.id}`}>
                  <td>{REASONS[item.reason]}</td>
                  <td>
                    <ImporterCase item={item} />
                  </td>
                  <td>{item.dueAt ? formatDateTime(item.dueAt) : 'No deadline'}</td>
                  <td>{formatDateTime(item.since)}</td>
                  <td className="number">{item.caseThread.unreadCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {found.totalCount > found.items.length ? <p className="hint">Showing the {found.items.length} due soonest of {found.totalCount}.</p> : null}
        </>
      ) : null}
    </Page>
  );
}
