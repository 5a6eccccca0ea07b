import { describe, expect, test } from 'vitest';
import { formatFigure, formatFigureCard } from './portal-lib';

describe('figures on the portal’s cards', () => {
  test('rupees in crore and lakh, so "Rs 2,35,00,000" cannot wrap a digit onto the next line', () => {
    expect(formatFigureCard('pkr_paisa', 23_500_000_00, 'en', { grouping: 'pk' })).toBe('Rs\u00a02.35 crore');
    expect(formatFigureCard('pkr_paisa', 23_500_000_00, 'ur', { grouping: 'pk' })).toBe('2.35 کروڑ روپے');
    // Other units as before.
    expect(formatFigureCard('centres', 1234, 'en', { grouping: 'pk' })).toBe(
      formatFigure('centres', 1234, 'en', { grouping: 'pk' }),
    );
  });
});
