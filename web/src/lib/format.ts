/**
 * Numbers, dates and money for people, per language. Dates are shown on the programme's clock
 * (Asia/Karachi) whatever the device's zone. Money arrives as integer minor units (paisa).
 */
export type FormatLang = 'en' | 'ur';
export type FormatOptions = {
  urduDigits?: boolean;
  /**
   * How digits are grouped: 'international' (23,500,000) or 'pk', the lakh and crore grouping
   * people in Pakistan write on cheques and read in the news (2,35,00,000).
   */
  grouping?: 'international' | 'pk';
};

export const PROGRAMME_TIME_ZONE = 'Asia/Karachi';

/** BCP 47 tag: en-PK, ur-PK, or ur-PK with Extended Arabic-Indic digits (۰۱۲۳…). */
export function localeTag(lang: FormatLang, opts: FormatOptions = {}): string {
  if (lang === 'ur') return opts.urduDigits ? 'ur-PK-u-nu-arabext' : 'ur-PK';
  return 'en-PK';
}

/**
 * Regroups the integer part of a formatted number as lakh and crore: the last three digits, then
 * twos. Works on Intl's parts, so the locale's own digits, separator and symbol stay as they are.
 */
function joinParts(
  format: Intl.NumberFormat,
  value: number | bigint | `${number}`,
  opts: FormatOptions,
): string {
  // Intl accepts decimal strings (exact for big amounts); its TypeScript types do not say so yet.
  const parts = format.formatToParts(value as number);
  if (opts.grouping !== 'pk') return parts.map((p) => p.value).join('');
  const sep = parts.find((p) => p.type === 'group')?.value ?? ',';
  // Intl puts the integer's digits in 'integer' parts between 'group' parts; gather them.
  const digits = Array.from(
    parts
      .filter((p) => p.type === 'integer')
      .map((p) => p.value)
      .join(''),
  );
  const last3 = digits.splice(-3).join('');
  const groups: string[] = [];
  while (digits.length > 2) groups.unshift(digits.splice(-2).join(''));
  if (digits.length) groups.unshift(digits.join(''));
  const integer = [...groups, last3].join(sep);
  const first = parts.findIndex((p) => p.type === 'integer');
  return parts
    .map((p, i) => {
      if (i === first) return integer;
      return p.type === 'integer' || p.type === 'group' ? '' : p.value;
    })
    .join('');
}

export function formatNumber(value: number | bigint, lang: FormatLang, opts: FormatOptions = {}): string {
  return joinParts(new Intl.NumberFormat(localeTag(lang, opts)), value, opts);
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
    // Urdu names the part of the day ("5:00 سہ پہر") instead of a Latin "PM" that a right-to-left
    // line shows first ("PM 5:00").
    ...(lang === 'ur' ? { dayPeriod: 'short' as const } : {}),
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
  const format = new Intl.NumberFormat(localeTag(lang, opts), {
    style: 'currency',
    currency: 'PKR',
    currencyDisplay: 'symbol',
    minimumFractionDigits: fraction,
    maximumFractionDigits: 2,
  });
  return joinParts(format, minorToDecimal(paisa), opts);
}

/**
 * A large amount in words people use, for a figure that must fit a small card:
 * 2350000000 paisa → "Rs 2.35 crore" / "2.35 کروڑ روپے". Under a lakh, the exact amount.
 */
export function formatPkrCompact(paisa: number | bigint, lang: FormatLang, opts: FormatOptions = {}): string {
  const rupees = Number(BigInt(paisa) / 100n);
  const units = [
    { size: 10_000_000, en: 'crore', ur: 'کروڑ' },
    { size: 100_000, en: 'lakh', ur: 'لاکھ' },
  ];
  const unit = units.find((u) => Math.abs(rupees) >= u.size);
  if (!unit) return formatPkr(paisa, lang, { ...opts, grouping: 'pk' });
  const n = new Intl.NumberFormat(localeTag(lang, opts), { maximumFractionDigits: 2 });
  const amount = joinParts(n, Math.round((rupees / unit.size) * 100) / 100, { ...opts, grouping: 'pk' });
  return lang === 'ur' ? `${amount} ${unit.ur} روپے` : `Rs\u00a0${amount} ${unit.en}`;
}

/** An hour of the day, 9 → "09:00", every digit in the reader's one numbering system. */
export function formatHour(hour: number, lang: FormatLang, opts: FormatOptions = {}): string {
  const two = new Intl.NumberFormat(localeTag(lang, opts), { minimumIntegerDigits: 2, useGrouping: false });
  return `${two.format(hour)}:${two.format(0)}`;
}

/** A month, "2026-11" → "November 2026" / "نومبر 2026" (short: "Nov 2026"). */
export function formatMonth(
  value: string,
  lang: FormatLang,
  opts: FormatOptions & { short?: boolean } = {},
): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return value;
  return new Intl.DateTimeFormat(localeTag(lang, opts), {
    month: opts.short ? 'short' : 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${m[1]}-${m[2]}-01T00:00:00Z`));
}

/** "+923001234567" (as stored) → "0300 1234567" (as people write it); anything else unchanged. */
export function formatMobile(stored: string | null | undefined): string {
  if (!stored) return '';
  const m = /^\+92(3\d{2})(\d{7})$/.exec(stored);
  return m ? `0${m[1]} ${m[2]}` : stored;
}
