import { useLazyQuery } from '@apollo/client';
import { type FormEvent, useState } from 'react';
import { ColumnHeadings } from '../components/column-headings';
import { ErrorNotice } from '../components/error-notice';
import { Page } from '../components/page';
import { formatDate, formatDollars, label } from '../format';
import { LOCATE_CENTER } from '../graphql/directory.operations';

/** Lines as pasted from a spreadsheet or typed: an HTS number, then optionally a value, per line. */
export function parsePastedLines(text: string): { htsNumbers: string[]; values: number[] | null; problems: string[] } {
  const htsNumbers: string[] = [];
  const values: Array<number | null> = [];
  const problems: string[] = [];
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .forEach((line, index) => {
      const [hts, ...rest] = line.split(/[\s,;\t]+/);
      htsNumbers.push(hts!);
      const raw = rest.join('').replace(/[$,]/g, '');
      if (raw === '') {
        values.push(null);
        return;
      }
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) problems.push(`Line ${index + 1}: "${rest.join(' ')}" is not an amount in dollars`);
      values.push(Number.isFinite(value) ? value : null);
    });
  const given = values.filter((value) => value !== null).length;
  if (given > 0 && given < values.length) problems.push('Give a value on every line, or on none (then the Center covering the most lines is predominant)');
  return { htsNumbers, values: given === values.length && given > 0 ? (values as number[]) : null, problems };
}

/** "Find my Center": the covering Center of each HTS number, the predominant one, and where each coverage comes from. */
export function LocatePage() {
  const [text, setText] = useState('8471.30.0100 120000\n3004.90.9220 450000\n8708.29.5160 9000');
  const [asOf, setAsOf] = useState('');
  const [inputProblems, setInputProblems] = useState<string[]>([]);
  const [locate, { data, error, loading }] = useLazyQuery(LOCATE_CENTER, { fetchPolicy: 'network-only' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parsePastedLines(text);
    if (parsed.htsNumbers.length === 0) parsed.problems.push('Enter at least one HTS number');
    setInputProblems(parsed.problems);
    if (parsed.problems.length > 0) return;
    void locate({ variables: { htsNumbers: parsed.htsNumbers, values: parsed.values, asOf: asOf || null } });
  };

  const result = data?.locateCenter;
  return (
    <Page
      title="Find your Center"
      intro={<p>Paste the HTS numbers of your imports, one per line, each optionally followed by its value in dollars. The predominant Center is the one covering the most value (or, without values, the most lines).</p>}
    >
      <form onSubmit={submit} className="form" aria-describedby="locate-help">
        <label htmlFor="locate-lines">HTS numbers and values</label>
        <textarea id="locate-lines" rows={8} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} />
        <p id="locate-help" className="hint">
          For example <code>8471.30.0100 120000</code>. Ten-digit numbers, with or without dots; separate the value with a space, tab or comma.
        </p>
        <label htmlFor="locate-as-of">Coverage on date (optional; today when empty)</label>
        <input id="locate-as-of" type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
        <div>
          <button type="submit" disabled={loading}>
            {loading ? 'Finding…' : 'Find the Centers'}
          </button>
        </div>
      </form>
      {inputProblems.length > 0 ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">Check the lines</p>
          <ul>
            {inputProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {result ? (
        <section aria-labelledby="locate-result" aria-live="polite">
          <h2 id="locate-result">Result for {formatDate(result.asOf)}</h2>
          {result.predominantCenter ? (
            <div className="notice notice-success">
              <p className="notice-title">
                Predominant Center: {result.predominantCenter.center.name} ({result.predominantCenter.center.managementCity})
              </p>
              <p>
                By {result.predominantCenter.measure === 'VALUE' ? `value: ${formatDollars(result.predominantCenter.amount)}` : `count: ${result.predominantCenter.amount} line(s)`}. Contact{' '}
                <a href={`mailto:${result.predominantCenter.center.contact.email}`}>{result.predominantCenter.center.contact.email}</a>, {result.predominantCenter.center.contact.phone}.
              </p>
            </div>
          ) : (
            <p>No line is covered by a Center.</p>
          )}
          <table>
            <caption>Covering Center per line</caption>
            <ColumnHeadings columns={['HTS number', 'Value', 'Center', 'Coverage range', 'Basis', 'Source']} />
            <tbody>
              {result.lines.map((line, index) => (
                <tr key={index}>
                  <td>{line.htsNumber ?? line.input}</td>
                  <td>{formatDollars(line.value)}</td>
                  <td>{line.center ? line.center.name : <span className="problem">{line.problem ?? 'Not covered'}</span>}</td>
                  <td>{line.coverage ? `${line.coverage.firstHeading}–${line.coverage.lastHeading} since ${formatDate(line.coverage.effectiveFrom)}` : '—'}</td>
                  <td>{line.coverage ? label(line.coverage.basis) : '—'}</td>
                  <td>{line.coverage?.source ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Page>
  );
}
