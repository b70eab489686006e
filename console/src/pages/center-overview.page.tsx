import { useQuery } from '@apollo/client';
import { ColumnHeadings, numeric } from '../components/column-headings';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Page } from '../components/page';
import { formatDateTime, formatDuration } from '../format';
import { ALL_CENTERS_STATUS_COUNTS, CENTER_PROCESSING, CENTER_STATUS_COUNTS } from '../graphql/center-overview.operations';
import type { DecidedFilingsFragment, OpenStepsFragment, StatusCountsFragment } from '../graphql/generated/graphql';
import { useCenterName } from '../hooks/use-center-name';
import { useNow } from '../hooks/use-now';
import { Link } from '../router';
import { useViewer } from '../session';

const STATUS_COLUMNS: Array<[keyof Omit<StatusCountsFragment, 'id' | 'name'>, string]> = [
  ['filed', 'Filed'],
  ['underReview', 'Under review'],
  ['returned', 'Returned'],
  ['accepted', 'Accepted'],
  ['rejected', 'Rejected'],
  ['liquidated', 'Liquidated'],
  ['all', 'All'],
];
type DecidedFiling = DecidedFilingsFragment['nodes'][number];
type OpenStep = OpenStepsFragment['nodes'][number];

const DUE_SOON_MS = 24 * 3600 * 1000;

/**
 * The Centers at a glance: filings by status, the review steps open now with their SLA
 * breaches, and how long decisions take. Admins see every Center, staff their own.
 */
export function CenterOverviewPage() {
  const viewer = useViewer();
  const admin = viewer.role === 'ADMIN';
  const all = useQuery(ALL_CENTERS_STATUS_COUNTS, { skip: !admin, pollInterval: 30_000 });
  const own = useQuery(CENTER_STATUS_COUNTS, { skip: admin || !viewer.centerId, variables: { id: viewer.centerId ?? '' }, pollInterval: 30_000 });
  const ownCenterName = useCenterName(viewer.centerId);
  const rows = admin ? all.data?.centers : own.data ? [own.data.center] : undefined;
  const error = admin ? all.error : own.error;
  return (
    <Page
      title={admin ? 'Center overview' : `${ownCenterName} overview`}
      intro={<p>Where the entry summaries of each Center stand, the review steps past their SLA, and how long a decision takes. Refreshes every 30 seconds.</p>}
    >
      <ErrorNotice error={error} title="The overview could not be loaded" />
      {!rows && !error ? <Loading what="the overview" /> : null}
      {rows ? (
        <>
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">Filings by status</h2>
            <table>
              <caption className="visually-hidden">Number of filings of each Center by status</caption>
              <ColumnHeadings columns={['Center', ...STATUS_COLUMNS.map(([, title]) => numeric(title))]} />
              <tbody>
                {rows.map((center) => (
                  <tr key={center.id}>
                    <th scope="row">{center.name}</th>
                    {STATUS_COLUMNS.map(([key]) => (
                      <td key={key} className="number">
                        {center[key].totalCount}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {rows.length > 1 ? (
                <tfoot>
                  <tr>
                    <th scope="row">All Centers</th>
                    {STATUS_COLUMNS.map(([key]) => (
                      <td key={key} className="number">
                        {rows.reduce((sum, center) => sum + center[key].totalCount, 0)}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              ) : null}
            </table>
          </section>
          <section aria-labelledby="processing-heading">
            <h2 id="processing-heading">Review and processing times</h2>
            <p className="hint">
              Open steps are those waiting in the entry specialist, import specialist and supervisor queues; a breach is a step past its due time (escalated to the supervisors). Decision
              time runs from filing to acceptance or rejection, over each Center&apos;s 100 newest accepted, liquidated and rejected filings.
            </p>
            <table>
              <caption className="visually-hidden">Open review steps, SLA breaches and time to decision by Center</caption>
              <ColumnHeadings
                columns={[
                  'Center',
                  numeric('Open steps'),
                  numeric('SLA breaches'),
                  numeric('Due within 24 h'),
                  'Next due',
                  numeric('Decided'),
                  numeric('Accepted automatically'),
                  numeric('Median time to decision'),
                  numeric('90th percentile'),
                ]}
              />
              <tbody>
                {rows.map((center) => (
                  <ProcessingRow key={center.id} centerId={center.id} name={center.name} />
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
    </Page>
  );
}

function percentile(sorted: number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** Time from filing to the decision (acceptance or rejection) of each decided filing, and who decided. */
export function decisionTimes(filings: DecidedFiling[]): { sortedMs: number[]; automatic: number } {
  const sortedMs: number[] = [];
  let automatic = 0;
  for (const filing of filings) {
    const decision = filing.events.find((event) => event.toStatus === 'ACCEPTED' || event.toStatus === 'REJECTED');
    if (!decision) continue;
    sortedMs.push(Math.max(Date.parse(decision.occurredAt) - Date.parse(filing.filedAt), 0));
    if (decision.actorRole === 'SYSTEM') automatic += 1;
  }
  return { sortedMs: sortedMs.sort((a, b) => a - b), automatic };
}

function openSteps(queues: Array<{ nodes: OpenStep[] }>): OpenStep[] {
  const byId = new Map<string, OpenStep>();
  for (const queue of queues) for (const node of queue.nodes) byId.set(node.id, node);
  return [...byId.values()];
}

function ProcessingRow({ centerId, name }: { centerId: string; name: string }) {
  const now = useNow();
  const { data, error } = useQuery(CENTER_PROCESSING, { variables: { id: centerId, first: 100 }, pollInterval: 30_000 });
  if (!data) {
    return (
      <tr>
        <th scope="row">{name}</th>
        <td colSpan={8}>{error ? <ErrorNotice error={error} title="Not available" /> : 'Loading…'}</td>
      </tr>
    );
  }
  const open = openSteps([data.entry, data.import, data.supervisor]);
  const due = open.map((step) => ({ step, dueAt: step.review?.stepDueAt ? Date.parse(step.review.stepDueAt) : null }));
  const breaches = due.filter(({ step, dueAt }) => step.review?.escalated || (dueAt !== null && dueAt <= now)).length;
  const dueSoon = due.filter(({ step, dueAt }) => !step.review?.escalated && dueAt !== null && dueAt > now && dueAt - now < DUE_SOON_MS).length;
  const nextDue = due.filter(({ dueAt }) => dueAt !== null && dueAt > now).sort((a, b) => a.dueAt! - b.dueAt!)[0];
  const decided = decisionTimes([...data.center.accepted.nodes, ...data.center.liquidated.nodes, ...data.center.rejected.nodes]);
  const median = percentile(decided.sortedMs, 0.5);
  const p90 = percentile(decided.sortedMs, 0.9);
  return (
    <tr>
      <th scope="row">
        <Link to={`queue?center=${encodeURIComponent(centerId)}`}>{name}</Link>
      </th>
      <td className="number">{open.length}</td>
      <td className={`number${breaches > 0 ? ' sla-overdue' : ''}`}>{breaches}</td>
      <td className="number">{dueSoon}</td>
      <td>{nextDue ? formatDateTime(new Date(nextDue.dueAt!).toISOString()) : '—'}</td>
      <td className="number">{decided.sortedMs.length}</td>
      <td className="number">{decided.automatic}</td>
      <td className="number">{median === null ? '—' : formatDuration(median)}</td>
      <td className="number">{p90 === null ? '—' : formatDuration(p90)}</td>
    </tr>
  );
}
