import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { secret } from '../../platform/keys/index.ts';

/**
 * The bank confirms who holds the account (decision 0044). Each partner bank gets its own key,
 * derived from Markaz's `tokens` secret; the consent keeps HMAC-SHA256(bank key, CNIC digits) of
 * the freelancer's CNIC on file, and the bank sends the same hash of its account holder's CNIC
 * (from its own KYC record) with every line. A mismatch means the IBAN was typed by someone who
 * does not hold it. Neither side learns the other's list: a bank cannot reverse the hash without
 * the key, and Markaz never sends hashes to banks.
 */
export async function holderKey(deps: Pick<Deps, 'db' | 'config'>, bankId: string): Promise<Buffer> {
  return createHmac('sha256', await secret(deps, 'tokens'))
    .update(`markaz-remittance-holder\n${bankId}`)
    .digest();
}

/** The CNIC's 13 digits, whatever dashes or spaces it was typed with; null when it is not one. */
export const cnicDigits = (cnic: string): string | null => {
  const d = cnic.replace(/[\s-]/g, '');
  return /^\d{13}$/.test(d) ? d : null;
};

/** The hash a bank computes from its account holder's CNIC: lower-case hex. */
export const holderHash = (key: Buffer, cnic: string): string =>
  createHmac('sha256', key)
    .update(cnicDigits(cnic) ?? cnic)
    .digest('hex');

export const sameHolder = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
