import { useId } from 'react';
import type { EntrySummaryLineInput } from '../graphql/generated/graphql';

/** A line as typed: strings until sent, so a half-typed number is not lost or coerced. */
export interface DraftLine {
  key: number;
  htsNumber: string;
  countryOfOrigin: string;
  enteredValue: string;
  dutyRate: string;
}

let nextKey = 1;

export function draftLine(line: Partial<Omit<DraftLine, 'key'>> = {}): DraftLine {
  return { key: nextKey++, htsNumber: '', countryOfOrigin: '', enteredValue: '', dutyRate: '0', ...line };
}

/** The lines as the graph takes them; the graph validates them all and names every problem. */
export function linesInput(lines: DraftLine[]): EntrySummaryLineInput[] {
  return lines.map((line) => ({
    htsNumber: line.htsNumber.trim(),
    countryOfOrigin: line.countryOfOrigin.trim().toUpperCase(),
    enteredValue: Number(line.enteredValue),
    dutyRate: Number(line.dutyRate),
  }));
}

/** The lines of an entry summary (CBP Form 7501 columns 27–34) as a table of labelled fields. */
export function LinesEditor({ lines, onChange }: { lines: DraftLine[]; onChange: (lines: DraftLine[]) => void }) {
  const id = useId();
  const update = (key: number, field: keyof Omit<DraftLine, 'key'>, value: string) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, [field]: value } : line)));
  return (
    <fieldset className="lines-editor">
      <legend>Lines</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">HTS number</th>
            <th scope="col">Country of origin</th>
            <th scope="col">Entered value (USD)</th>
            <th scope="col">Duty rate (%)</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const n = index + 1;
            return (
              <tr key={line.key}>
                <td>{n}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`${id}-hts-${line.key}`}>
                    Line {n} HTS number
                  </label>
                  <input id={`${id}-hts-${line.key}`} value={line.htsNumber} onChange={(e) => update(line.key, 'htsNumber', e.target.value)} placeholder="8471.30.0100" required />
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`${id}-country-${line.key}`}>
                    Line {n} country of origin
                  </label>
                  <input
                    id={`${id}-country-${line.key}`}
                    value={line.countryOfOrigin}
                    onChange={(e) => update(line.key, 'countryOfOrigin', e.target.value)}
                    placeholder="KR"
                    maxLength={2}
                    size={4}
                    required
                  />
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`${id}-value-${line.key}`}>
                    Line {n} entered value in U.S. dollars
                  </label>
                  <input
                    id={`${id}-value-${line.key}`}
                    value={line.enteredValue}
                    onChange={(e) => update(line.key, 'enteredValue', e.target.value)}
                    inputMode="decimal"
                    required
                  />
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`${id}-rate-${line.key}`}>
                    Line {n} duty rate in percent
                  </label>
                  <input id={`${id}-rate-${line.key}`} value={line.dutyRate} onChange={(e) => update(line.key, 'dutyRate', e.target.value)} inputMode="decimal" size={6} required />
                </td>
                <td>
                  <button type="button" className="button-secondary" onClick={() => onChange(lines.filter((other) => other.key !== line.key))} disabled={lines.length === 1}>
                    Remove line {n}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="button-secondary" onClick={() => onChange([...lines, draftLine()])}>
        Add a line
      </button>
    </fieldset>
  );
}
