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
      // Issue 19, decision 0079: re-rolled schedules, the owners' calendar, withdrawn buckets.
      movedDone: 'Due dates moved: {{instalments}} instalments not yet due, on {{loans}} loans.',
      movedFrom: '(moved from {{date}})',
      seeHolidays: 'Holidays that move due dates',
      ownerTitle: 'Holidays and your due dates',
      ownerLead:
        'An instalment due on a weekend or a public holiday is due on the next working day. When a holiday is confirmed or changed, instalments not yet due move with it; your bank sees the change on your loan.',
      withdraw: 'Withdraw this version',
      withdrawn: 'Withdrawn: the buckets from {{date}} will not come into force.',
      notYetInForce: 'Not yet in force',
      sanctionPreview: 'Preview the schedule',
      sanctionPreviewTitle: 'The schedule these terms give ({{count}} instalments)',
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
      // Issue 19, decision 0079: re-rolled schedules, the owners' calendar, withdrawn buckets.
      movedDone:
        'واجب الادا تاریخیں منتقل ہوئیں: {{loans}} قرضوں کی {{instalments}} اقساط جو ابھی واجب نہیں تھیں۔',
      movedFrom: '({{date}} سے منتقل)',
      seeHolidays: 'تعطیلات جن سے واجب الادا تاریخیں بدلتی ہیں',
      ownerTitle: 'تعطیلات اور آپ کی اقساط کی تاریخیں',
      ownerLead:
        'ہفتہ وار یا سرکاری تعطیل پر آنے والی قسط اگلے کاروباری دن واجب ہوتی ہے۔ جب کسی تعطیل کی تصدیق یا تبدیلی ہو تو ابھی واجب نہ ہونے والی اقساط اس کے ساتھ منتقل ہو جاتی ہیں؛ آپ کا بینک یہ تبدیلی آپ کے قرضے پر دیکھتا ہے۔',
      withdraw: 'یہ نسخہ واپس لیں',
      withdrawn: 'واپس لے لیا گیا: {{date}} سے یہ درجے نافذ نہیں ہوں گے۔',
      notYetInForce: 'ابھی نافذ نہیں',
      sanctionPreview: 'شیڈول دیکھیں',
      sanctionPreviewTitle: 'ان شرائط پر شیڈول ({{count}} اقساط)',
    },
  },
};

addStrings(en, ur, 'loans.calendar.title');
