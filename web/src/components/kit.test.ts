import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { type Column, DataTable } from './DataTable';
import { StatCard, StatGrid } from './StatCard';

type Row = { name: string; seats: number };
const columns: Column<Row>[] = [
  { key: 'name', header: 'Centre', label: 'Centre', cell: (r) => r.name, primary: true },
  { key: 'seats', header: 'Seats', label: 'Seats', cell: (r) => r.seats, align: 'end' },
];

describe('DataTable', () => {
  test('every cell but the card heading carries its column name for the phone layout', () => {
    const html = renderToStaticMarkup(
      h(DataTable<Row>, {
        label: 'Centres',
        columns,
        rows: [{ name: 'Arfa Tower', seats: 40 }],
        rowKey: (r) => r.name,
      }),
    );
    expect(html).toContain('<td data-col="name" class="data-table__primary">Arfa Tower</td>');
    expect(html).toContain('<td data-col="seats" data-label="Seats" class="data-table__end">40</td>');
    expect(html).toContain('<th scope="col" class="data-table__end">Seats</th>');
  });

  test('no rows: the empty state instead of a header with nothing under it', () => {
    const html = renderToStaticMarkup(
      h(DataTable<Row>, {
        label: 'Centres',
        columns,
        rows: [],
        rowKey: (r) => r.name,
        empty: 'No centres yet',
      }),
    );
    expect(html).not.toContain('<table');
    expect(html).toContain('No centres yet');
  });
});

describe('StatCard', () => {
  test('label and value are a term and its description, so they stack and never overlap', () => {
    const html = renderToStaticMarkup(
      h(
        StatGrid,
        { label: 'Figures' },
        h(StatCard, { label: 'Seats', value: '1,200', note: 'in 12 centres' }),
      ),
    );
    expect(html).toBe(
      '<dl class="stat-grid" aria-label="Figures"><div class="stat-card stat-card--plain">' +
        '<dt class="stat-card__label">Seats</dt><dd class="stat-card__value">1,200</dd>' +
        '<dd class="stat-card__note">in 12 centres</dd></div></dl>',
    );
  });
});
