import { useQuery } from '@apollo/client';
import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { FilingTable } from '../components/filing-table';
import { CenterSelect, enumOptions, LabelledSelect, type SelectOption } from '../components/labelled-select';
import { useAnnounce } from '../components/live-region';
import { Loading, Page } from '../components/page';
import { downloadFilingsCsv } from '../export-csv';
import { type FilingSearchFilter, FilingSearchOrder, FilingStatus, SlaState } from '../graphql/generated/graphql';
import { SEARCH_FILINGS } from '../graphql/search.operations';
import { useNow } from '../hooks/use-now';
import { navigate, useLocation } from '../router';
import { CBP_REVIEW_STEPS, searchFieldsOf, searchOf } from '../search-filter';
import { useViewer, type Viewer } from '../session';
import { PageNavigation } from '../components/page-navigation';

const PAGE_SIZE = 25;
const ORDER_WORDS: Record<FilingSearchOrder, string> = {
  NEWEST_FIRST: 'Newest first',
  DUE_FIRST: 'Due soonest first',
};

type Draft = Record<string, string>;

function draftOf(params: URLSearchParams): Draft {
  return Object.fromEntries(params.entries());
}

/**
 * Searches the filings the viewer may see by any of the graph's filter fields, page by page,
 * and exports the same search as CSV. The search lives in the address, so it can be bookmarked
 * and shared, and the export's query parameters are the same as the page's.
 */
export function SearchPage() {
  const viewer = useViewer();
  const { search } = useLocation();
  const applied = searchOf(search, viewer);
  const key = search.toString();
  return (
    <Page title="Search filings" intro={<p>Every field given must match. Leave a field empty to not narrow by it. The export gives every filing the search matches, not only the page shown.</p>}>
      <SearchForm key={key} viewer={viewer} initial={draftOf(search)} />
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Results</h2>
        <ExportButton key={`export:${key}`} viewer={viewer} filter={applied.filter} orderBy={applied.orderBy} />
        <SearchResults key={`results:${key}`} filter={applied.filter} orderBy={applied.orderBy} showCenter={viewer.role !== 'IMPORTER'} />
      </section>
    </Page>
  );
}

function TextField({ id, label, hint, value, onChange, ...input }: { id: string; label: string; hint?: string; value: string; onChange: (value: string) => void; type?: string; inputMode?: 'numeric' | 'decimal'; size?: number; min?: number; step?: string }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? `${id}-help` : undefined} {...input} />
      {hint ? (
        <p className="hint" id={`${id}-help`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Choice({ id, label, value, onChange, options, any }: { id: string; label: string; value: string; onChange: (value: string) => void; options: SelectOption[]; any: string }) {
  return (
    <div>
      <LabelledSelect id={id} label={label} value={value} onChange={onChange} options={[{ value: '', label: any }, ...options]} />
    </div>
  );
}

function SearchForm({ viewer, initial }: { viewer: Viewer; initial: Draft }) {
  const { cbp, admin, orders } = searchFieldsOf(viewer);
  const [draft, setDraft] = useState<Draft>(initial);
  const field = (name: string) => ({ id: `search-${name}`, value: draft[name] ?? '', onChange: (value: string) => setDraft({ ...draft, [name]: value }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) if (value.trim()) params.set(name, value.trim());
    navigate(`search?${params}`, { replace: true });
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Search filings">
      <div className="field-row">
        <TextField {...field('entryNumberPrefix')} label="Entry number starts with" hint="With or without hyphens: ABC-12 or ABC12." size={16} />
        <TextField {...field('importer')} label="Importer number or name" hint="An importer of record number, or the start of a name." />
        <TextField {...field('filerCode')} label="Filer code" hint="Three characters." size={5} />
      </div>
      <div className="field-row">
        <TextField {...field('htsPrefix')} label="HTS number starts with" hint="Chapter, heading, subheading, 8 or 10 digits: 85, 8542, 8542.31." size={14} />
        <TextField {...field('countryOfOrigin')} label="Country of origin" hint="Two letters (ISO 3166); with an HTS number, on the same line." size={4} />
        <TextField {...field('portOfEntry')} label="Port of entry" hint="Four-digit Schedule D code." inputMode="numeric" size={6} />
      </div>
      <div className="field-row">
        <Choice {...field('status')} label="Status" any="Any status" options={enumOptions(Object.values(FilingStatus))} />
        {cbp ? <Choice {...field('reviewStep')} label="Review step" any="Any step" options={enumOptions(CBP_REVIEW_STEPS)} /> : null}
        {cbp ? <Choice {...field('slaState')} label="SLA state" any="Any SLA state" options={enumOptions(Object.values(SlaState))} /> : null}
        {admin ? <Choice {...field('processing')} label="Processed by" any="Centers and ports" options={[{ value: 'CENTER', label: 'A Center' }, { value: 'PORT', label: 'The port of entry' }]} /> : null}
        {admin ? (
          <div>
            <CenterSelect {...field('centerId')} label="Center" first={{ value: '', label: 'Any Center' }} />
          </div>
        ) : null}
      </div>
      <div className="field-row">
        <TextField {...field('filedFrom')} label="Filed from" type="date" />
        <TextField {...field('filedTo')} label="Filed to" type="date" />
        <TextField {...field('entryDateFrom')} label="Entry date from" type="date" />
        <TextField {...field('entryDateTo')} label="Entry date to" type="date" />
      </div>
      <div className="field-row">
        <TextField {...field('minEnteredValue')} label="Entered value at least (USD)" type="number" min={0} step="0.01" />
        <TextField {...field('maxEnteredValue')} label="Entered value at most (USD)" type="number" min={0} step="0.01" />
        {orders.length > 1 ? (
          <div>
            <LabelledSelect {...field('orderBy')} value={draft.orderBy || FilingSearchOrder.NewestFirst} label="Order" options={orders.map((order) => ({ value: order, label: ORDER_WORDS[order] }))} />
          </div>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit">Search</button>
        <button type="button" className="button-secondary" onClick={() => navigate('search', { replace: true })}>
          Clear the fields
        </button>
      </div>
    </form>
  );
}

/** The CSV of the search shown; the gateway may refuse it (too many rows, a field out of bounds), in its words. */
function ExportButton({ viewer, filter, orderBy }: { viewer: Viewer; filter: FilingSearchFilter; orderBy: FilingSearchOrder }) {
  const announce = useAnnounce();
  const [exporting, setExporting] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const exportCsv = () => {
    setExporting(true);
    setRefusal(null);
    downloadFilingsCsv(viewer.token, filter, orderBy)
      .then(() => announce('The CSV export is downloaded.'))
      .catch((error: unknown) => setRefusal(error))
      .finally(() => setExporting(false));
  };
  return (
    <div className="toolbar">
      <button type="button" className="button-secondary" onClick={exportCsv} disabled={exporting}>
        {exporting ? 'Exporting…' : 'Export CSV'}
      </button>
      <ErrorNotice error={refusal} title="The export was refused" />
    </div>
  );
}

function SearchResults({ filter, orderBy, showCenter }: { filter: FilingSearchFilter; orderBy: FilingSearchOrder; showCenter: boolean }) {
  const now = useNow();
  /** Cursors of the pages before this one, so "Previous page" can go back. */
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const result = useQuery(SEARCH_FILINGS, { variables: { filter, first: PAGE_SIZE, after, orderBy } });
  const page = result.data?.searchFilings;
  const total = page ? `${page.totalCount.isExact ? '' : 'about '}${page.totalCount.value} filing(s)` : '';
  return (
    <>
      <ErrorNotice error={result.error} title="The search was refused" />
      {result.loading && !page ? <Loading what="the results" /> : null}
      {page ? (
        <>
          <p role="status">{page.totalCount.value === 0 ? 'No filing matches.' : `${total} match.`}</p>
          {page.nodes.length > 0 ? (
            <>
              <FilingTable filings={page.nodes} caption={`${total}; ${ORDER_WORDS[orderBy].toLowerCase()}; page ${cursors.length}`} now={now} showCenter={showCenter} />
              <PageNavigation label="Pages of results" cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
