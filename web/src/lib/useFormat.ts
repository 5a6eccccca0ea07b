import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FormatLang,
  type FormatOptions,
  formatDate,
  formatDateTime,
  formatHour,
  formatMonth,
  formatNumber,
  formatPkr,
  formatPkrCompact,
} from './format';

const KEY = 'markaz.urduDigits';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Whether numbers in Urdu pages use Urdu digits (۱۲۳); remembered on this device. */
export function setUrduDigits(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Not remembered; still applies until reload.
  }
  for (const fn of listeners) fn();
}

export function useUrduDigits(): boolean {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    read,
    () => false,
  );
}

/** The format helpers bound to the current language and the reader's digit choice. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang: FormatLang = i18n.language === 'ur' ? 'ur' : 'en';
  // Lakh and crore grouping everywhere on screen, as people in Pakistan write amounts (0032).
  const opts: FormatOptions = { urduDigits: useUrduDigits(), grouping: 'pk' };
  return {
    lang,
    number: (n: number | bigint) => formatNumber(n, lang, opts),
    date: (v: string | Date) => formatDate(v, lang, opts),
    dateTime: (v: string | number | Date) => formatDateTime(v, lang, opts),
    hour: (h: number) => formatHour(h, lang, opts),
    month: (v: string, short = false) => formatMonth(v, lang, { ...opts, short }),
    pkr: (paisa: number | bigint) => formatPkr(paisa, lang, opts),
    pkrCompact: (paisa: number | bigint) => formatPkrCompact(paisa, lang, opts),
  };
}
