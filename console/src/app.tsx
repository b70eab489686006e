import { ApolloProvider } from '@apollo/client';
import { lazy, type ReactNode, Suspense } from 'react';
import { clientFor, type LiveState, useLiveState } from './apollo-client';
import { LiveAnnouncer } from './components/live-region';
import { Loading } from './components/page';
import { humanize } from './format';
import { homeOf } from './home';
import { useCenterName } from './hooks/use-center-name';
import { CentersPage } from './pages/centers.page';
import { FileEntrySummaryPage } from './pages/file-entry-summary.page';
import { FilingPage } from './pages/filing.page';
import { FilingsPage } from './pages/filings.page';
import { hasInbox, InboxPage, useInboxCount } from './pages/inbox.page';
import { LocatePage } from './pages/locate.page';
import { MyOnboardingPage } from './pages/my-onboarding.page';
import { NoticesPage } from './pages/notices.page';
import { NotFoundPage } from './pages/not-found.page';
import { OnboardingBoardPage } from './pages/onboarding-board.page';
import { ReviewQueuePage } from './pages/review-queue.page';
import { SearchPage } from './pages/search.page';
import { SignInPage } from './pages/sign-in.page';
import { keepsDirectory, StaffAdminPage } from './pages/staff-admin.page';
import { Link, matchRoute, Redirect, useLocation } from './router';
import { isCbp, isStaff, type Viewer, useSession } from './session';

/** The overview carries the charting library, which no other page needs: it loads when first visited. */
const CenterOverviewPage = lazy(() => import('./pages/center-overview.page').then((module) => ({ default: module.CenterOverviewPage })));

type Audience = 'anyone' | 'signed-in' | 'importer' | 'cbp' | 'onboarding-deciders' | 'inbox-holders' | 'directory-keepers';

interface Route {
  path: string;
  audience: Audience;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { path: 'centers', audience: 'anyone', render: () => <CentersPage /> },
  { path: 'locate', audience: 'anyone', render: () => <LocatePage /> },
  { path: 'notices', audience: 'anyone', render: () => <NoticesPage /> },
  { path: 'sign-in', audience: 'anyone', render: () => <SignInPage /> },
  { path: 'queue', audience: 'cbp', render: () => <ReviewQueuePage /> },
  { path: 'filings', audience: 'signed-in', render: () => <FilingsPage /> },
  { path: 'filings/:id', audience: 'signed-in', render: ({ id }) => <FilingPage key={id} id={id!} /> },
  { path: 'search', audience: 'signed-in', render: () => <SearchPage /> },
  { path: 'file', audience: 'importer', render: () => <FileEntrySummaryPage /> },
  { path: 'onboarding', audience: 'importer', render: () => <MyOnboardingPage /> },
  { path: 'onboarding-board', audience: 'onboarding-deciders', render: () => <OnboardingBoardPage /> },
  {
    path: 'overview',
    audience: 'cbp',
    render: () => (
      <Suspense fallback={<Loading what="the overview" />}>
        <CenterOverviewPage />
      </Suspense>
    ),
  },
  { path: 'inbox', audience: 'inbox-holders', render: () => <InboxPage /> },
  { path: 'staff', audience: 'directory-keepers', render: () => <StaffAdminPage /> },
];

function admits(audience: Audience, viewer: Viewer | null): boolean {
  switch (audience) {
    case 'anyone':
      return true;
    case 'signed-in':
      return !!viewer;
    case 'importer':
      return viewer?.role === 'IMPORTER';
    case 'cbp':
      return isCbp(viewer);
    case 'onboarding-deciders':
      return viewer?.role === 'ADMIN' || isStaff(viewer);
    case 'inbox-holders':
      return hasInbox(viewer);
    case 'directory-keepers':
      return keepsDirectory(viewer);
  }
}

/** The navigation for the viewer; `inboxCount` (what waits in the inbox) goes into the Inbox entry's words when known. */
function navigationOf(viewer: Viewer | null, inboxCount: string | null): Array<{ to: string; text: string }> {
  const everyone = [
    { to: 'centers', text: 'Centers' },
    { to: 'locate', text: 'Find my Center' },
    { to: 'notices', text: 'Notices' },
  ];
  if (!viewer) return everyone;
  const inbox = { to: 'inbox', text: inboxCount && inboxCount !== '0' ? `Inbox (${inboxCount})` : 'Inbox' };
  if (viewer.role === 'IMPORTER') {
    return [{ to: 'filings', text: 'My filings' }, { to: 'search', text: 'Search' }, inbox, { to: 'file', text: 'File a summary' }, { to: 'onboarding', text: 'Participation' }, ...everyone];
  }
  return [
    { to: 'queue', text: 'Review queue' },
    inbox,
    { to: 'filings', text: 'Filings' },
    { to: 'search', text: 'Search' },
    { to: 'onboarding-board', text: 'Onboarding board' },
    { to: 'overview', text: 'Center overview' },
    ...(keepsDirectory(viewer) ? [{ to: 'staff', text: 'Staff and contacts' }] : []),
    ...everyone,
  ];
}

const LIVE_WORDS: Record<LiveState, string> = {
  off: 'Live updates after sign-in',
  connecting: 'Live updates: connecting',
  connected: 'Live updates: on',
  reconnecting: 'Live updates: reconnecting',
  refused: 'Live updates: refused (sign in again)',
};

function Header({ live }: { live: LiveState }) {
  const { viewer, signOut } = useSession();
  const { path } = useLocation();
  const centerName = useCenterName(viewer?.centerId);
  const inboxCount = useInboxCount(viewer);
  return (
    <header className="site-header">
      <div className="site-title">
        <Link to={homeOf(viewer)} className="brand">
          CEE Hub <span>Centers of Excellence and Expertise</span>
        </Link>
        <div className="who">
          {viewer ? (
            <>
              <span>
                Signed in as <strong>{viewer.name ?? viewer.email}</strong> ({humanize(viewer.role)}
                {centerName ? `, ${centerName}` : ''})
              </span>
              <span className={`live live-${live}`}>{LIVE_WORDS[live]}</span>
              <button type="button" className="button-secondary" onClick={() => signOut()}>
                Sign out
              </button>
            </>
          ) : (
            <Link to="sign-in" className="button">
              Sign in
            </Link>
          )}
        </div>
      </div>
      <nav aria-label="Main">
        <ul>
          {navigationOf(viewer, inboxCount).map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={path === item.to || path.startsWith(`${item.to}/`) ? 'page' : undefined}>
                {item.text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function Routes() {
  const { viewer } = useSession();
  const { path } = useLocation();
  if (path === '') return <Redirect to={homeOf(viewer)} />;
  for (const route of ROUTES) {
    const params = matchRoute(route.path, path);
    if (!params) continue;
    if (admits(route.audience, viewer)) return <>{route.render(params)}</>;
    // Signed out (or signed in as someone this page is not for): sign in, then come back.
    return viewer ? <NotFoundPage reason="This page is not for your role." /> : <Redirect to={`sign-in?next=${encodeURIComponent(path)}`} />;
  }
  return <NotFoundPage />;
}

/** The console: one Apollo Client per signed-in person, a header with navigation, and the page for the address. */
export function App() {
  const { viewer } = useSession();
  const live = useLiveState();
  const client = clientFor(viewer?.token ?? null);

  return (
    <ApolloProvider client={client}>
      <LiveAnnouncer>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Header live={live} />
        <main id="main" tabIndex={-1}>
          <Routes />
        </main>
        <footer className="site-footer">
          <p>
            CEE Hub console. The graph answers at <code>/graphql</code>.
          </p>
        </footer>
      </LiveAnnouncer>
    </ApolloProvider>
  );
}
