import { addStrings } from '../bookings/strings';

// The working-day calendar and arrears buckets page (/loans/calendar), decision 0062.
const en = {
  loans: {
    calendar: {
      title: 'Holidays and arrears buckets',
      lead: 'Due dates on a weekend or public holiday move to the next working day; days past due and the claim deadline count working days by this calendar.',
      year: 'Year',
      holidays: 'Public holidays',
      date: 'Date',
      name: 'Holiday',
      status: 'Status',
      fixed: 'Fixed date',
      confirmed: 'Confirmed',
      proposed: 'Proposed (not yet a holiday)',
      proposedHint:
        'Islamic holidays follow the moon: the date shown is the tabular Hijri calendar’s. Change it to the day announced after moon sighting, then confirm.',
      confirmOn: 'Confirm on',
      confirm: 'Confirm',
      remove: 'Remove',
      confirmedDone: '{{name}} confirmed on {{date}}.',
      removedDone: 'Removed the holiday on {{date}}.',
      buckets: 'Arrears buckets',
      bucketsLead:
        'A loan is current until its oldest unpaid instalment is past due (after the grace days); then it falls in the bucket where its days past due start.',
      inForce: 'In force from {{date}}',
      from: 'From day past due',
      sbpClass: 'SBP classification',
      newVersion: 'New version of the buckets',
      effectiveFrom: 'In force from',
      effectiveHint: 'Today or later: buckets in force in the past are not rewritten.',
      addRow: 'Add a bucket',
      removeRow: 'Remove bucket {{n}}',
      save: 'Save buckets',
      saved: 'Saved: the close of business uses these buckets from {{date}}.',
      badDays: 'Enter a whole number of days',
      badDate: 'Choose a date',
    },
  },
};

const ur: typeof en = {
  loans: {
    calendar: {
      title: 'تعطیلات اور بقایا جات کے درجے',
      lead: 'ہفتہ وار یا سرکاری تعطیل پر آنے والی قسط اگلے کاروباری دن واجب ہوتی ہے؛ تاخیر کے دن اور دعوے کی آخری تاریخ اسی کیلنڈر سے گنی جاتی ہے۔',
      year: 'سال',
      holidays: 'سرکاری تعطیلات',
      date: 'تاریخ',
      name: 'تعطیل',
      status: 'حیثیت',
      fixed: 'مقررہ تاریخ',
      confirmed: 'تصدیق شدہ',
      proposed: 'تجویز شدہ (ابھی تعطیل نہیں)',
      proposedHint:
        'اسلامی تعطیلات چاند کے مطابق ہوتی ہیں: دکھائی گئی تاریخ ہجری جدولی کیلنڈر کی ہے۔ رؤیتِ ہلال کے بعد اعلان کردہ دن درج کر کے تصدیق کریں۔',
      confirmOn: 'اس دن تصدیق',
      confirm: 'تصدیق کریں',
      remove: 'ہٹائیں',
      confirmedDone: '{{name}} کی تصدیق {{date}} کو ہو گئی۔',
      removedDone: '{{date}} کی تعطیل ہٹا دی گئی۔',
      buckets: 'بقایا جات کے درجے',
      bucketsLead:
        'قرضہ اس وقت تک بروقت ہے جب تک اس کی سب سے پرانی غیر ادا شدہ قسط (رعایتی دنوں کے بعد) واجب الادا نہ ہو؛ پھر وہ اس درجے میں آتا ہے جہاں سے اس کے تاخیر کے دن شروع ہوتے ہیں۔',
      inForce: '{{date}} سے نافذ',
      from: 'تاخیر کے اس دن سے',
      sbpClass: 'اسٹیٹ بینک کی درجہ بندی',
      newVersion: 'درجوں کا نیا نسخہ',
      effectiveFrom: 'نفاذ کی تاریخ',
      effectiveHint: 'آج یا بعد کی تاریخ: ماضی میں نافذ درجے تبدیل نہیں ہوتے۔',
      addRow: 'درجہ شامل کریں',
      removeRow: 'درجہ {{n}} ہٹائیں',
      save: 'درجے محفوظ کریں',
      saved: 'محفوظ ہو گیا: {{date}} سے روزانہ بندش یہی درجے استعمال کرے گی۔',
      badDays: 'دنوں کی پوری تعداد لکھیں',
      badDate: 'تاریخ منتخب کریں',
    },
  },
};

addStrings(en, ur, 'loans.calendar.title');
