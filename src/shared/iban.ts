/**
 * Pakistani IBANs (ISO 13616): the one checker used wherever Markaz takes an account number —
 * remittance consents and attestations, trainers' stipend accounts.
 */

/** The four letters after the check digits: the bank that keeps the account (SBP's bank code). */
export const ibanBankCode = (iban: string): string => iban.slice(4, 8);

/** An IBAN as people type it (spaces, dashes, lower case) in the stored form, or null when it is not one. */
export function normaliseIban(raw: string): string | null {
  const iban = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^PK\d{2}[A-Z]{4}\d{16}$/.test(iban)) return null;
  return ibanChecksumOk(iban) ? iban : null;
}

const mod97 = (text: string): number => {
  let rest = 0;
  for (const ch of text) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
};

/** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 must be 1. */
function ibanChecksumOk(iban: string): boolean {
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** A valid IBAN for a bank's four-letter code and account digits (tests and the demo). */
export function makeIban(bankLetters: string, account16: string): string {
  const rest = mod97(`${bankLetters}${account16}PK00`);
  return `PK${String(98 - rest).padStart(2, '0')}${bankLetters}${account16}`;
}

/** `PK36SCBL0000001123456702` → `PK36 SCBL **** **** **** 6702`: the bank and the last four digits. */
export function maskIban(iban: string | null): string | null {
  if (!iban) return iban;
  const v = iban.replace(/\s/g, '');
  if (v.length < 12) return '*'.repeat(v.length);
  return `${v.slice(0, 4)} ${v.slice(4, 8)} **** **** **** ${v.slice(-4)}`;
}
