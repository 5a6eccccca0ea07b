import type { Bilingual } from './bilingual.ts';

// Freelancers: their bookings, the waitlist, refunds, new centres near them.

export type FreelancerKind =
  | 'booking.confirmed'
  | 'booking.reminder'
  | 'booking.cancelled_by_centre'
  | 'booking.refunded'
  | 'booking.no_show'
  | 'waitlist.offer'
  | 'centre.opened_nearby';

const more = (n: string | undefined, en: boolean) =>
  n && n !== '0' ? (en ? ` and ${n} more` : ` اور ${n} مزید`) : '';

export const freelancer: Bilingual<FreelancerKind> = {
  en: {
    'booking.confirmed': (p) => ({
      subject: `Booked: ${p.centre}, ${p.start}${more(p.more, true)}`,
      text: `Your seat at ${p.centre} is booked for ${p.start}${more(p.more, true)}. Show the check-in code at the desk when you arrive; cancel in Markaz if your plans change.`,
      sms: `Markaz: seat at ${p.centre} booked for ${p.start}${more(p.more, true)}.`,
    }),
    'booking.reminder': (p) => ({
      subject: `Your seat at ${p.centre} starts at ${p.start}`,
      text: `A reminder: your booking at ${p.centre} starts at ${p.start}. Show the check-in code at the desk.`,
      sms: `Markaz: your seat at ${p.centre} starts at ${p.start}.`,
    }),
    'booking.cancelled_by_centre': (p) => ({
      subject: `Your booking at ${p.centre} was cancelled by the centre`,
      text: `The centre ${p.centre} cancelled your booking of ${p.start}.${p.refund === 'yes' ? ' You paid for it: the centre owes you a full refund.' : ''} You can book another seat in Markaz.`,
      sms: `Markaz: ${p.centre} cancelled your booking of ${p.start}.${p.refund === 'yes' ? ' A full refund is due.' : ''}`,
    }),
    'booking.refunded': (p) => ({
      subject: `${p.centre} refunded ${p.amount}`,
      text: `${p.centre} recorded that it paid you back ${p.amount} for your booking of ${p.start}, which the centre cancelled. If you have not received it, contact the centre.`,
      sms: `Markaz: ${p.centre} refunded ${p.amount} for ${p.start}.`,
    }),
    'booking.no_show': (p) => ({
      subject: `Your seat at ${p.centre} was released`,
      text: `Nobody checked in for your booking at ${p.centre} of ${p.start}, so the seat was released for others. Please cancel in Markaz when you cannot come.`,
      sms: `Markaz: no check-in at ${p.centre} for ${p.start}; seat released.`,
    }),
    'waitlist.offer': (p) => ({
      subject: `A seat is free at ${p.centre}: take it by ${p.until}`,
      text: `A seat came free at ${p.centre} for ${p.start}, the window you queued for. It is held for you until ${p.until}; take it in Markaz before then or it passes to the next in line.`,
      sms: `Markaz: seat free at ${p.centre} ${p.start}. Take it by ${p.until}.`,
    }),
    'centre.opened_nearby': (p) => ({
      subject: `A new centre opened near you: ${p.centre}`,
      text: `${p.centre} is now open, about ${p.km} km from the place you chose. You can book a seat there in Markaz.`,
      sms: `Markaz: ${p.centre} is now open, about ${p.km} km from you.`,
    }),
  },
  ur: {
    'booking.confirmed': (p) => ({
      subject: `بکنگ ہو گئی: ${p.centre_ur || p.centre}، ${p.start}${more(p.more, false)}`,
      text: `${p.centre_ur || p.centre} میں آپ کی نشست ${p.start}${more(p.more, false)} کے لیے بُک ہو گئی۔ پہنچ کر کاؤنٹر پر چیک اِن کوڈ دکھائیں؛ پروگرام بدلے تو مرکز میں منسوخ کریں۔`,
      sms: `مرکز: ${p.centre_ur || p.centre} میں ${p.start} کی نشست بُک`,
    }),
    'booking.reminder': (p) => ({
      subject: `${p.centre_ur || p.centre} میں آپ کی نشست ${p.start} پر شروع ہوگی`,
      text: `یاد دہانی: ${p.centre_ur || p.centre} میں آپ کی بکنگ ${p.start} پر شروع ہوگی۔ کاؤنٹر پر چیک اِن کوڈ دکھائیں۔`,
      sms: `مرکز: ${p.centre_ur || p.centre} میں نشست ${p.start} پر`,
    }),
    'booking.cancelled_by_centre': (p) => ({
      subject: `${p.centre_ur || p.centre} نے آپ کی بکنگ منسوخ کر دی`,
      text: `مرکز ${p.centre_ur || p.centre} نے ${p.start} کی آپ کی بکنگ منسوخ کر دی۔${p.refund === 'yes' ? ' آپ نے ادائیگی کی تھی: مرکز آپ کو پوری رقم واپس کرے گا۔' : ''} آپ مرکز میں دوسری نشست بُک کر سکتے ہیں۔`,
      sms: `مرکز: ${p.centre_ur || p.centre} نے ${p.start} کی بکنگ منسوخ کی${p.refund === 'yes' ? '، رقم واپس ہوگی' : ''}`,
    }),
    'booking.refunded': (p) => ({
      subject: `${p.centre_ur || p.centre} نے ${p.amount} واپس کر دیے`,
      text: `${p.centre_ur || p.centre} نے درج کیا کہ اس نے ${p.start} کی منسوخ شدہ بکنگ کے ${p.amount} آپ کو واپس کر دیے۔ اگر رقم نہیں ملی تو مرکز سے رابطہ کریں۔`,
      sms: `مرکز: ${p.start} کی بکنگ کے ${p.amount} واپس ہو گئے`,
    }),
    'booking.no_show': (p) => ({
      subject: `${p.centre_ur || p.centre} میں آپ کی نشست چھوڑ دی گئی`,
      text: `${p.centre_ur || p.centre} میں ${p.start} کی بکنگ پر کوئی چیک اِن نہیں ہوا، اس لیے نشست دوسروں کے لیے چھوڑ دی گئی۔ نہ آ سکیں تو مرکز میں بکنگ منسوخ کریں۔`,
      sms: `مرکز: ${p.start} پر چیک اِن نہیں ہوا، نشست چھوڑ دی گئی`,
    }),
    'waitlist.offer': (p) => ({
      subject: `${p.centre_ur || p.centre} میں نشست خالی: ${p.until} تک لے لیں`,
      text: `${p.centre_ur || p.centre} میں ${p.start} کے لیے، جس کا آپ انتظار کر رہے تھے، ایک نشست خالی ہوئی ہے۔ یہ ${p.until} تک آپ کے لیے رکی ہے؛ اس سے پہلے مرکز میں لے لیں ورنہ اگلے شخص کو ملے گی۔`,
      sms: `مرکز: ${p.start} کی نشست خالی، ${p.until} تک لے لیں`,
    }),
    'centre.opened_nearby': (p) => ({
      subject: `آپ کے قریب نیا مرکز کھلا: ${p.centre_ur || p.centre}`,
      text: `${p.centre_ur || p.centre} اب کھل گیا ہے، آپ کی چنی ہوئی جگہ سے تقریباً ${p.km} کلومیٹر پر۔ آپ مرکز میں وہاں نشست بُک کر سکتے ہیں۔`,
      sms: `مرکز: ${p.centre_ur || p.centre} کھل گیا، ${p.km} کلومیٹر پر`,
    }),
  },
};
