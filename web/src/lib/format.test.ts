import { describe, expect, test } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatHour,
  formatMobile,
  formatMonth,
  formatNumber,
  formatPkr,
  formatPkrCompact,
  minorToDecimal,
} from './format';

describe('format', () => {
  test('paisa become rupees without floating point', () => {
    expect(minorToDecimal(123456)).toBe('1234.56');
    expect(minorToDecimal(-5)).toBe('-0.05');
    expect(minorToDecimal(9_007_199_254_740_991)).toBe('90071992547409.91');
    expect(formatPkr(1_000_000_000, 'en')).toBe('Rs\u00a010,000,000');
    expect(formatPkr(1_234_550, 'en')).toBe('Rs\u00a012,345.50');
    expect(formatPkr(300_000, 'en', { showPaisa: true })).toBe('Rs\u00a03,000.00');
    expect(() => formatPkr(1.5, 'en')).toThrow(RangeError);
  });

  test('Urdu digits on request', () => {
    expect(formatNumber(1234567, 'ur')).toBe('1,234,567');
    expect(formatNumber(1234567, 'ur', { urduDigits: true })).toBe('۱٬۲۳۴٬۵۶۷');
    expect(formatPkr(300_000, 'ur', { urduDigits: true })).toContain('۳٬۰۰۰');
  });

  test("dates are on Pakistan's clock whatever the device's zone", () => {
    // 20:30 UTC on 28 Nov is 01:30 on 29 Nov in Karachi.
    expect(formatDate('2026-11-28T20:30:00Z', 'en')).toBe('29 Nov 2026');
    expect(formatDateTime('2026-11-28T20:30:00Z', 'en')).toBe('29 Nov 2026, 1:30 am');
    // Urdu says the part of the day in Urdu, so no Latin "PM" jumps to the front of the line.
    const ur = formatDateTime('2026-12-07T12:00:00Z', 'ur');
    expect(ur).toContain('5:00');
    expect(ur).not.toMatch(/AM|PM/i);
    // A calendar day stays that day.
    expect(formatDate('2026-11-28', 'en')).toBe('28 Nov 2026');
    expect(formatDate('2026-11-28', 'ur')).toContain('نومبر');
    expect(formatDate('not a date', 'en')).toBe('');
  });

  test('lakh and crore grouping on request, in either script', () => {
    expect(formatNumber(23_500_000, 'en', { grouping: 'pk' })).toBe('2,35,00,000');
    expect(formatNumber(999, 'en', { grouping: 'pk' })).toBe('999');
    expect(formatNumber(-123456, 'en', { grouping: 'pk' })).toBe('-1,23,456');
    expect(formatPkr(2_350_000_000, 'en', { grouping: 'pk' })).toBe('Rs\u00a02,35,00,000');
    expect(formatPkr(12_345_678_950, 'en', { grouping: 'pk' })).toBe('Rs\u00a012,34,56,789.50');
    expect(formatPkr(2_350_000_000, 'ur', { grouping: 'pk', urduDigits: true })).toContain('۲٬۳۵٬۰۰٬۰۰۰');
  });

  test('large amounts in lakh and crore words', () => {
    expect(formatPkrCompact(2_350_000_000, 'en')).toBe('Rs\u00a02.35 crore');
    expect(formatPkrCompact(45_000_000, 'en')).toBe('Rs\u00a04.5 lakh');
    expect(formatPkrCompact(2_350_000_000, 'ur')).toBe('2.35 کروڑ روپے');
    expect(formatPkrCompact(7_500_000, 'en')).toBe('Rs\u00a075,000');
  });

  test('months in words, Urdu months in Urdu', () => {
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
    expect(formatMonth('2026-11', 'en', { short: true })).toBe('Nov 2026');
    expect(formatMonth('2026-11', 'ur')).toBe('نومبر 2026');
    expect(formatMonth('later', 'en')).toBe('later');
  });

  test('mobiles are shown as people write them', () => {
    expect(formatMobile('+923001234567')).toBe('0300 1234567');
    expect(formatMobile(null)).toBe('');
    expect(formatMobile('12345')).toBe('12345');
  });
});

describe('hours of the day', () => {
  test('one numbering system: no Urdu zero before a Latin nine', () => {
    expect(formatHour(9, 'en')).toBe('09:00');
    expect(formatHour(9, 'ur')).toBe('09:00');
    expect(formatHour(9, 'ur', { urduDigits: true })).toBe('۰۹:۰۰');
    expect(formatHour(21, 'ur', { urduDigits: true })).toBe('۲۱:۰۰');
  });
});
