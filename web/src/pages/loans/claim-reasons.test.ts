import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_REASON_CODES } from '../../../../src/modules/loans/claim-reasons.ts';
import { formatDate } from '../../lib/format';
import { claimReasonsEn, claimReasonsUr } from './claim-reasons.i18n';
import { claimReasonText } from './claims-lib';

// The bundle shape claims.i18n.ts adds to the app (loans.claims.detail.reason.*), on its own
// i18next instance so the test needs no browser.
const i18n = i18next.createInstance();
const bundle = (reason: object) => ({ translation: { loans: { claims: { detail: { reason } } } } });
beforeAll(async () => {
  await i18n.init({
    resources: { en: bundle(claimReasonsEn), ur: bundle(claimReasonsUr) },
    lng: 'ur',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});
const t = (key: string, options: Record<string, unknown>) => i18n.t(key, options) as string;
const urDay = (d: string) => formatDate(d, 'ur');

// Lines exactly as the server sends them (src/modules/loans/claims.repository.ts).
const partlyLoss = {
  reason: 'partly ineligible: classified loss from 2026-05-11',
  reasonCode: 'partly_classified_loss',
  reasonParams: { date: '2026-05-11' },
};
const none = { reason: 'no subsidy accrued in the quarter', reasonCode: 'no_subsidy', reasonParams: {} };

describe('claim line reasons in the reader’s language', () => {
  it('Urdu readers get the reason worded in Urdu with the day as Urdu writes it', () => {
    const shown = claimReasonText(partlyLoss, t, urDay);
    expect(shown).toEqual({
      text: `جزوی طور پر نااہل: ${urDay('2026-05-11')} سے نقصان قرار دیا گیا`,
      lang: null,
    });
    expect(shown?.text).not.toContain('partly');
    expect(claimReasonText(none, t, urDay)?.text).toBe('اس سہ ماہی میں کوئی سبسڈی واجب نہیں ہوئی');
  });

  it('every code the server can send has Urdu wording of its own', () => {
    expect(Object.keys(claimReasonsUr).sort()).toEqual([...CLAIM_REASON_CODES].sort());
    expect(Object.keys(claimReasonsEn).sort()).toEqual([...CLAIM_REASON_CODES].sort());
    for (const [code, en] of Object.entries(claimReasonsEn))
      expect(claimReasonsUr[code as keyof typeof claimReasonsUr]).not.toBe(en);
  });

  it('a reason without a code stays the server’s English, marked as English; none shows nothing', () => {
    expect(claimReasonText({ reason: 'odd thing', reasonCode: null, reasonParams: {} }, t, urDay)).toEqual({
      text: 'odd thing',
      lang: 'en',
    });
    expect(claimReasonText({ reason: null, reasonCode: null, reasonParams: {} }, t, urDay)).toBeNull();
  });
});
