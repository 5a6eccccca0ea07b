import { addStrings } from '../bookings/strings';

// The fund's documents, appeals and currencies (issue 16's last parts), in both languages; merged
// into the fund's strings (fund.i18n.ts, which would pass 400 lines with them).
const en = {
  fund: {
    currency: 'Currency',
    amountIn: 'Amount ({{currency}})',
    files: {
      title: 'Documents',
      none: 'No documents uploaded yet.',
      kind: 'What the file is',
      upload: 'Upload a PDF, JPEG or PNG (at most 10 MB)',
      personal: 'personal data: each look is recorded',
      kinds: {
        pitch_deck: 'Pitch deck',
        incorporation: 'Incorporation papers',
        founder_id: 'Founder’s ID',
        term_sheet: 'Term sheet',
        subscription_agreement: 'Subscription agreement',
        arrival_proof: 'Proof of arrival',
        other: 'Other',
      },
    },
    appeal: {
      title: 'Appeal the decision',
      until: 'You may appeal once, until {{date}}.',
      text: 'Why the decision should change',
      send: 'Send the appeal',
      status: 'Appeal: {{status}}',
      statuses: { pending: 'waiting for a decision', upheld: 'upheld', rejected: 'rejected' },
      staffTitle: 'Appeals on grant decisions',
      outcome: 'Outcome',
      reason: 'Reason',
    },
  },
};

const ur = {
  fund: {
    currency: 'کرنسی',
    amountIn: 'رقم ({{currency}})',
    files: {
      title: 'دستاویزات',
      none: 'ابھی کوئی دستاویز اپ لوڈ نہیں ہوئی۔',
      kind: 'یہ فائل کیا ہے',
      upload: 'پی ڈی ایف، جے پیگ یا پی این جی اپ لوڈ کریں (زیادہ سے زیادہ 10 ایم بی)',
      personal: 'ذاتی معلومات: ہر بار دیکھنا ریکارڈ ہوتا ہے',
      kinds: {
        pitch_deck: 'پِچ ڈیک',
        incorporation: 'کمپنی کی رجسٹریشن کے کاغذات',
        founder_id: 'بانی کا شناختی کارڈ',
        term_sheet: 'ٹرم شیٹ',
        subscription_agreement: 'سبسکرپشن معاہدہ',
        arrival_proof: 'رقم پہنچنے کا ثبوت',
        other: 'دیگر',
      },
    },
    appeal: {
      title: 'فیصلے کے خلاف اپیل',
      until: 'آپ {{date}} تک ایک بار اپیل کر سکتے ہیں۔',
      text: 'فیصلہ کیوں بدلنا چاہیے',
      send: 'اپیل بھیجیں',
      status: 'اپیل: {{status}}',
      statuses: { pending: 'فیصلے کی منتظر', upheld: 'منظور', rejected: 'مسترد' },
      staffTitle: 'گرانٹ کے فیصلوں پر اپیلیں',
      outcome: 'نتیجہ',
      reason: 'وجہ',
    },
  },
};

addStrings(en, ur, 'fund.files.title');
