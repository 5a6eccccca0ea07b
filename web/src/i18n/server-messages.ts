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
  [/^is required for a bank officer$/, () => 'بینک افسر کے لیے بینک منتخب کرنا ضروری ہے'],
  [/^must be a bank$/, () => 'یہ بینک ہونا چاہیے'],
  [/^no such organisation$/, () => 'ایسا کوئی ادارہ نہیں'],
  [/capital letters, digits or dashes/, () => '2 سے 32 بڑے انگریزی حروف، ہندسے یا ڈیش ہونے چاہئیں'],
];

export function localizeServerMessage(message: string, lang: string): string {
  if (lang !== 'ur') return message;
  for (const [re, make] of UR) {
    const m = message.match(re);
    if (m) return make(m);
  }
  return message;
}
