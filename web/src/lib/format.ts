/**
 * Numbers, dates and money for people, per language. Dates are shown on the programme's clock
 * (Asia/Karachi) whatever the device's zone. Money arrives as integer minor units (paisa).
 */
export type FormatLang = 'en' | 'ur';
export type FormatOptions = { urduDigits?: boolean };

export const PROGRAMME_TIME_ZONE = 'Asia/Karachi';

/** BCP 47 tag: en-PK, ur-PK, or ur-PK with Extended Arabic-Indic digits (۰۱۲۳…). */
export function localeTag(lang: FormatLang, opts: FormatOptions = {}): string {
  if (lang === 'ur') return opts.urduDigits ? 'ur-PK-u-nu-arabext' : 'ur-PK';
  return 'en-PK';
}

export function formatNumber(value: number | bigint, lang: FormatLang, opts: FormatOptions = {}): string {
  return new Intl.NumberFormat(localeTag(lang, opts)).format(value);
}

// "28 Nov 2026" rather than en-PK's medium style "28-Nov-2026".
const DAY = { day: 'numeric', month: 'short', year: 'numeric' } as const;

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A calendar day, e.g. "28 Nov 2026". A bare "YYYY-MM-DD" is that day, not midnight UTC. */
export function formatDate(value: string | Date, lang: FormatLang, opts: FormatOptions = {}): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(localeTag(lang, opts), { ...DAY, timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(localeTag(lang, opts), { ...DAY, timeZone: PROGRAMME_TIME_ZONE }).format(d);
}

/** An instant with its time of day in Pakistan, e.g. "28 Nov 2026, 9:53 pm". */
export function formatDateTime(
  value: string | number | Date,
  lang: FormatLang,
  opts: FormatOptions = {},
): string {
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(localeTag(lang, opts), {
    ...DAY,
    hour: 'numeric',
    minute: '2-digit',
    timeZone: PROGRAMME_TIME_ZONE,
  }).format(d);
}

/** Integer minor units as a decimal string without going through floating point: 123456 → "1234.56". */
export function minorToDecimal(minor: number | bigint, digits = 2): `${number}` {
  let n = BigInt(minor);
  const negative = n < 0n;
  if (negative) n = -n;
  const scale = 10n ** BigInt(digits);
  const whole = n / scale;
  const frac = (n % scale).toString().padStart(digits, '0');
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${frac}` : ''}` as `${number}`;
}

/**
 * Rupees from paisa, e.g. 1234500 → "Rs 12,345" (en) or "Rs 12,345" in the Urdu locale's own form.
 * Whole rupees are shown without paisa unless `showPaisa` is set or the amount has paisa.
 */
export function formatPkr(
  paisa: number | bigint,
  lang: FormatLang,
  opts: FormatOptions & { showPaisa?: boolean } = {},
): string {
  if (typeof paisa === 'number' && !Number.isSafeInteger(paisa)) {
    throw new RangeError('PKR amounts are integer paisa');
  }
  const hasPaisa = BigInt(paisa) % 100n !== 0n;
  const fraction = opts.showPaisa || hasPaisa ? 2 : 0;
  return new Intl.NumberFormat(localeTag(lang, opts), {
    style: 'currency',
    currency: 'PKR',
    currencyDisplay: 'symbol',
    minimumFractionDigits: fraction,
    maximumFractionDigits: 2,
  }).format(minorToDecimal(paisa));
}

/** "+923001234567" (as stored) → "0300 1234567" (as people write it); anything else unchanged. */
export function formatMobile(stored: string | null | undefined): string {
  if (!stored) return '';
  const m = /^\+92(3\d{2})(\d{7})$/.exec(stored);
  return m ? `0${m[1]} ${m[2]}` : stored;
}
