import { useQuery } from '@apollo/client';
import { CaseThreadPanel } from '../components/case-thread-panel';
import { ColumnHeadings, numeric } from '../components/column-headings';
import { DocumentsPanel } from '../components/documents-panel';
import { ErrorNotice } from '../components/error-notice';
import { useAnnounce } from '../components/live-region';
import { Loading, Page } from '../components/page';
import { SlaState, StatusBadge } from '../components/status';
import { formatDate, formatDateTime, formatDollars, humanize, label } from '../format';
import { FILING } from '../graphql/filings.operations';
import type { FilingDetailFragment, FilingRowFragment } from '../graphql/generated/graphql';
import { useRefetchOnFilingUpdates } from '../hooks/use-filing-updates';
import { useNow } from '../hooks/use-now';
import { useViewer } from '../session';
import { ImporterActions, StaffActions } from '../components/filing-actions';

/** The role the graph gives the trade for whoever at CBP acted (instead of staff emails and roles). */
const CBP_ROLE = 'CBP';

const who = (participant: NonNullable<FilingRowFragment['review']>['claimedBy'] | undefined) => {
  if (!participant) return '—';
  return participant.role === CBP_ROLE ? 'CBP' : `${participant.email ?? participant.id} (${humanize(participant.role)})`;
};

/** One filing: its facts, lines and totals, review, documents, case thread, event history, and the actions open to the viewer, kept current live. */
export function FilingPage({ id }: { id: string }) {
  const viewer = useViewer();
  const announce = useAnnounce();
  const { data, loading, error, refetch } = useQuery(FILING, { variables: { id } });
  const filing = data?.filing;

  const latest = useRefetchOnFilingUpdates({
    filter: filing ? { entryNumber: filing.entryNumber } : undefined,
    skip: !filing,
    refetch: () => void refetch(),
    onUpdate: (update) => announce(`${update.filing.entryNumber} updated: ${humanize(update.type)} by ${update.actor}; now ${humanize(update.toStatus)}.`),
  });

  if (!filing) {
    return (
      <Page title="Entry summary">
        <ErrorNotice error={error} title="The entry summary could not be loaded" />
        {loading ? <Loading what="the entry summary" /> : null}
      </Page>
    );
  }
  return (
    <Page title={`Entry summary ${filing.entryNumber}`} actions={<StatusBadge status={filing.status} />}>
      <ErrorNotice error={error} title="Part of the entry summary could not be loaded" />
      <p className="live-line">
        {latest ? `Latest update ${formatDateTime(latest.occurredAt)}: ${humanize(latest.type)} by ${latest.actor}` : 'This page follows the filing live.'}
      </p>
      <div className="two-columns">
        <section aria-labelledby="facts-heading" className="panel">
          <h2 id="facts-heading">Filing</h2>
          <FilingFacts filing={filing} />
        </section>
        <section aria-labelledby="review-heading" className="panel">
          <h2 id="review-heading">Review</h2>
          <ReviewFacts filing={filing} />
        </section>
      </div>
      <section aria-labelledby="actions-heading" className="panel actions-panel">
        <h2 id="actions-heading">What you can do</h2>
        {viewer.role === 'IMPORTER' ? <ImporterActions filing={filing} /> : <StaffActions filing={filing} />}
        {(filing.review?.availableActions.length ?? 0) === 0 ? (
          <p>{filing.review ? `No action is open to you at step ${humanize(filing.review.step)}.` : 'The review has not started yet; this page updates when it does.'}</p>
        ) : null}
      </section>
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        <table>
          <caption className="visually-hidden">Lines of {filing.entryNumber} with totals</caption>
          <ColumnHeadings columns={['Line', 'HTS number', 'Country of origin', numeric('Entered value'), numeric('Duty rate'), numeric('Duty')]} />
          <tbody>
            {filing.lines.map((line) => (
              <tr key={line.lineNumber}>
                <td>{line.lineNumber}</td>
                <td>{line.htsNumber}</td>
                <td>{line.countryOfOrigin}</td>
                <td className="number">{formatDollars(line.enteredValue)}</td>
                <td className="number">{line.dutyRate}%</td>
                <td className="number">{formatDollars(line.duty)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Totals
              </th>
              <td className="number">{formatDollars(filing.totalEnteredValue)}</td>
              <td />
              <td className="number">{formatDollars(filing.totalDuty)}</td>
            </tr>
          </tfoot>
        </table>
      </section>
      <section aria-labelledby="documents-heading" className="panel">
        <h2 id="documents-heading">Documents</h2>
        <DocumentsPanel subject={{ type: 'ENTRY_SUMMARY', id: filing.id }} />
      </section>
      <section aria-labelledby="messages-heading" className="panel">
        <CaseThreadPanel subject={{ type: 'ENTRY_SUMMARY', id: filing.id }} headingId="messages-heading" />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <table>
          <caption className="visually-hidden">Events of {filing.entryNumber}, oldest first</caption>
          <ColumnHeadings columns={['When', 'What', 'Status', 'Who', 'Note']} />
          <tbody>
            {filing.events.map((event) => (
              <tr key={event.id}>
                <td>{formatDateTime(event.occurredAt)}</td>
                <td>{label(event.type)}</td>
                <td>{event.fromStatus && event.fromStatus !== event.toStatus ? `${humanize(event.fromStatus)} → ${humanize(event.toStatus)}` : humanize(event.toStatus)}</td>
                <td>
                  {/* The trade sees CBP as its office ("CBP — Electronics Center"): no role to add. */}
                  {event.actor}
                  {event.actorRole === CBP_ROLE ? null : <span className="hint"> ({humanize(event.actorRole)})</span>}
                </td>
                <td>{event.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Page>
  );
}

function FilingFacts({ filing }: { filing: FilingDetailFragment }) {
  return (
    <dl className="facts">
      <dt>Importer</dt>
      <dd>{filing.importer ? `${filing.importer.name} (${filing.importer.importerNumber})` : '—'}</dd>
      <dt>Processed by</dt>
      <dd>{filing.processingLocation.kind === 'CENTER' ? filing.processingLocation.center?.name : `Port ${filing.processingLocation.port}`}</dd>
      <dt>Entry type</dt>
      <dd>
        {filing.entryType} ({filing.entryTypeDescription})
      </dd>
      <dt>Filer code</dt>
      <dd>{filing.filerCode}</dd>
      <dt>Port of entry</dt>
      <dd>{filing.portOfEntry}</dd>
      <dt>Entry date</dt>
      <dd>{formatDate(filing.entryDate)}</dd>
      <dt>Release date</dt>
      <dd>{formatDate(filing.releaseDate)}</dd>
      <dt>Filed</dt>
      <dd>{formatDateTime(filing.filedAt)}</dd>
      <dt>Total entered value</dt>
      <dd>{formatDollars(filing.totalEnteredValue)}</dd>
      <dt>Total duty</dt>
      <dd>{formatDollars(filing.totalDuty)}</dd>
    </dl>
  );
}

function ReviewFacts({ filing }: { filing: FilingDetailFragment }) {
  const now = useNow();
  const review = filing.review;
  if (!review) return <p>Not recorded yet: the review workflow records its first step a moment after filing.</p>;
  const pending = review.pendingAction;
  const staffView = review.workflowId !== null;
  return (
    <dl className="facts">
      <dt>Step</dt>
      <dd>{label(review.step)}</dd>
      <dt>SLA</dt>
      <dd>
        <SlaState review={review} now={now} />
      </dd>
      {/* The graph leaves CBP's bookkeeping (due time, claim, version, workflow) null for the trade. */}
      {staffView ? (
        <>
          <dt>Step due</dt>
          <dd>{formatDateTime(review.stepDueAt)}</dd>
          <dt>Claimed by</dt>
          <dd>{who(review.claimedBy)}</dd>
        </>
      ) : null}
      {review.risk ? (
        <>
          <dt>Risk</dt>
          <dd>
            Score {review.risk.score}
            {review.risk.lowRisk ? ' (low risk)' : ''}
            {review.risk.reasons.length > 0 ? `: ${review.risk.reasons.join('; ')}` : ''}
          </dd>
        </>
      ) : null}
      {pending ? (
        <>
          <dt>Pending</dt>
          <dd>
            {pending.kind === 'CF28' ? 'Request for information (CF-28)' : pending.kind === 'CF29' ? `Notice of action (CF-29), ${humanize(pending.changeKind)} change` : 'Proposed rejection'}: {pending.details}
            <br />
            Proposed by {who(pending.proposedBy)}
            {pending.signedOffBy ? `; signed off by ${who(pending.signedOffBy)}` : ''}
          </dd>
          {pending.response ? (
            <>
              <dt>Importer&apos;s reply</dt>
              <dd>
                {pending.response} <span className="hint">({formatDateTime(pending.respondedAt)})</span>
              </dd>
            </>
          ) : null}
        </>
      ) : null}
      {review.responseDueAt ? (
        <>
          <dt>Importer&apos;s reply due</dt>
          <dd>{formatDateTime(review.responseDueAt)}</dd>
        </>
      ) : null}
      {review.liquidationDate ? (
        <>
          <dt>Liquidation</dt>
          <dd>{formatDate(review.liquidationDate)}</dd>
        </>
      ) : null}
      {staffView ? (
        <>
          <dt>Version</dt>
          <dd>{review.version}</dd>
          <dt>Workflow</dt>
          <dd>
            <code>{review.workflowId}</code>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
