import { useMutation } from '@apollo/client';
import { useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { draftLine, LinesEditor, linesInput, type DraftLine } from '../components/lines-editor';
import { Page } from '../components/page';
import { todayLocalDate } from '../format';
import { FILE_ENTRY_SUMMARY } from '../graphql/filings.operations';
import { navigate } from '../router';
import { submitHandler } from '../submit-handler';

/** Common entry types (CBP Form 7501 block 2); the graph accepts the other 0x/1x/2x codes too. */
const ENTRY_TYPES = [
  ['01', 'Consumption'],
  ['02', 'Consumption, quota/visa'],
  ['03', 'Consumption, antidumping/countervailing duty'],
  ['06', 'Consumption, foreign trade zone'],
  ['11', 'Informal'],
  ['21', 'Warehouse'],
] as const;

/** An importer files an entry summary (CBP Form 7501) for itself; its review starts at once. */
export function FileEntrySummaryPage() {
  const [entryNumber, setEntryNumber] = useState('');
  const [entryType, setEntryType] = useState('01');
  const [portOfEntry, setPortOfEntry] = useState('');
  const [entryDate, setEntryDate] = useState(todayLocalDate);
  const [releaseDate, setReleaseDate] = useState('');
  const [lines, setLines] = useState<DraftLine[]>(() => [draftLine()]);
  const [file, { loading, error, reset }] = useMutation(FILE_ENTRY_SUMMARY);

  // A refusal names every problem at once, below the form.
  const submit = submitHandler(async () => {
    reset();
    const { data } = await file({
      variables: { input: { entryNumber: entryNumber.trim(), entryType, portOfEntry: portOfEntry.trim(), entryDate, releaseDate: releaseDate || null, lines: linesInput(lines) } },
    });
    if (data) navigate(`filings/${data.fileEntrySummary.id}`);
  });

  return (
    <Page
      title="File an entry summary"
      intro={<p>The entry summary is due within 10 working days after entry (19 CFR 142.12(b)). The graph checks everything at once and names each problem.</p>}
    >
      <form onSubmit={submit} className="form">
        <div className="field-row">
          <div>
            <label htmlFor="file-entry-number">Entry number</label>
            <input id="file-entry-number" value={entryNumber} onChange={(event) => setEntryNumber(event.target.value)} placeholder="ABC-1234567-6" aria-describedby="file-entry-number-help" required />
            <p className="hint" id="file-entry-number-help">
              Filer code, seven digits and the check digit.
            </p>
          </div>
          <div>
            <label htmlFor="file-entry-type">Entry type</label>
            <select id="file-entry-type" value={entryType} onChange={(event) => setEntryType(event.target.value)}>
              {ENTRY_TYPES.map(([code, name]) => (
                <option key={code} value={code}>
                  {code} {name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="file-port">Port of entry</label>
            <input id="file-port" value={portOfEntry} onChange={(event) => setPortOfEntry(event.target.value)} placeholder="2704" inputMode="numeric" size={6} aria-describedby="file-port-help" required />
            <p className="hint" id="file-port-help">
              Four-digit Schedule D code.
            </p>
          </div>
          <div>
            <label htmlFor="file-entry-date">Entry date</label>
            <input id="file-entry-date" type="date" value={entryDate} onChange={(event) => setEntryDate(event.target.value)} required />
          </div>
          <div>
            <label htmlFor="file-release-date">Release date (optional)</label>
            <input id="file-release-date" type="date" value={releaseDate} onChange={(event) => setReleaseDate(event.target.value)} />
          </div>
        </div>
        <LinesEditor lines={lines} onChange={setLines} />
        <ErrorNotice error={error} title="The entry summary was refused" />
        <div>
          <button type="submit" disabled={loading}>
            {loading ? 'Filing…' : 'File the entry summary'}
          </button>
        </div>
      </form>
    </Page>
  );
}
