import {
  type FormatLang,
  type FormatOptions,
  formatNumber,
  formatPkr,
  formatPkrCompact,
  localeTag,
} from '../../lib/format';

/** A figure's value for people, by its unit; money arrives in minor units, shares in basis points. */
export function formatFigure(
  unit: string,
  value: number,
  lang: FormatLang,
  opts: FormatOptions = {},
): string {
  switch (unit) {
    case 'pkr_paisa':
      return formatPkr(value, lang, opts);
    case 'usd_cents':
    case 'usd_cents_per_year':
      return new Intl.NumberFormat(localeTag(lang, opts), {
        style: 'currency',
        currency: 'USD',
        maximumFractionDigits: 0,
      }).format(Math.round(value / 100));
    case 'basis_points':
      return `${formatNumber(value / 100, lang, opts)}%`;
    default:
      return formatNumber(value, lang, opts);
  }
}

/**
 * A figure for a small card: money in crore and lakh ("Rs 2.35 crore", decision 0032) so a long
 * rupee amount never wraps a digit onto the next line; other units as formatFigure.
 */
export function formatFigureCard(
  unit: string,
  value: number,
  lang: FormatLang,
  opts: FormatOptions = {},
): string {
  return unit === 'pkr_paisa' ? formatPkrCompact(value, lang, opts) : formatFigure(unit, value, lang, opts);
}

/** Large values shortened for chart axes: 1.2M, 35K (money in whole units). */
export function formatCompact(
  unit: string,
  value: number,
  lang: FormatLang,
  opts: FormatOptions = {},
): string {
  const whole = unit === 'pkr_paisa' || unit.startsWith('usd_cents') ? value / 100 : value;
  if (unit === 'basis_points') return formatFigure(unit, value, lang, opts);
  const n = new Intl.NumberFormat(localeTag(lang, opts), {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(whole);
  if (unit === 'pkr_paisa') return lang === 'ur' ? `${n} روپے` : `Rs ${n}`;
  if (unit.startsWith('usd_cents')) return `$${n}`;
  return n;
}

export const PROVINCE_NAMES: Record<string, [string, string]> = {
  PB: ['Punjab', 'پنجاب'],
  SD: ['Sindh', 'سندھ'],
  KP: ['Khyber Pakhtunkhwa', 'خیبر پختونخوا'],
  ICT: ['Islamabad', 'اسلام آباد'],
  BA: ['Balochistan', 'بلوچستان'],
  AJK: ['Azad Jammu & Kashmir', 'آزاد جموں و کشمیر'],
  GB: ['Gilgit-Baltistan', 'گلگت بلتستان'],
};

/** "Nov 26" for a "2026-11" month, in the reader's language and digits. */
export function formatMonth(month: string, lang: FormatLang, opts: FormatOptions = {}): string {
  return new Intl.DateTimeFormat(localeTag(lang, opts), {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}
