import type { ReactNode } from 'react';

/** A column's heading; `numeric` for a column of figures, whose heading aligns with them. */
export interface ColumnHeading {
  heading: ReactNode;
  /** Names the column for React where the heading is not a plain string. */
  key?: string;
  numeric?: boolean;
}

/** The heading of a column of figures (amounts, counts, durations). */
export function numeric(heading: string): ColumnHeading {
  return { heading, numeric: true };
}

/**
 * A table's header row. Every heading is a column header (`scope="col"`), so screen readers
 * name the column of each cell they read; `false` stands for a column the table leaves out.
 */
export function ColumnHeadings({ columns }: { columns: ReadonlyArray<string | ColumnHeading | false> }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          if (column === false) return null;
          const { heading, key, numeric: figures }: ColumnHeading = typeof column === 'string' ? { heading: column } : column;
          return (
            <th key={key ?? (typeof heading === 'string' ? heading : index)} scope="col" className={figures ? 'number' : undefined}>
              {heading}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
