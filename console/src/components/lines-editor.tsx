import { type InputHTMLAttributes, useId } from 'react';
import { ColumnHeadings } from './column-headings';
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

type LineField = keyof Omit<DraftLine, 'key'>;

/** The fields of a line, in the form's column order: the column's heading, the label each field gets, and its input's hints. */
const LINE_FIELDS: ReadonlyArray<{ field: LineField; idPart: string; heading: string; label: string; input: InputHTMLAttributes<HTMLInputElement> }> = [
  { field: 'htsNumber', idPart: 'hts', heading: 'HTS number', label: 'HTS number', input: { placeholder: '8471.30.0100' } },
  { field: 'countryOfOrigin', idPart: 'country', heading: 'Country of origin', label: 'country of origin', input: { placeholder: 'KR', maxLength: 2, size: 4 } },
  { field: 'enteredValue', idPart: 'value', heading: 'Entered value (USD)', label: 'entered value in U.S. dollars', input: { inputMode: 'decimal' } },
  { field: 'dutyRate', idPart: 'rate', heading: 'Duty rate (%)', label: 'duty rate in percent', input: { inputMode: 'decimal', size: 6 } },
];

/** The lines of an entry summary (CBP Form 7501 columns 27–34) as a table of labelled fields. */
export function LinesEditor({ lines, onChange }: { lines: DraftLine[]; onChange: (lines: DraftLine[]) => void }) {
  const id = useId();
  const update = (key: number, field: LineField, value: string) => onChange(lines.map((line) => (line.key === key ? { ...line, [field]: value } : line)));
  return (
    <fieldset className="lines-editor">
      <legend>Lines</legend>
      <table>
        <ColumnHeadings columns={['Line', ...LINE_FIELDS.map(({ heading }) => heading), { key: 'remove', heading: <span className="visually-hidden">Remove</span> }]} />
        <tbody>
          {lines.map((line, index) => {
            const n = index + 1;
            return (
              <tr key={line.key}>
                <td>{n}</td>
                {LINE_FIELDS.map(({ field, idPart, label, input }) => (
                  <td key={field}>
                    {/* Each field is named with its line ("Line 2 HTS number"): the column header alone would not say which line. */}
                    <label className="visually-hidden" htmlFor={`${id}-${idPart}-${line.key}`}>
                      Line {n} {label}
                    </label>
                    <input id={`${id}-${idPart}-${line.key}`} value={line[field]} onChange={(e) => update(line.key, field, e.target.value)} {...input} required />
                  </td>
                ))}
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
