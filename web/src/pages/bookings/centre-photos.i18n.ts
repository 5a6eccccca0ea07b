import { addStrings } from './strings';

// Strings of a centre's public photos (CentrePhotos.tsx) and of staff publishing one (decision 0072).
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
      ownerAgreed: 'The centre’s owner agreed to show it publicly.',
      save: 'Publish the photo',
      cancel: 'Cancel',
      tooLarge: 'Over 400 KB: upload a smaller copy to publish it.',
      failedInspection: 'Photos of a failed inspection stay with staff.',
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
      ownerAgreed: 'مرکز کے مالک نے اسے عوامی طور پر دکھانے کی اجازت دی ہے۔',
      save: 'تصویر شائع کریں',
      cancel: 'منسوخ کریں',
      tooLarge: '400 KB سے بڑی ہے: شائع کرنے کے لیے چھوٹی نقل اپ لوڈ کریں۔',
      failedInspection: 'ناکام معائنے کی تصاویر صرف عملے کے پاس رہتی ہیں۔',
    },
  },
};

addStrings(en, ur, 'bk.pub.photos');
