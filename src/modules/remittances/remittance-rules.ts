import itCodes from './data/it-export-purpose-codes.json' with { type: 'json' };

/**
 * The pure rules of bank-attested remittances (decision 0034): Pakistani IBANs, the State Bank's
 * purpose codes for IT and freelance export proceeds, amounts in dollars, and how a month's
 * declared and attested figures compare.
 */

/**
 * The State Bank of Pakistan's purpose codes under which banks report inward IT and IT-enabled
 * export proceeds: one list, in a data file with its source (`data/it-export-purpose-codes.json`).
 * A line under any other code is kept, as the bank sent it, but not counted as an IT export.
 */
export const PURPOSE_CODES: Readonly<Record<string, string>> = itCodes.codes;
export const PURPOSE_CODES_SOURCE: string = itCodes.source;
export const isItExportCode = (c: string): boolean => Object.hasOwn(PURPOSE_CODES, c);
/** Any State Bank purpose code: four digits. */
export const isPurposeCode = (c: string): boolean => /^\d{4}$/.test(c);

/** Pakistani IBANs: the shared checker (src/shared/iban.ts). */
export { ibanBankCode, makeIban, normaliseIban } from '../../shared/iban.ts';

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
