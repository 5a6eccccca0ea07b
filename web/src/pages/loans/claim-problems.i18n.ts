// The claim file's row and column problems, by the stable rule the server names (`claim_*`) and
// its params ({row, column, …}). No side effects, so a unit test can load the wording directly.
// English readers see the server's own English; these English lines are the fallback wording.
export const claimRulesEn = {
  claim_header: 'The first line (the header) must be exactly {{expected}}',
  claim_columns: 'Must have {{expected}} columns, has {{found}}',
  claim_unclosed_quote: 'A quoted cell opened on this line is never closed',
  claim_stray_quote: 'Has a quote out of place: quote the whole cell and write a quote inside it as ""',
  claim_malformed: 'Is not valid CSV',
  claim_loan_id_format: 'Must be a Markaz loan id (UUID)',
  claim_duplicate_loan: 'Repeats row {{firstRow}}',
  claim_unknown_loan: 'Is not a loan of this bank',
  claim_amount_format: 'Must be rupees with at most two decimals and no separators, e.g. {{example}}',
  claim_negative: 'Must not be negative',
  claim_empty: 'Has no lines after the header',
};

export const claimRulesUr: typeof claimRulesEn = {
  claim_header: 'پہلی سطر (ہیڈر) بالکل یہ ہونی چاہیے: \u2066{{expected}}\u2069',
  claim_columns: 'اس سطر میں {{expected}} کالم ہونے چاہئیں، {{found}} ہیں',
  claim_unclosed_quote: 'اس سطر میں کھولا گیا کوٹیشن نشان (") کہیں بند نہیں ہوا',
  claim_stray_quote:
    'اس سطر میں کوٹیشن نشان (") غلط جگہ پر ہے: پورے خانے کو کوٹیشن میں رکھیں اور اندر کا نشان دو بار \u2066""\u2069 لکھیں',
  claim_malformed: 'یہ سطر درست CSV نہیں',
  claim_loan_id_format: 'مرکز کے قرضے کی شناخت (UUID) ہونی چاہیے',
  claim_duplicate_loan: 'یہ قرضہ سطر {{firstRow}} میں پہلے آ چکا ہے',
  claim_unknown_loan: 'یہ اس بینک کا قرضہ نہیں',
  claim_amount_format:
    'رقم روپوں میں لکھیں، زیادہ سے زیادہ دو اعشاریہ کے ساتھ اور بغیر کاما کے، جیسے \u2066{{example}}\u2069',
  claim_negative: 'رقم منفی نہیں ہو سکتی',
  claim_empty: 'ہیڈر کے بعد فائل میں کوئی سطر نہیں',
};
