import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimRulesEn, claimRulesUr } from './claim-problems.i18n';
import { claimProblemText } from './claims-lib';

// The same bundle shape loans.i18n.ts adds to the app (loans.claims.file.rule.*), on its own
// i18next instance so the test needs no browser.
const i18n = i18next.createInstance();
const bundle = (rule: object) => ({ translation: { loans: { claims: { file: { rule } } } } });
beforeAll(async () => {
  await i18n.init({
    resources: { en: bundle(claimRulesEn), ur: bundle(claimRulesUr) },
    lng: 'ur',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});
const t = (key: string, options: Record<string, unknown>) => i18n.t(key, options) as string;

// Problems exactly as the server sends them for a bad claim file.
const header = {
  message: 'the header must be exactly "loan_id,claimed_pkr"',
  rule: 'claim_header',
  params: { row: 1, expected: 'loan_id,claimed_pkr' },
};
const duplicate = {
  message: 'repeats row 2',
  rule: 'claim_duplicate_loan',
  params: { row: 3, column: 'loan_id', firstRow: 2 },
};
const amount = {
  message: 'must be rupees with at most two decimals and no separators, e.g. 415890.41',
  rule: 'claim_amount_format',
  params: { row: 5, column: 'claimed_pkr', example: '415890.41' },
};

describe('claim file problems in the reader’s language', () => {
  it('English readers get the server’s English as sent', () => {
    expect(claimProblemText(duplicate, 'en', t)).toEqual({ text: 'repeats row 2', lang: 'en' });
  });

  it('Urdu readers get each rule worded in Urdu with its figures', () => {
    expect(claimProblemText(header, 'ur', t)).toEqual({
      text: 'پہلی سطر (ہیڈر) بالکل یہ ہونی چاہیے: \u2066loan_id,claimed_pkr\u2069',
      lang: 'ur',
    });
    expect(claimProblemText(duplicate, 'ur', t).text).toBe('یہ قرضہ سطر 2 میں پہلے آ چکا ہے');
    expect(claimProblemText(amount, 'ur', t).text).toBe(
      'رقم روپوں میں لکھیں، زیادہ سے زیادہ دو اعشاریہ کے ساتھ اور بغیر کاما کے، جیسے \u2066415890.41\u2069',
    );
    expect(
      claimProblemText(
        { message: 'is not a loan of this bank', rule: 'claim_unknown_loan', params: { row: 4 } },
        'ur',
        t,
      ).text,
    ).toBe('یہ اس بینک کا قرضہ نہیں');
    expect(
      claimProblemText(
        {
          message: 'must have 2 columns, has 3',
          rule: 'claim_columns',
          params: { row: 6, expected: 2, found: 3 },
        },
        'ur',
        t,
      ).text,
    ).toBe('اس سطر میں 2 کالم ہونے چاہئیں، 3 ہیں');
  });

  it('every rule has Urdu wording of its own, not the English', () => {
    for (const [rule, en] of Object.entries(claimRulesEn))
      expect(claimRulesUr[rule as keyof typeof claimRulesUr]).not.toBe(en);
  });

  it('an unknown rule, or none, falls back to the English, marked as English', () => {
    expect(claimProblemText({ message: 'odd thing', rule: 'claim_new_rule' }, 'ur', t)).toEqual({
      text: 'odd thing',
      lang: 'en',
    });
    expect(claimProblemText({ message: 'has no lines' }, 'ur', t)).toEqual({
      text: 'has no lines',
      lang: 'en',
    });
  });
});
