import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { CloseNoticeForm, PublishNoticeForm } from '../components/notice-admin';
import { Loading, Page } from '../components/page';
import { formatDate, humanize } from '../format';
import { NOTICES } from '../graphql/directory.operations';
import { Link } from '../router';
import { useSession } from '../session';

/**
 * Federal Register notices that open volunteering; an importer signed in can volunteer from here,
 * and a CBP admin publishes notices and closes open ones.
 */
export function NoticesPage() {
  const { viewer } = useSession();
  const admin = viewer?.role === 'ADMIN';
  const [openOnly, setOpenOnly] = useState(true);
  const { data, loading, error } = useQuery(NOTICES, { variables: { open: openOnly ? true : null } });
  return (
    <Page title="Federal Register notices" intro={<p>While a notice is open, eligible importers may volunteer for one of the Centers it names.</p>}>
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={openOnly} onChange={(event) => setOpenOnly(event.target.checked)} /> Only notices open now
        </label>
      </div>
      <ErrorNotice error={error} title="The notices could not be loaded" />
      {loading && !data ? <Loading what="the notices" /> : null}
      {data && data.federalRegisterNotices.length === 0 ? <p>No notice is open now.</p> : null}
      <ul className="card-list" aria-label="Notices">
        {data?.federalRegisterNotices.map((notice) => (
          <li key={notice.id} className="card" aria-labelledby={`notice-${notice.id}`}>
            <h2 id={`notice-${notice.id}`}>
              {notice.citation}: {notice.title}
            </h2>
            <p>
              <span className={`badge ${notice.isOpen ? 'badge-active' : 'badge-closed'}`}>{notice.isOpen ? 'Open' : 'Closed'}</span> Published {formatDate(notice.publishedOn)}; volunteering from{' '}
              {formatDate(notice.opensOn)} {notice.closesOn ? `to ${formatDate(notice.closesOn)}` : '(no closing date)'}
            </p>
            <p>
              <strong>Who may volunteer:</strong> {notice.eligibility.description}. C-TPAT tiers {notice.eligibility.qualifyingCtpatTiers.map(humanize).join(', ') || 'none'}
              {notice.eligibility.isaQualifies ? '; ISA membership qualifies' : ''}
              {notice.eligibility.aceAccountRequired ? '; an ACE portal account is required' : ''}.
            </p>
            <p>
              <strong>Centers:</strong> {notice.centers.map((center) => center.name).join(', ')}
            </p>
            {notice.note ? <p className="hint">{notice.note}</p> : null}
            {notice.isOpen && viewer?.role === 'IMPORTER' ? (
              <p>
                <Link to={`onboarding?notice=${encodeURIComponent(notice.id)}`}>Volunteer under {notice.citation}</Link>
              </p>
            ) : null}
            {notice.isOpen && admin ? <CloseNoticeForm notice={notice} /> : null}
          </li>
        ))}
      </ul>
      {admin ? <PublishNoticeForm /> : null}
    </Page>
  );
}
