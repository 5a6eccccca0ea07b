import { addStrings } from './strings';

// Strings of a booking's extras on My bookings: moving it, the centre's phone, directions, photos.
const en = {
  bk: {
    extra: {
      call: 'Call the centre: {{phone}}',
      noPhone: 'The centre has not given a phone number yet.',
      directions: 'Directions',
      mapApp: 'Open in my map app',
      directionsHint: 'Opens your phone’s map app at the centre’s location; nothing is loaded until you tap.',
      photos: 'Photos of the centre',
      photosHide: 'Hide photos',
      photoAlt: 'Photo {{n}} of {{centre}}, taken at its inspection',
      noPhotos: 'No photos of this centre yet.',
      move: 'Change time',
      moveTitle: 'Move this booking',
      moveHelp:
        'Pick a new day and time at the same centre. Your seat is kept if it is free then; nothing changes if no seat is.',
      date: 'Day',
      from: 'From',
      to: 'To',
      moveYes: 'Move booking',
      moveNo: 'Keep it as it is',
      moved: 'Booking moved. The old time is freed for others.',
      noSeat: 'No seat of this kind is free then; your booking is unchanged.',
      tryTimes: 'Free at these times that day:',
      tryNone: 'Nothing free near that time; try another day.',
      useTime: 'Use {{from}}–{{to}}',
      paidNote: 'Paid at the desk: ask the centre to move it.',
      phoneTitle: 'Contact',
      phone: 'Public phone',
      phoneHint:
        'Shown on the centre’s page and on every booking, e.g. 042 3576 1234. Leave empty to remove it.',
    },
  },
};

const ur = {
  bk: {
    extra: {
      call: 'مرکز کو فون کریں: {{phone}}',
      noPhone: 'مرکز نے ابھی فون نمبر نہیں دیا۔',
      directions: 'راستہ',
      mapApp: 'میری نقشہ ایپ میں کھولیں',
      directionsHint: 'آپ کے فون کی نقشہ ایپ مرکز کے مقام پر کھلتی ہے؛ ٹیپ کرنے سے پہلے کچھ لوڈ نہیں ہوتا۔',
      photos: 'مرکز کی تصاویر',
      photosHide: 'تصاویر چھپائیں',
      photoAlt: '{{centre}} کی تصویر {{n}}، معائنے کے وقت لی گئی',
      noPhotos: 'اس مرکز کی ابھی کوئی تصویر نہیں۔',
      move: 'وقت بدلیں',
      moveTitle: 'یہ بکنگ منتقل کریں',
      moveHelp:
        'اسی مرکز میں نیا دن اور وقت چنیں۔ اگر اس وقت آپ کی نشست خالی ہو تو وہی رہے گی؛ کوئی نشست خالی نہ ہو تو کچھ نہیں بدلے گا۔',
      date: 'دن',
      from: 'سے',
      to: 'تک',
      moveYes: 'بکنگ منتقل کریں',
      moveNo: 'جیسی ہے ویسی رکھیں',
      moved: 'بکنگ منتقل ہو گئی۔ پرانا وقت دوسروں کے لیے خالی ہو گیا۔',
      noSeat: 'اس وقت اس قسم کی کوئی نشست خالی نہیں؛ آپ کی بکنگ نہیں بدلی۔',
      tryTimes: 'اس دن ان اوقات میں جگہ خالی ہے:',
      tryNone: 'اس وقت کے قریب کچھ خالی نہیں؛ کوئی اور دن آزمائیں۔',
      useTime: '{{from}}–{{to}} لیں',
      paidNote: 'ڈیسک پر ادائیگی ہو چکی ہے: منتقل کرنے کے لیے مرکز سے کہیں۔',
      phoneTitle: 'رابطہ',
      phone: 'عوامی فون نمبر',
      phoneHint:
        'مرکز کے صفحے اور ہر بکنگ پر دکھایا جاتا ہے، مثلاً 042 3576 1234۔ ہٹانے کے لیے خالی چھوڑ دیں۔',
    },
  },
};

addStrings(en, ur, 'bk.extra.move');
