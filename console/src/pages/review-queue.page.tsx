import { useQuery } from '@apollo/client';
import { useEffect, useRef, useState } from 'react';
import { CenterSelect, enumOptions, LabelledSelect } from '../components/labelled-select';
import { ErrorNotice } from '../components/error-notice';
import { FilingTable } from '../components/filing-table';
import { Loading, Page } from '../components/page';
import { useAnnounce } from '../components/live-region';
import { humanize, label } from '../format';
import { CENTERS } from '../graphql/directory.operations';
import { REVIEW_QUEUE } from '../graphql/filings.operations';
import { ReviewQueueRole } from '../graphql/generated/graphql';
import { useRefetchOnFilingUpdates } from '../hooks/use-filing-updates';
import { useCenterName } from '../hooks/use-center-name';
import { useNow } from '../hooks/use-now';
import { enumParam, replaceParams, useLocation } from '../router';
import { useViewer } from '../session';

/** The port-processed filings, which CBP admins review, as the Center picker's value. */
const PORTS = 'PORTS';
const REVIEW_QUEUE_ROLES = Object.values(ReviewQueueRole);

/**
 * The review queue of a Center by role, soonest due first, kept current by the filing
 * subscription: a new filing, a claim or a decision elsewhere shows without a reload.
 */
export function ReviewQueuePage() {
  const viewer = useViewer();
  const { search } = useLocation();
  const announce = useAnnounce();
  const now = useNow();
  const admin = viewer.role === 'ADMIN';
  const ownRole = REVIEW_QUEUE_ROLES.includes(viewer.role as ReviewQueueRole) ? (viewer.role as ReviewQueueRole) : 'ENTRY_SPECIALIST';
  const role = enumParam(search, 'role', REVIEW_QUEUE_ROLES, ownRole);
  const centerChoice = admin ? (search.get('center') ?? PORTS) : (viewer.centerId ?? '');
  const centers = useQuery(CENTERS, { skip: !admin });
  const ownCenterName = useCenterName(viewer.centerId);

  const queue = useQuery(REVIEW_QUEUE, {
    variables: { role, centerId: admin ? (centerChoice === PORTS ? null : centerChoice) : viewer.centerId, first: 100 },
    notifyOnNetworkStatusChange: true,
  });
  /** Which queue is shown; rows are new only against an earlier answer for the same queue. */
  const queueKey = `${role}:${centerChoice}`;
  const [fresh, setFresh] = useState<{ queueKey: string; ids: ReadonlySet<string> }>({ queueKey, ids: new Set() });
  const seen = useRef<{ queueKey: string; ids: Set<string> } | null>(null);

  // Rows that were not there at the previous answer are marked and announced as new.
  const nodes = queue.data?.reviewQueue.nodes;
  useEffect(() => {
    if (!nodes) return;
    const previous = seen.current;
    seen.current = { queueKey, ids: new Set(nodes.map((node) => node.id)) };
    if (previous?.queueKey !== queueKey) return;
    const added = nodes.filter((node) => !previous.ids.has(node.id));
    if (added.length === 0) return;
    setFresh({ queueKey, ids: new Set(added.map((node) => node.id)) });
    announce(`New in the queue: ${added.map((node) => node.entryNumber).join(', ')}`);
  }, [nodes, queueKey, announce]);
  const highlight = fresh.queueKey === queueKey ? fresh.ids : new Set<string>();

  const latest = useRefetchOnFilingUpdates({
    // Admins receive every Center's events; one Center's queue needs only that Center's.
    filter: admin && centerChoice !== PORTS ? { centerId: centerChoice } : undefined,
    refetch: () => void queue.refetch(),
  });

  // Both choices always have a value (a role; a Center or the ports), so none is ever removed.
  const choose = (key: 'role' | 'center', value: string) => replaceParams('queue', search, { [key]: value });

  const where = admin ? (centerChoice === PORTS ? 'filings processed by the ports' : (centers.data?.centers.find((c) => c.id === centerChoice)?.name ?? centerChoice)) : ownCenterName;
  return (
    <Page title="Review queue" intro={<p>Entry summaries waiting at the steps a role works, soonest due first. The list follows new filings and decisions as they happen.</p>}>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Which queue">
        <LabelledSelect id="queue-role" label="Role" value={role} onChange={(value) => choose('role', value)} options={enumOptions(REVIEW_QUEUE_ROLES)} />
        {admin ? (
          <CenterSelect id="queue-center" label="Center" value={centerChoice} onChange={(value) => choose('center', value)} first={{ value: PORTS, label: 'Ports (reviewed by CBP admins)' }} />
        ) : null}
        <button type="button" className="button-secondary" onClick={() => void queue.refetch()}>
          Refresh now
        </button>
      </form>
      <p className="live-line">
        {latest ? `Latest update: ${latest.filing.entryNumber} ${humanize(latest.type)} (${humanize(latest.toStatus)})` : 'Waiting for updates…'}
      </p>
      <ErrorNotice error={queue.error} title="The queue could not be loaded" />
      {queue.loading && !queue.data ? <Loading what="the queue" /> : null}
      {queue.data ? (
        queue.data.reviewQueue.nodes.length === 0 ? (
          <p>Nothing is waiting for the {humanize(role)} role at {where}.</p>
        ) : (
          <FilingTable filings={queue.data.reviewQueue.nodes} caption={`${label(role)} queue: ${where}`} now={now} highlight={highlight} showCenter={admin} />
        )
      ) : null}
      {queue.data?.reviewQueue.pageInfo.hasNextPage ? <p className="hint">Showing the 100 due soonest.</p> : null}
    </Page>
  );
}
