import type { Key, ReactNode } from 'react';
import { EmptyState } from './EmptyState';

export type Column<Row> = {
  /** Stable key for React and for tests (data-col). */
  key: string;
  header: ReactNode;
  /** The header as plain text, shown before the value when the table becomes cards on a phone. */
  label: string;
  cell: (row: Row) => ReactNode;
  /** Numbers and money line up at the end of the cell (the left in Urdu). */
  align?: 'start' | 'end';
  /** The card's heading on a phone: shown first, without its label. One column at most. */
  primary?: boolean;
};

/**
 * A table on a tablet or laptop; on a phone (below 40rem) each row becomes a card with every
 * value under its column's name, so nothing sits off-screen. Give it a caption-like label for
 * screen readers, and `empty` for when there are no rows.
 */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  empty,
  caption,
}: {
  label: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => Key;
  empty?: ReactNode;
  /** A visible caption above the table. */
  caption?: ReactNode;
}) {
  if (rows.length === 0) return empty ? <EmptyState title={empty} /> : null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that may scroll must be reachable by keyboard
    <section className="data-table" aria-label={label} tabIndex={0}>
      <table>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.align === 'end' ? 'data-table__end' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => (
                <td
                  key={c.key}
                  data-col={c.key}
                  data-label={c.primary ? undefined : c.label}
                  className={
                    [c.align === 'end' ? 'data-table__end' : '', c.primary ? 'data-table__primary' : '']
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
