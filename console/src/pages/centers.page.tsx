import { useLazyQuery, useQuery } from '@apollo/client';
import { ColumnHeadings } from '../components/column-headings';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Page } from '../components/page';
import { formatDate, label } from '../format';
import { CENTER_COVERAGE, CENTERS } from '../graphql/directory.operations';
import type { ConsoleCentersQuery } from '../graphql/generated/graphql';
import { Link } from '../router';

/** The ten Centers with their contacts and status; each one's HTS coverage on request. */
export function CentersPage() {
  const { data, loading, error } = useQuery(CENTERS);
  return (
    <Page
      title="The Centers of Excellence and Expertise"
      intro={
        <p>
          Ten industry Centers process the entry summaries of the importers that participate in them. Not sure which one covers your goods?{' '}
          <Link to="locate">Find your Center by HTS number</Link>.
        </p>
      }
    >
      <ErrorNotice error={error} title="The Centers could not be loaded" />
      {loading && !data ? <Loading what="the Centers" /> : null}
      <ul className="card-list" aria-label="Centers">
        {data?.centers.map((center) => <CenterCard key={center.id} center={center} />)}
      </ul>
    </Page>
  );
}

function CenterCard({ center }: { center: ConsoleCentersQuery['centers'][number] }) {
  const [loadCoverage, coverage] = useLazyQuery(CENTER_COVERAGE);
  const { address } = center.contact;
  return (
    <li className="card" aria-labelledby={`center-${center.id}`}>
      <h2 id={`center-${center.id}`}>{center.name}</h2>
      <p>
        <span className={`badge badge-${center.status.toLowerCase()}`}>{label(center.status)}</span> Managed from {center.managementCity}
        {center.openedOn ? `, announced ${formatDate(center.openedOn)}` : ''}
      </p>
      <dl className="facts">
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${center.contact.email}`}>{center.contact.email}</a>
        </dd>
        <dt>Phone</dt>
        <dd>
          <a href={`tel:${center.contact.phone.replace(/[^+\d]/g, '')}`}>{center.contact.phone}</a>
        </dd>
        <dt>Address</dt>
        <dd>
          {address.street}, {address.city}, {address.state} {address.postalCode}
        </dd>
        <dt>Hours</dt>
        <dd>{center.contact.hours}</dd>
      </dl>
      <details onToggle={(event) => (event.currentTarget.open && !coverage.called ? void loadCoverage({ variables: { id: center.id } }) : undefined)}>
        <summary>HTS coverage of {center.name}</summary>
        <ErrorNotice error={coverage.error} title="The coverage could not be loaded" />
        {coverage.loading ? <Loading what="the coverage" /> : null}
        {coverage.data ? (
          <table>
            <caption className="visually-hidden">HTS headings {center.name} covers today</caption>
            <ColumnHeadings columns={['Headings', 'Basis', 'Since', 'Source']} />
            <tbody>
              {coverage.data.center.coverage.map((range) => (
                <tr key={range.id}>
                  <td>{range.firstHeading === range.lastHeading ? range.firstHeading : `${range.firstHeading}–${range.lastHeading}`}</td>
                  <td>{label(range.basis)}</td>
                  <td>{formatDate(range.effectiveFrom)}</td>
                  <td>{range.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </details>
    </li>
  );
}
