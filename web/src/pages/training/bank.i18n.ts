import { addStrings } from '../bookings/strings';

// A trainer's bank account for stipends and their stipends, in both languages (joins `trb`).
const en = {
  trb: {
    title: 'My stipends and bank account',
    lead: 'Your stipend is paid by bank transfer to the IBAN you record here. It is kept encrypted; staff see only its last four digits.',
    iban: 'IBAN',
    ibanHint:
      '24 characters starting with PK, as on your cheque book or banking app, e.g. PK36 SCBL 0000 0011 2345 6702',
    ibanInvalid:
      'This is not a Pakistani IBAN: check the letters and digits (PK, two check digits, the bank’s four letters and 16 digits).',
    save: 'Save my IBAN',
    saved: 'Saved. Stipends held for want of an IBAN go in the next payment file.',
    current: 'On record: {{iban}} (changed {{d}})',
    none: 'No IBAN on record yet: your earned stipends are held until you add one.',
    stipends: 'My stipends',
    noStipends: 'No stipend has been run for you yet.',
    held: 'Held: no bank account (IBAN) recorded',
    heldNoTrainer: 'Held: no trainer to pay',
  },
};

const ur: typeof en = {
  trb: {
    title: 'میرے وظائف اور بینک اکاؤنٹ',
    lead: 'آپ کا وظیفہ بینک ٹرانسفر سے اسی IBAN پر ادا ہوتا ہے جو آپ یہاں درج کریں۔ یہ خفیہ (انکرپٹڈ) رکھا جاتا ہے؛ عملہ صرف اس کے آخری چار ہندسے دیکھتا ہے۔',
    iban: 'IBAN',
    ibanHint:
      'PK سے شروع ہونے والے 24 حروف، جیسے آپ کی چیک بک یا بینکنگ ایپ پر ہیں، مثلاً PK36 SCBL 0000 0011 2345 6702',
    ibanInvalid:
      'یہ پاکستانی IBAN نہیں ہے: حروف اور ہندسے دوبارہ دیکھیں (PK، دو چیک ہندسے، بینک کے چار حروف اور 16 ہندسے)۔',
    save: 'میرا IBAN محفوظ کریں',
    saved: 'محفوظ ہو گیا۔ IBAN نہ ہونے کی وجہ سے روکے گئے وظائف اگلی ادائیگی فائل میں شامل ہوں گے۔',
    current: 'درج شدہ: {{iban}} (تبدیلی {{d}})',
    none: 'ابھی کوئی IBAN درج نہیں: آپ کے کمائے ہوئے وظائف IBAN درج ہونے تک روکے رہیں گے۔',
    stipends: 'میرے وظائف',
    noStipends: 'آپ کے لیے ابھی کوئی وظیفہ نہیں چلایا گیا۔',
    held: 'روکا گیا: بینک اکاؤنٹ (IBAN) درج نہیں',
    heldNoTrainer: 'روکا گیا: ادائیگی کے لیے کوئی ٹرینر نہیں',
  },
};

addStrings(en, ur, 'trb.title');
