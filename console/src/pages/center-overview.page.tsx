import { type QueryResult, useQuery } from '@apollo/client';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ColumnHeadings, numeric } from '../components/column-headings';
import { ErrorNotice } from '../components/error-notice';
import { LabelledSelect } from '../components/labelled-select';
import { Loading, Page } from '../components/page';
import { RankedTable, TopHeadingsChart, WeeklyChart } from '../components/statistics-charts';
import { formatDate, formatDollars, formatDuration, label, todayLocalDate } from '../format';
import { CENTER_STATISTICS, CENTERS_STATISTICS, NATIONAL_STATISTICS } from '../graphql/center-overview.operations';
import { type ConsoleCentersStatisticsQuery, type ConsoleCentersStatisticsQueryVariables, type StatisticsDetailFragment, StatisticsProcessing } from '../graphql/generated/graphql';
import { useCenterName } from '../hooks/use-center-name';
import { PERIOD_PRESETS, type Period, presetOf } from '../period';
import { enumParam, Link, replaceParams, useLocation } from '../router';
import { useViewer } from '../session';

const PROCESSING_CHOICES = Object.values(StatisticsProcessing);
const PROCESSING_WORDS: Record<StatisticsProcessing, string> = {
  CENTER: 'The Centers',
  PORT: 'The ports',
  ALL: 'Centers and ports',
};
const CUSTOM_PERIOD = 'custom';

/** Seconds as the overview writes a duration; the graph gives null where nothing was measured. */
function seconds(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatDuration(value * 1000);
}

/**
 * The Centers at a glance over a period: filings by status, the review steps open now with their
 * SLA breaches, how long decisions take, information requests, the largest headings, importers,
 * ports and countries, and who worked the filings. Every figure is the graph's statistics.
 * Admins see the national figures (Centers, ports or both) and every Center side by side; staff
 * their own Center.
 */
export function CenterOverviewPage() {
  const viewer = useViewer();
  const admin = viewer.role === 'ADMIN';
  const { search } = useLocation();
  const today = todayLocalDate();
  const fallback = PERIOD_PRESETS[0]!.period(today);
  const period: Period = { from: search.get('from') || fallback.from, to: search.get('to') || fallback.to };
  const processing = enumParam(search, 'processing', PROCESSING_CHOICES, StatisticsProcessing.Center);

  const national = useQuery(NATIONAL_STATISTICS, { skip: !admin, variables: { ...period, processing } });
  const perCenter = useQuery(CENTERS_STATISTICS, { skip: !admin, variables: period });
  const own = useQuery(CENTER_STATISTICS, { skip: admin || !viewer.centerId, variables: { id: viewer.centerId ?? '', ...period } });
  const ownCenterName = useCenterName(viewer.centerId);

  const statistics = admin ? national.data?.statistics : own.data?.center?.statistics;
  const error = admin ? national.error : own.error;
  const loading = admin ? national.loading : own.loading;
  const title = admin ? 'Center overview' : `${ownCenterName} overview`;
  const refresh = () => {
    if (admin) {
      void national.refetch();
      void perCenter.refetch();
    } else void own.refetch();
  };

  return (
    <Page
      title={title}
      intro={
        <p>
          The entry summaries filed in the period (UTC days, both ends counted), as the graph counts them: by status, time to decision, information requests and the largest headings,
          importers, ports and countries. Open steps are those open now, whatever the period.
        </p>
      }
    >
      <PeriodForm
        key={`${period.from}:${period.to}`}
        period={period}
        today={today}
        onChange={(next) => replaceParams('overview', search, { from: next.from, to: next.to })}
        extra={
          admin ? (
            <LabelledSelect
              id="overview-processing"
              label="Filings processed by"
              value={processing}
              onChange={(value) => replaceParams('overview', search, { processing: value })}
              options={PROCESSING_CHOICES.map((value) => ({ value, label: PROCESSING_WORDS[value] }))}
            />
          ) : null
        }
        onRefresh={refresh}
      />
      <ErrorNotice error={error} title="The overview could not be loaded" />
      {loading && !statistics ? <Loading what="the overview" /> : null}
      {statistics ? (
        <StatisticsSections
          statistics={statistics}
          scope={admin ? `${PROCESSING_WORDS[processing]}, ${formatDate(statistics.from)} to ${formatDate(statistics.to)}` : `${formatDate(statistics.from)} to ${formatDate(statistics.to)}`}
          compared={admin ? <CentersCompared query={perCenter} /> : null}
        />
      ) : null}
    </Page>
  );
}

/** The choice of period: a preset, or dates of one's own sent with "Show". The graph refuses dates out of order or over 5 years, in its words. */
function PeriodForm({ period, today, onChange, extra, onRefresh }: { period: Period; today: string; onChange: (period: Period) => void; extra: ReactNode; onRefresh: () => void }) {
  const [draft, setDraft] = useState(period);
  const preset = presetOf(period, today);
  const choosePreset = (id: string) => {
    const chosen = PERIOD_PRESETS.find((candidate) => candidate.id === id);
    if (chosen) onChange(chosen.period(today));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to) onChange(draft);
  };
  return (
    <form className="toolbar" onSubmit={submit} aria-label="Period and filings counted">
      <LabelledSelect
        id="overview-period"
        label="Period"
        value={preset?.id ?? CUSTOM_PERIOD}
        onChange={choosePreset}
        options={[...PERIOD_PRESETS.map((candidate) => ({ value: candidate.id, label: candidate.label })), { value: CUSTOM_PERIOD, label: 'Dates of your choice' }]}
      />
      <label htmlFor="overview-from">From</label>
      <input id="overview-from" type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} required />
      <label htmlFor="overview-to">To</label>
      <input id="overview-to" type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} required />
      <button type="submit">Show the period</button>
      {extra}
      <button type="button" className="button-secondary" onClick={onRefresh}>
        Refresh now
      </button>
    </form>
  );
}

/** Every section of one FilingStatistics; `scope` says whose filings and which period, for the captions; `compared` (the admins' Centers side by side) follows the totals. */
function StatisticsSections({ statistics, scope, compared }: { statistics: StatisticsDetailFragment; scope: string; compared: ReactNode }) {
  const requests = statistics.informationRequests;
  return (
    <>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">Filings by status</h2>
        <table>
          <caption>Filings by the status they are in now: {scope}</caption>
          <ColumnHeadings columns={['Status', numeric('Filings'), numeric('Entered value'), numeric('Duty')]} />
          <tbody>
            {statistics.byStatus.map((row) => (
              <tr key={row.status}>
                <th scope="row">{label(row.status)}</th>
                <td className="number">{row.filings}</td>
                <td className="number">{formatDollars(row.enteredValue)}</td>
                <td className="number">{formatDollars(row.duty)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All filings</th>
              <td className="number" data-figure="total-filings">
                {statistics.totals.filings}
              </td>
              <td className="number">{formatDollars(statistics.totals.enteredValue)}</td>
              <td className="number">{formatDollars(statistics.totals.duty)}</td>
            </tr>
          </tfoot>
        </table>
      </section>

      {compared}

      <section aria-labelledby="weekly-heading">
        <h2 id="weekly-heading">Week by week</h2>
        <WeeklyChart weeks={statistics.weekly} />
      </section>

      <section aria-labelledby="open-steps-heading">
        <h2 id="open-steps-heading">Open review steps</h2>
        <p className="hint">The steps waiting in the staff queues now. A breach is a step past its due time; escalated steps went to the supervisors.</p>
        <table>
          <caption>Open review steps per queue</caption>
          <ColumnHeadings columns={['Step', numeric('Open'), numeric('Past their SLA'), numeric('Escalated'), numeric('Due within 24 h')]} />
          <tbody>
            {statistics.openSteps.map((row) => (
              <tr key={row.step}>
                <th scope="row">{label(row.step)}</th>
                <td className="number">{row.open}</td>
                <td className={`number${row.breached > 0 ? ' sla-overdue' : ''}`}>{row.breached}</td>
                <td className="number">{row.escalated}</td>
                <td className="number">{row.dueWithin24Hours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="decision-times-heading">
        <h2 id="decision-times-heading">Time to decision</h2>
        <p className="hint">From filing to the first acceptance or rejection. Staff decisions are those on filings someone at CBP claimed; automatic acceptances are low-risk filings nobody claimed.</p>
        <table>
          <caption>Time from filing to decision: {scope}</caption>
          <ColumnHeadings columns={['Decided by', numeric('Decisions'), numeric('Median'), numeric('90th percentile')]} />
          <tbody>
            {(
              [
                ['Staff', statistics.staffDecisionTimes],
                ['Automatic acceptance', statistics.automaticAcceptanceTimes],
              ] as const
            ).map(([who, times]) => (
              <tr key={who}>
                <th scope="row">{who}</th>
                <td className="number">{times.count}</td>
                <td className="number">{seconds(times.p50Seconds)}</td>
                <td className="number">{seconds(times.p90Seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Information requests, notices and returns</h2>
        <table>
          <caption>CF-28 requests for information and CF-29 notices of action</caption>
          <ColumnHeadings columns={['Form', numeric('Sent'), numeric('Answered'), numeric('Median response time')]} />
          <tbody>
            <tr>
              <th scope="row">CF-28 request for information</th>
              <td className="number">{requests.cf28Issued}</td>
              <td className="number">{requests.cf28Answered}</td>
              <td className="number">{seconds(requests.cf28MedianResponseSeconds)}</td>
            </tr>
            <tr>
              <th scope="row">CF-29 notice of action</th>
              <td className="number">{requests.cf29Issued}</td>
              <td className="number">{requests.cf29Responded}</td>
              <td className="number">{seconds(requests.cf29MedianResponseSeconds)}</td>
            </tr>
          </tbody>
        </table>
        <dl className="facts">
          <dt>Returned to the filer</dt>
          <dd>{requests.returned}</dd>
          <dt>Corrected after a return</dt>
          <dd>{requests.corrected}</dd>
        </dl>
      </section>

      <section aria-labelledby="largest-heading">
        <h2 id="largest-heading">The largest by entered value</h2>
        <TopHeadingsChart headings={statistics.topHeadings} />
        <div className="two-columns">
          <div>
            {statistics.topImporters.length === 0 ? (
              <p>Top importers: none in the period.</p>
            ) : (
              <table>
                <caption>Top importers</caption>
                <ColumnHeadings columns={['Importer', numeric('Filings'), numeric('Entered value'), numeric('Duty')]} />
                <tbody>
                  {statistics.topImporters.map((row) => (
                    <tr key={row.importer.id}>
                      <th scope="row">{row.importer.name}</th>
                      <td className="number">{row.filings}</td>
                      <td className="number">{formatDollars(row.enteredValue)}</td>
                      <td className="number">{formatDollars(row.duty)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div>
            <RankedTable caption="Top ports of entry" keyHeading="Port" rows={statistics.topPortsOfEntry} />
          </div>
          <div>
            <RankedTable caption="Top countries of origin" keyHeading="Country" rows={statistics.topCountriesOfOrigin} />
          </div>
        </div>
      </section>

      <section aria-labelledby="workload-heading">
        <h2 id="workload-heading">Workload</h2>
        {statistics.workload.length === 0 ? (
          <p>Nobody at CBP worked the period&apos;s filings yet.</p>
        ) : (
          <table>
            <caption>Work on the period&apos;s filings per person at CBP, most decisions first</caption>
            <ColumnHeadings columns={['Staff member', 'Role', numeric('Steps claimed'), numeric('Decisions'), numeric('Median time on a step')]} />
            <tbody>
              {statistics.workload.map((row) => (
                <tr key={`${row.staffEmail}:${row.role}`}>
                  <th scope="row">{row.staffEmail}</th>
                  <td>{label(row.role)}</td>
                  <td className="number">{row.claimed}</td>
                  <td className="number">{row.decided}</td>
                  <td className="number">{seconds(row.medianStepSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** The admins' table of every Center over the same period: one request, a few figures each. */
function CentersCompared({ query }: { query: QueryResult<ConsoleCentersStatisticsQuery, ConsoleCentersStatisticsQueryVariables> }) {
  const centers = query.data?.centers;
  return (
    <section aria-labelledby="centers-heading">
      <h2 id="centers-heading">The Centers side by side</h2>
      <ErrorNotice error={query.error} title="The Centers' figures could not be loaded" />
      {query.loading && !centers ? <Loading what="the Centers' figures" /> : null}
      {centers ? (
        <table>
          <caption>Each Center&apos;s filings of the period, open steps and time to decision</caption>
          <ColumnHeadings
            columns={['Center', numeric('Filings'), numeric('Entered value'), numeric('Duty'), numeric('Open steps'), numeric('Past their SLA'), numeric('Median staff decision'), numeric('Accepted automatically')]}
          />
          <tbody>
            {centers.map((center) => {
              const figures = center.statistics;
              return (
                <tr key={center.id} data-center={center.id}>
                  <th scope="row">
                    <Link to={`queue?center=${encodeURIComponent(center.id)}`}>{center.name}</Link>
                  </th>
                  <td className="number">{figures.totals.filings}</td>
                  <td className="number">{formatDollars(figures.totals.enteredValue)}</td>
                  <td className="number">{formatDollars(figures.totals.duty)}</td>
                  <td className="number">{figures.openSteps.reduce((sum, step) => sum + step.open, 0)}</td>
                  <td className="number">{figures.openSteps.reduce((sum, step) => sum + step.breached, 0)}</td>
                  <td className="number">{seconds(figures.staffDecisionTimes.p50Seconds)}</td>
                  <td className="number">{figures.automaticAcceptanceTimes.count}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
