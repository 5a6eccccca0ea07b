import { addStrings } from './strings';

// The inspection visit card's strings (InspectionVisitCard.tsx), in both languages.
const en = {
  visits: {
    title: 'Inspection visit',
    booked: 'Booked:',
    window: '{{from}} to {{until}}',
    moved_one: 'moved once',
    moved_other: 'moved {{count}} times',
    none: 'No visit is booked yet. The programme books one and tells you by SMS, email and in Markaz.',
    notWaiting: 'This centre is not waiting for an inspection.',
    book: 'Book a visit',
    move: 'Move the visit',
    date: 'Date',
    from: 'From',
    to: 'Until',
    saved: 'Saved. The owner is told.',
    reason: 'Reason for cancelling (the owner reads it)',
    cancel: 'Cancel the visit',
    status: { booked: 'booked', cancelled: 'cancelled', done: 'done' },
    inspector: 'Inspector',
    noInspector: 'No inspector yet',
    inspectorIs: 'Inspector: {{name}}',
    changeInspector: 'Change the inspector',
    inspectorSaved: 'Saved. The inspectors are told.',
  },
};

const ur = {
  visits: {
    title: 'معائنے کا دورہ',
    booked: 'طے شدہ:',
    window: '{{from}} سے {{until}} تک',
    moved_one: 'ایک بار تبدیل',
    moved_other: '{{count}} بار تبدیل',
    none: 'ابھی کوئی دورہ طے نہیں۔ پروگرام دورہ طے کر کے آپ کو ایس ایم ایس، ای میل اور مرکز میں بتائے گا۔',
    notWaiting: 'یہ مرکز معائنے کا منتظر نہیں۔',
    book: 'دورہ طے کریں',
    move: 'دورے کا وقت بدلیں',
    date: 'تاریخ',
    from: 'سے',
    to: 'تک',
    saved: 'محفوظ ہو گیا۔ مالک کو اطلاع دے دی گئی۔',
    reason: 'منسوخی کی وجہ (مالک اسے پڑھے گا)',
    cancel: 'دورہ منسوخ کریں',
    status: { booked: 'طے شدہ', cancelled: 'منسوخ', done: 'مکمل' },
    inspector: 'معائنہ کار',
    noInspector: 'ابھی کوئی معائنہ کار مقرر نہیں',
    inspectorIs: 'معائنہ کار: {{name}}',
    changeInspector: 'معائنہ کار بدلیں',
    inspectorSaved: 'محفوظ ہو گیا۔ معائنہ کاروں کو اطلاع دے دی گئی۔',
  },
};

addStrings(en, ur, 'visits.title');
