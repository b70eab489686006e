import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { CenterSelect, enumOptions, LabelledSelect } from '../components/labelled-select';
import { ErrorNotice } from '../components/error-notice';
import { FilingTable } from '../components/filing-table';
import { useAnnounce } from '../components/live-region';
import { Loading, Page } from '../components/page';
import { humanize } from '../format';
import { FILINGS } from '../graphql/filings.operations';
import { FilingStatus } from '../graphql/generated/graphql';
import { useRefetchOnFilingUpdates } from '../hooks/use-filing-updates';
import { useCenterName } from '../hooks/use-center-name';
import { useNow } from '../hooks/use-now';
import { enumParam, Link, replaceParams, useLocation } from '../router';
import { useViewer } from '../session';
import { PageNavigation } from '../components/page-navigation';

const PAGE_SIZE = 25;
/** In the schema's order, which is the order of a filing's life. */
const FILING_STATUSES = Object.values(FilingStatus);

/**
 * Filings the viewer may see, newest first, kept current live: an importer its own, staff
 * their Center's, admins every Center's.
 */
export function FilingsPage() {
  const viewer = useViewer();
  const { search } = useLocation();
  const announce = useAnnounce();
  const now = useNow();
  const admin = viewer.role === 'ADMIN';
  const status = enumParam(search, 'status', FILING_STATUSES, null);
  const centerId = admin ? search.get('center') || null : null;
  /** Cursors of the pages before this one, so "Previous page" can go back. */
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const ownCenterName = useCenterName(viewer.centerId);
  const filings = useQuery(FILINGS, { variables: { filter: { status, centerId }, first: PAGE_SIZE, after } });
  const latest = useRefetchOnFilingUpdates({
    filter: centerId ? { centerId } : undefined,
    refetch: () => void filings.refetch(),
    onUpdate: (update) => announce(`${update.filing.entryNumber}: ${humanize(update.type)}, now ${humanize(update.toStatus)}`),
  });

  const choose = (key: string, value: string) => {
    setCursors([null]);
    replaceParams('filings', search, { [key]: value });
  };

  const title = viewer.role === 'IMPORTER' ? 'Your filings' : viewer.role === 'ADMIN' ? 'Filings' : `Filings of ${ownCenterName}`;
  const page = filings.data?.filings;
  return (
    <Page title={title} actions={viewer.role === 'IMPORTER' ? <Link to="file" className="button">File an entry summary</Link> : null}>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Narrow the filings">
        <LabelledSelect
          id="filings-status"
          label="Status"
          value={status ?? ''}
          onChange={(value) => choose('status', value)}
          options={[{ value: '', label: 'Any status' }, ...enumOptions(FILING_STATUSES)]}
        />
        {admin ? (
          <CenterSelect id="filings-center" label="Center" value={centerId ?? ''} onChange={(value) => choose('center', value)} first={{ value: '', label: 'Every Center and port' }} />
        ) : null}
      </form>
      <p className="live-line">{latest ? `Latest update: ${latest.filing.entryNumber} ${humanize(latest.type)} (${humanize(latest.toStatus)})` : 'Following updates live.'}</p>
      <ErrorNotice error={filings.error} title="The filings could not be loaded" />
      {filings.loading && !page ? <Loading what="the filings" /> : null}
      {page ? (
        page.nodes.length === 0 ? (
          <p>No filings{status ? ` with status ${humanize(status)}` : ''} yet.</p>
        ) : (
          <>
            <FilingTable filings={page.nodes} caption={`${page.totalCount} filing(s)${status ? `, ${humanize(status)}` : ''}; newest first`} now={now} />
            <PageNavigation label="Pages of filings" cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
          </>
        )
      ) : null}
    </Page>
  );
}
