/**
 * The pure rules of bank-attested remittances (decision 0034): Pakistani IBANs, the State Bank's
 * purpose codes for IT and freelance export proceeds, amounts in dollars, and how a month's
 * declared and attested figures compare.
 */

/**
 * The State Bank of Pakistan's purpose codes under which banks report inward IT and IT-enabled
 * export proceeds (as P@SHA publishes them). Lines under any other code are not IT exports and are
 * refused. One list, here: when the State Bank revises its codes, this is the line to change.
 */
export const PURPOSE_CODES = {
  '9102': 'Call centre services',
  '9181': 'Hardware consultancy services',
  '9182': 'Software consultancy services',
  '9183': 'Maintenance and repair of computers',
  '9184': 'Export of computer software',
  '9185': 'Other computer services',
} as const;
export type PurposeCode = keyof typeof PURPOSE_CODES;
export const isPurposeCode = (c: string): c is PurposeCode => Object.hasOwn(PURPOSE_CODES, c);

/** An IBAN as people type it (spaces, lower case) in the stored form, or null when it is not one. */
export function normaliseIban(raw: string): string | null {
  const iban = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^PK\d{2}[A-Z]{4}\d{16}$/.test(iban)) return null;
  return ibanChecksumOk(iban) ? iban : null;
}

/** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 must be 1. */
function ibanChecksumOk(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** A valid IBAN for a bank's four-letter code and account digits (tests and the demo). */
export function makeIban(bankLetters: string, account16: string): string {
  const base = `${bankLetters}${account16}PK00`;
  let rest = 0;
  for (const ch of base) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return `PK${String(98 - rest).padStart(2, '0')}${bankLetters}${account16}`;
}

/** Dollars as a bank's file writes them ('1450', '1450.5', '1450.50') in cents, or null. */
export function dollarsToCents(text: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** How one freelancer's month compares: what the public and staff count, and the freelancer sees. */
export type MonthOutcome = 'matched' | 'differs' | 'declared_only' | 'attested_only';

/**
 * Within 5% of the larger figure or USD 10, whichever is more, the two agree: platforms' fees and
 * exchange timing make small differences normal. Both zero is no month at all (null).
 */
export function compareMonth(declaredMinor: number, attestedMinor: number): MonthOutcome | null {
  if (declaredMinor <= 0 && attestedMinor <= 0) return null;
  if (attestedMinor <= 0) return 'declared_only';
  if (declaredMinor <= 0) return 'attested_only';
  const tolerance = Math.max(1_000, Math.round(Math.max(declaredMinor, attestedMinor) * 0.05));
  return Math.abs(declaredMinor - attestedMinor) <= tolerance ? 'matched' : 'differs';
}

/** Aggregates over fewer people than this are withheld, as everywhere on the portal. */
export const MIN_GROUP = 3;
