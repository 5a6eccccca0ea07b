import { describe, expect, test } from 'vitest';
import { paisaToInput, rupeesToPaisa } from './money';

describe('rupees typed by people become integer paisa', () => {
  test('grouping, decimals and prefixes', () => {
    expect(rupeesToPaisa('12,345.67')).toBe(1_234_567);
    expect(rupeesToPaisa('12345')).toBe(1_234_500);
    expect(rupeesToPaisa('12345.5')).toBe(1_234_550);
    expect(rupeesToPaisa(' Rs 1,000 ')).toBe(100_000);
    expect(rupeesToPaisa('0.29')).toBe(29);
    expect(rupeesToPaisa('۱۲٬۳۴۵٫۶۷')).toBe(1_234_567);
    expect(rupeesToPaisa('1000000000')).toBe(100_000_000_000);
  });
  test('refused', () => {
    for (const bad of ['', '0', '0.00', '-5', '1.234', '1e5', 'abc', '1,2.3.4', '1000000000.01']) {
      expect(rupeesToPaisa(bad)).toBeNull();
    }
  });
  test('back to an input value', () => {
    expect(paisaToInput(1_234_500)).toBe('12345');
    expect(paisaToInput(1_234_507)).toBe('12345.07');
  });
});
