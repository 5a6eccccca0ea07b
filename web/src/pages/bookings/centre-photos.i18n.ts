import { addStrings } from './strings';

// Strings of a centre's public photos (CentrePhotos.tsx), staff publishing one (decision 0072) and
// the owner's consent to it (PhotoConsent.tsx, decision 0078).
const en = {
  bk: {
    pub: {
      photos: 'Photos',
      publish: 'Show on the public page',
      published: 'On the public page',
      withdraw: 'Take off the public page',
      altEn: 'What the photo shows (English)',
      altUr: 'What the photo shows (Urdu)',
      altHint:
        'For people who cannot see it: say what is in it, such as “the hot-desk hall with twelve desks”.',
      noPeople: 'I checked that no person can be recognised in this photo.',
      save: 'Publish the photo',
      cancel: 'Cancel',
      failedInspection: 'Photos of a failed inspection stay with staff.',
      noConsent: 'Waiting for the centre’s owner to consent to showing it publicly (on their set-up page).',
      consentIntro:
        'A photo of your centre is shown on its public page only if you consent and staff then publish it. Turn consent off at any time: the photo leaves the public page at once.',
      consentLabel: 'I consent to showing this photo on the centre’s public page',
      consentGiven: 'Consent given; staff may publish it',
      consentPublic: 'Consent given; on the public page',
      consentNone: 'No consent: not public',
    },
  },
};

const ur = {
  bk: {
    pub: {
      photos: 'تصاویر',
      publish: 'عوامی صفحے پر دکھائیں',
      published: 'عوامی صفحے پر موجود',
      withdraw: 'عوامی صفحے سے ہٹائیں',
      altEn: 'تصویر میں کیا ہے (انگریزی)',
      altUr: 'تصویر میں کیا ہے (اردو)',
      altHint:
        'ان لوگوں کے لیے جو اسے دیکھ نہیں سکتے: بتائیں اس میں کیا ہے، مثلاً "بارہ میزوں والا ہاٹ ڈیسک ہال"۔',
      noPeople: 'میں نے جانچ لیا ہے کہ اس تصویر میں کسی شخص کو پہچانا نہیں جا سکتا۔',
      save: 'تصویر شائع کریں',
      cancel: 'منسوخ کریں',
      failedInspection: 'ناکام معائنے کی تصاویر صرف عملے کے پاس رہتی ہیں۔',
      noConsent:
        'مرکز کے مالک کی رضامندی کا انتظار ہے کہ اسے عوامی طور پر دکھایا جائے (ان کے سیٹ اپ صفحے پر)۔',
      consentIntro:
        'آپ کے مرکز کی تصویر اس کے عوامی صفحے پر صرف تب دکھائی جاتی ہے جب آپ رضامندی دیں اور پھر عملہ اسے شائع کرے۔ رضامندی کسی بھی وقت واپس لیں: تصویر فوراً عوامی صفحے سے ہٹ جاتی ہے۔',
      consentLabel: 'میں اس تصویر کو مرکز کے عوامی صفحے پر دکھانے کی رضامندی دیتا/دیتی ہوں',
      consentGiven: 'رضامندی دی گئی؛ عملہ اسے شائع کر سکتا ہے',
      consentPublic: 'رضامندی دی گئی؛ عوامی صفحے پر موجود',
      consentNone: 'رضامندی نہیں: عوامی نہیں',
    },
  },
};

addStrings(en, ur, 'bk.pub.photos');
