/**
 * Why a claim line (or a clawback) is reduced or excluded, as a stable code with its date. The
 * English reason is what is stored (claim lines and clawbacks are append-only), so the code is
 * read back from it here, beside the one place that writes it: the web app words each code in the
 * reader's language (the server sends stable codes, the web app owns the words).
 */
export const CLAIM_REASON_CODES = [
  'classified_loss',
  'closed',
  'no_subsidy',
  'partly_classified_loss',
  'partly_closed',
  'classified_loss_from',
] as const;
export type ClaimReasonCode = (typeof CLAIM_REASON_CODES)[number];
export type ClaimReason = { code: ClaimReasonCode; date: string | null };

const DAY = '(\\d{4}-\\d{2}-\\d{2})';
const WORDING: Record<ClaimReasonCode, { en: (date: string) => string; read: RegExp }> = {
  classified_loss: { en: (d) => `classified loss on ${d}`, read: new RegExp(`^classified loss on ${DAY}$`) },
  closed: { en: (d) => `closed on ${d}`, read: new RegExp(`^closed on ${DAY}$`) },
  no_subsidy: { en: () => 'no subsidy accrued in the quarter', read: /^no subsidy accrued in the quarter$/ },
  partly_classified_loss: {
    en: (d) => `partly ineligible: classified loss from ${d}`,
    read: new RegExp(`^partly ineligible: classified loss from ${DAY}$`),
  },
  partly_closed: {
    en: (d) => `partly ineligible: closed on ${d}`,
    read: new RegExp(`^partly ineligible: closed on ${DAY}$`),
  },
  // A clawback's reason (clawback.service.ts words it in SQL the same way).
  classified_loss_from: {
    en: (d) => `classified loss from ${d}`,
    read: new RegExp(`^classified loss from ${DAY}$`),
  },
};

/** The English reason stored for a code. */
export function claimReasonText(reason: ClaimReason): string {
  return WORDING[reason.code].en(reason.date ?? '');
}

/** A stored reason as its code and date; null for no reason or one not written by this module. */
export function readClaimReason(text: string | null): ClaimReason | null {
  if (!text) return null;
  for (const code of CLAIM_REASON_CODES) {
    const m = WORDING[code].read.exec(text);
    if (m) return { code, date: m[1] ?? null };
  }
  return null;
}
