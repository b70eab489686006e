import { formatDateTime, formatDollars, label } from '../format';
import type { FilingRowFragment } from '../graphql/generated/graphql';
import { Link } from '../router';
import { ColumnHeadings, numeric } from './column-headings';
import { SlaState, StatusBadge } from './status';

/** Filings as a table: each entry number links to its page; due dates and SLA state when in review. */
export function FilingTable({ filings, caption, now, highlight, showCenter = true }: { filings: FilingRowFragment[]; caption: string; now: number; highlight?: ReadonlySet<string>; showCenter?: boolean }) {
  return (
    <table className="filing-table">
      <caption>{caption}</caption>
      <ColumnHeadings columns={['Entry number', 'Importer', showCenter && 'Processed by', 'Status', 'Review step', 'Claimed by', 'Due', 'SLA', numeric('Entered value'), 'Filed']} />
      <tbody>
        {filings.map((filing) => (
          <tr key={filing.id} className={highlight?.has(filing.id) ? 'row-new' : undefined} data-entry-number={filing.entryNumber}>
            <th scope="row">
              <Link to={`filings/${filing.id}`}>{filing.entryNumber}</Link>
              {highlight?.has(filing.id) ? <span className="badge badge-new">New</span> : null}
            </th>
            <td>{filing.importer?.name ?? '—'}</td>
            {showCenter ? <td>{filing.processingCenter?.name ?? 'Port of entry'}</td> : null}
            <td>
              <StatusBadge status={filing.status} />
            </td>
            <td>{filing.review ? label(filing.review.step) : '—'}</td>
            <td>{filing.review?.claimedBy?.email ?? '—'}</td>
            <td>{formatDateTime(filing.review?.stepDueAt ?? filing.review?.responseDueAt)}</td>
            <td>
              <SlaState review={filing.review} now={now} />
            </td>
            <td className="number">{formatDollars(filing.totalEnteredValue)}</td>
            <td>{formatDateTime(filing.filedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
