import { type ReactNode, useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatDollars } from '../format';
import type { RankedRowFragment, StatisticsDetailFragment } from '../graphql/generated/graphql';
import { ColumnHeadings, numeric } from './column-headings';

type Week = StatisticsDetailFragment['weekly'][number];

/** Dark enough on white for text (WCAG AA), and told apart by more than colour: the legend and the table name each series. */
const FILINGS_COLOUR = '#005ea2';
const DECISIONS_COLOUR = '#7a4b00';
const AXIS_TEXT = { fill: '#1b1b1b', fontSize: 12 };

const compactDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

/**
 * A chart as an image with its words: the figure's caption names it and a sentence sums it up
 * (the svg's accessible name and description), and the figures themselves follow as a table, so
 * a screen reader, a keyboard and a printout get everything the picture shows.
 */
function ChartFigure({ title, summary, chart, table }: { title: string; summary: string; chart: (labels: { 'aria-labelledby': string; 'aria-describedby': string }) => ReactNode; table: ReactNode }) {
  const id = useId();
  return (
    <figure className="chart">
      <figcaption>
        <span id={`${id}-title`} className="chart-title">
          {title}
        </span>
        <span id={`${id}-summary`} className="hint">
          {summary}
        </span>
      </figcaption>
      <div className="chart-area">{chart({ 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-summary` })}</div>
      {table}
    </figure>
  );
}

/** The words for a week: "Week of Nov 30, 2026". */
function weekOf(week: Week): string {
  return `Week of ${formatDate(week.weekStart)}`;
}

function weeklySummary(weeks: Week[]): string {
  if (weeks.length === 0) return 'No weeks in the period.';
  const filed = weeks.reduce((sum, week) => sum + week.filings, 0);
  const decided = weeks.reduce((sum, week) => sum + week.decisions, 0);
  const busiest = weeks.reduce((most, week) => (week.filings > most.filings ? week : most), weeks[0]!);
  const busiestWords = busiest.filings > 0 ? ` The most filings came in the week of ${formatDate(busiest.weekStart)}: ${busiest.filings}.` : '';
  return `${weeks.length} week(s) from ${formatDate(weeks[0]!.weekStart)}: ${filed} filing(s) and ${decided} decision(s) in all.${busiestWords}`;
}

/** Filings filed and decisions made per week, as bars side by side, with the weeks as a table below. */
export function WeeklyChart({ weeks }: { weeks: Week[] }) {
  const data = weeks.map((week) => ({ week: week.weekStart, Filings: week.filings, Decisions: week.decisions }));
  return (
    <ChartFigure
      title="Filings and decisions per week"
      summary={weeklySummary(weeks)}
      chart={(labels) => (
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} accessibilityLayer={false} role="img" {...labels} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" tick={AXIS_TEXT} tickFormatter={(weekStart: string) => formatDate(weekStart)} minTickGap={24} />
            <YAxis allowDecimals={false} tick={AXIS_TEXT} width={48} />
            <Tooltip labelFormatter={(weekStart) => `Week of ${formatDate(String(weekStart))}`} />
            <Legend />
            <Bar dataKey="Filings" fill={FILINGS_COLOUR} isAnimationActive={false} />
            <Bar dataKey="Decisions" fill={DECISIONS_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={
        <details>
          <summary>The weeks as a table</summary>
          <table>
            <caption>Filings and decisions per week</caption>
            <ColumnHeadings columns={['Week', numeric('Filings'), numeric('Entered value'), numeric('Decisions'), numeric('Of them automatic acceptances')]} />
            <tbody>
              {weeks.map((week) => (
                <tr key={week.weekStart}>
                  <th scope="row">{weekOf(week)}</th>
                  <td className="number">{week.filings}</td>
                  <td className="number">{formatDollars(week.enteredValue)}</td>
                  <td className="number">{week.decisions}</td>
                  <td className="number">{week.automaticAcceptances}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      }
    />
  );
}

function headingsSummary(headings: RankedRowFragment[]): string {
  if (headings.length === 0) return 'No lines in the period.';
  const [first] = headings;
  return `${headings.length} heading(s); the largest is ${first!.key} with ${formatDollars(first!.enteredValue)} over ${first!.filings} filing(s).`;
}

/** The largest HTS headings by entered value, as horizontal bars, with the ranking as a table beside. */
export function TopHeadingsChart({ headings }: { headings: RankedRowFragment[] }) {
  const data = headings.map((heading) => ({ heading: heading.key, 'Entered value': heading.enteredValue }));
  return (
    <ChartFigure
      title="Top HTS headings by entered value"
      summary={headingsSummary(headings)}
      chart={(labels) => (
        <ResponsiveContainer width="100%" height={Math.max(120, 28 * headings.length + 40)}>
          <BarChart data={data} layout="vertical" accessibilityLayer={false} role="img" {...labels} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={AXIS_TEXT} tickFormatter={(value: number) => compactDollars.format(value)} />
            <YAxis type="category" dataKey="heading" tick={AXIS_TEXT} width={56} />
            <Tooltip formatter={(value) => formatDollars(Number(value))} />
            <Bar dataKey="Entered value" fill={FILINGS_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={<RankedTable caption="Top HTS headings" keyHeading="Heading" rows={headings} />}
    />
  );
}

/** A top-10 ranking (headings, ports, countries) as a table. */
export function RankedTable({ caption, keyHeading, rows }: { caption: string; keyHeading: string; rows: RankedRowFragment[] }) {
  if (rows.length === 0) return <p>{caption}: none in the period.</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <ColumnHeadings columns={[keyHeading, numeric('Filings'), numeric('Entered value'), numeric('Duty')]} />
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.key}</th>
            <td className="number">{row.filings}</td>
            <td className="number">{formatDollars(row.enteredValue)}</td>
            <td className="number">{formatDollars(row.duty)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
