import { formatDate } from '../lib/format';

/**
 * The server writes field messages in English ("is already registered"). For Urdu readers the
 * known ones are translated here; an unknown message is shown as the server wrote it.
 */
const UR: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^is required$/, () => 'یہ خانہ ضروری ہے'],
  [/^must be an email address$/, () => 'درست ای میل پتہ لکھیں'],
  [/^is already registered$/, () => 'پہلے سے رجسٹرڈ ہے'],
  [/^must be a Pakistani mobile number/, () => 'پاکستانی موبائل نمبر لکھیں، جیسے \u20660300 1234567\u2069'],
  [/^must be 13 digits/, () => 'شناختی کارڈ کے 13 ہندسے لکھیں، جیسے \u206635202\u20111234567\u20111\u2069'],
  [/^must be at least (\d+) characters$/, (m) => `کم از کم ${m[1]} حروف ہونے چاہئیں`],
  [/^must be at most (\d+) characters$/, (m) => `زیادہ سے زیادہ ${m[1]} حروف ہو سکتے ہیں`],
  [/^is too common/, () => 'یہ بہت عام ہے؛ کوئی اور منتخب کریں'],
  [/^must not repeat one character$/, () => 'ایک ہی حرف بار بار نہیں ہونا چاہیے'],
  [/^must not contain your email address$/, () => 'اس میں آپ کا ای میل پتہ شامل نہیں ہونا چاہیے'],
  [/^is wrong$/, () => 'غلط ہے'],
  [/^is wrong, used or expired/, () => 'غلط ہے، استعمال ہو چکا یا اس کی مدت ختم ہو گئی؛ نیا منگوائیں'],
  [/^must be the 6 digits sent to you$/, () => 'بھیجے گئے 6 ہندسے لکھیں'],
  [/^must be an email, a mobile number or a CNIC$/, () => 'ای میل، موبائل نمبر یا شناختی کارڈ نمبر لکھیں'],
  [/^is already yours and confirmed$/, () => 'یہ پہلے سے آپ کا اور تصدیق شدہ ہے'],
  [/^send either a mobile or an email$/, () => 'موبائل یا ای میل میں سے ایک بھیجیں'],
  [/^is not a whole link$/, () => 'لنک پورا نہیں؛ ای میل سے دوبارہ کھولیں'],
  [/^is required for a bank officer$/, () => 'بینک افسر کے لیے بینک منتخب کرنا ضروری ہے'],
  [/^must be a bank$/, () => 'یہ بینک ہونا چاہیے'],
  [/^no such organisation$/, () => 'ایسا کوئی ادارہ نہیں'],
  [/capital letters, digits or dashes/, () => '2 سے 32 بڑے انگریزی حروف، ہندسے یا ڈیش ہونے چاہئیں'],
];

type Params = Record<string, unknown>;
const num = (v: unknown) => String(v ?? '');
/** A day the server names ("2026-12-01") as Urdu readers write it ("1 دسمبر، 2026"). */
const day = (p: Params) => (typeof p.date === 'string' ? formatDate(p.date, 'ur') : '');

/** Urdu for the stable rules the server names (`rule`, with `params`), whatever the English said. */
const UR_RULES: Record<string, (p: Params) => string | undefined> = {
  required: () => 'یہ خانہ ضروری ہے',
  too_small: (p) =>
    p.origin === 'string'
      ? `کم از کم ${num(p.minimum)} حروف ہونے چاہئیں`
      : p.origin === 'array'
        ? `کم از کم ${num(p.minimum)} ہونے چاہئیں`
        : p.inclusive === false
          ? `${num(p.minimum)} سے زیادہ ہونا چاہیے`
          : `کم از کم ${num(p.minimum)} ہونا چاہیے`,
  too_big: (p) =>
    p.origin === 'string'
      ? `زیادہ سے زیادہ ${num(p.maximum)} حروف ہو سکتے ہیں`
      : p.origin === 'array'
        ? `زیادہ سے زیادہ ${num(p.maximum)} ہو سکتے ہیں`
        : p.inclusive === false
          ? `${num(p.maximum)} سے کم ہونا چاہیے`
          : `زیادہ سے زیادہ ${num(p.maximum)} ہو سکتا ہے`,
  invalid_format: (p) =>
    ({
      email: 'درست ای میل پتہ لکھیں',
      url: 'درست ویب پتہ لکھیں (https://…)',
      date: 'تاریخ اس طرح لکھیں: \u20662026-12-01\u2069',
      datetime: 'تاریخ اور وقت درست لکھیں',
      time: 'وقت اس طرح لکھیں: \u206609:30\u2069',
      uuid: 'درست شناخت نہیں',
    })[String(p.format)] ?? 'درست انداز میں نہیں لکھا گیا',
  invalid_type: () => 'درست قسم کی قدر نہیں',
  invalid_value: (p) =>
    Array.isArray(p.values) ? `ان میں سے ایک ہونا چاہیے: \u2066${p.values.join('، ')}\u2069` : undefined,
  not_multiple_of: (p) => `${num(p.divisor)} کا ضرب ہونا چاہیے`,
  // Booking rules (src/modules/bookings/booking-window.ts).
  end_after_start: () => 'اختتام کا وقت آغاز کے بعد ہونا چاہیے',
  start_in_past: (p) => `${day(p)}: آغاز کا وقت گزر چکا ہے`,
  min_notice: (p) => `${day(p)}: کم از کم ${num(p.minutes)} منٹ پہلے بک کریں`,
  too_far_ahead: (p) => `${day(p)}: زیادہ سے زیادہ ${num(p.days)} دن آگے تک بک ہو سکتا ہے`,
  // The owner's Urdu reason where they gave one (`reasonUr`), else their English.
  centre_closure: (p) => `${day(p)}: مرکز بند ہے (\u2068${num(p.reasonUr ?? p.reason)}\u2069)`,
  closed_that_day: (p) => `${day(p)}: اس دن مرکز بند ہے`,
  outside_hours: (p) =>
    p.opens
      ? `${day(p)}: مرکز کے اوقات (\u2066${num(p.opens)}–${num(p.closes)}\u2069) سے باہر`
      : `${day(p)}: مرکز کے اوقات سے باہر`,
  too_long: (p) => `ایک بکنگ میں زیادہ سے زیادہ ${num(p.hours)} گھنٹے`,
  // Bank-attested earnings: a consent (src/modules/remittances/consent.service.ts).
  remit_iban: () => 'یہ پاکستانی آئی بان نہیں (PK، 2 چیک ہندسے، پھر 20 حروف و ہندسے)',
  remit_iban_bank: (p) =>
    `یہ اکاؤنٹ منتخب کردہ بینک کا نہیں: اس بینک کے آئی بان میں \u2066${num(p.expected)}\u2069 آتا ہے`,
  remit_cnic_missing: () =>
    'پہلے اپنے اکاؤنٹ میں شناختی کارڈ نمبر درج کریں: بینک اسی سے تصدیق کرتا ہے کہ اکاؤنٹ آپ کا ہے',
  remit_bank_not_ready: () => 'یہ بینک ابھی رپورٹ کے لیے تیار نہیں: اس کا آئی بان کوڈ درج نہیں ہوا',
  remit_bank: () => 'شراکت دار بینک منتخب کریں',
  sig_key_pem: () => 'یہ منتخب الگورتھم کی PEM عوامی کلید نہیں',
  sig_key_taken: () => 'یہ کلید شناخت اس بینک میں پہلے سے استعمال ہو چکی ہے',
  sig_no_key: () => 'دستخط لازمی کرنے سے پہلے ایک عوامی کلید درج کریں',
  remit_consent_exists: () => 'اس اکاؤنٹ کی رضامندی پہلے سے موجود ہے؛ پہلے اسے واپس لیں',
  remit_expiry: () => 'آخری تاریخ آغاز کے بعد ہونی چاہیے',
  remit_expiry_past: () => 'آخری تاریخ گزر چکی ہے',
  remit_expiry_long: () => 'آغاز سے زیادہ سے زیادہ تین سال',
  remit_iban_code_taken: () => 'یہ کوڈ کسی اور بینک کا ہے',
  // Escalating a dispute, and a bank's streamed file (src/modules/remittances/).
  remit_dispute_not_confirmed: () => 'صرف وہ رقم پروگرام کو بھیجی جا سکتی ہے جس کی بینک نے تصدیق کی ہو',
  remit_dispute_escalated: () => 'یہ اعتراض پہلے ہی پروگرام کے عملے کے پاس ہے',
  upload_idle: (p) => `${num(p.seconds)} سیکنڈ تک کچھ نہیں آیا؛ کچھ محفوظ نہیں ہوا، فائل دوبارہ بھیجیں`,
  // The inspector of an inspection visit (src/modules/centers/inspection-inspector.ts).
  inspector_unknown: () => 'ایسا کوئی صارف نہیں',
  inspector_role: () => 'یہ پروگرام کا ایسا عملہ نہیں جو معائنہ کر سکے',
  inspector_disabled: () => 'یہ اکاؤنٹ بند ہے',
  cursor: () => 'پچھلے صفحے کا nextAfter ہونا چاہیے',
  // Startup fund (src/modules/fund): the committee before a decision, dated exchange rates.
  quorum: (p) =>
    `کمیٹی کا کورم ${num(p.quorum)} ارکان ہے جو مفادات کے ٹکراؤ کے بغیر نمبر دیں؛ اب تک ${num(p.scored)} نے دیے ہیں`,
  min_score: (p) =>
    `منظوری کے لیے اوسط نمبر کم از کم ${num(p.minScore)} ہونا چاہیے؛ کمیٹی کا اوسط ${num(p.averageScore)} ہے`,
  stale_exchange_rate: (p) =>
    `${num(p.currency)} کی تازہ ترین شرح \u2066${num(p.latestOn)}\u2069 کی ہے، ${num(p.ageDays)} دن پرانی (زیادہ سے زیادہ ${num(p.maxAgeDays)}): پہلے \u2066${num(p.day)}\u2069 کی شرح درج کریں`,
  currency_ceiling: (p) =>
    `زیادہ سے زیادہ \u2066${num(p.currency)} ${num(p.ceiling)}\u2069 ہو سکتا ہے (اس کرنسی کی حد)`,
  effective_in_past: (p) =>
    `آج (${day(p)}) یا بعد کی تاریخ ہونی چاہیے: اب تک کی درخواستیں اس وقت نافذ قواعد پر جانچی جا چکی ہیں`,
  no_exchange_rate: (p) =>
    p.currency ? `\u2066${num(p.day)}\u2069 یا اس سے پہلے کی ${num(p.currency)} شرح درج نہیں` : undefined,
};

/** One field's message in the reader's language: by its rule when known, else by its English. */
export function localizeFieldIssue(
  issue: { message: string; rule?: string | undefined; params?: Params | undefined },
  lang: string,
): string {
  if (lang !== 'ur') return issue.message;
  // An area's own message (e.g. "is already registered") is more specific than its generic rule.
  const byMessage = localizeServerMessage(issue.message, lang);
  if (byMessage !== issue.message) return byMessage;
  const byRule = issue.rule ? UR_RULES[issue.rule]?.(issue.params ?? {}) : undefined;
  return byRule ?? issue.message;
}

export function localizeServerMessage(message: string, lang: string): string {
  if (lang !== 'ur') return message;
  for (const [re, make] of UR) {
    const m = message.match(re);
    if (m) return make(m);
  }
  return message;
}
