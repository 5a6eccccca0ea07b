import { addStrings } from './strings';
import './inspection-visits.i18n';

// The inspection calendar's strings (InspectionCalendarPage.tsx), in both languages; the visit's
// own words (move, cancel, date, from, until) are the inspection visit card's.
const en = {
  calendar: {
    title: 'Inspection calendar',
    lead: 'Booked inspection visits across centres, day by day in Pakistan time, with who inspects. Moving or cancelling one tells its owner and its inspector.',
    range: 'Which dates',
    prevWeek: 'Previous week',
    nextWeek: 'Next week',
    prevMonth: 'Previous month',
    nextMonth: 'Next month',
    today: 'Today',
    show: 'Show',
    week: 'A week',
    month: 'A month',
    district: 'District',
    allDistricts: 'All districts',
    between_one: '{{from}} to {{to}}: one visit',
    between_other: '{{from}} to {{to}}: {{count}} visits',
    none: 'No visit is booked on these dates.',
    inspector: 'Inspector',
    allInspectors: 'All inspectors',
    mine: 'My visits',
    more_one:
      'Only the first visit of these dates is shown; there are more. Show more, or narrow the calendar by district or inspector.',
    more_other:
      'Only the first {{count}} visits of these dates are shown; there are more. Show more, or narrow the calendar by district or inspector.',
    showMore: 'Show more visits',
  },
};

const ur = {
  calendar: {
    title: 'معائنوں کا کیلنڈر',
    lead: 'مراکز کے طے شدہ معائنہ دورے، دن بہ دن پاکستانی وقت میں، معائنہ کار کے نام کے ساتھ۔ کسی دورے کو بدلنے یا منسوخ کرنے پر اس کے مالک اور معائنہ کار کو اطلاع دی جاتی ہے۔',
    range: 'کون سی تاریخیں',
    prevWeek: 'پچھلا ہفتہ',
    nextWeek: 'اگلا ہفتہ',
    prevMonth: 'پچھلا مہینہ',
    nextMonth: 'اگلا مہینہ',
    today: 'آج',
    show: 'دکھائیں',
    week: 'ایک ہفتہ',
    month: 'ایک مہینہ',
    district: 'ضلع',
    allDistricts: 'تمام اضلاع',
    between_one: '{{from}} سے {{to}} تک: ایک دورہ',
    between_other: '{{from}} سے {{to}} تک: {{count}} دورے',
    none: 'ان تاریخوں میں کوئی دورہ طے نہیں۔',
    inspector: 'معائنہ کار',
    allInspectors: 'تمام معائنہ کار',
    mine: 'میرے دورے',
    more_one:
      'ان تاریخوں کا صرف پہلا دورہ دکھایا گیا ہے؛ اور بھی ہیں۔ مزید دیکھیں، یا کیلنڈر کو ضلع یا معائنہ کار سے محدود کریں۔',
    more_other:
      'ان تاریخوں کے صرف پہلے {{count}} دورے دکھائے گئے ہیں؛ اور بھی ہیں۔ مزید دیکھیں، یا کیلنڈر کو ضلع یا معائنہ کار سے محدود کریں۔',
    showMore: 'مزید دورے دکھائیں',
  },
};

addStrings(en, ur, 'calendar.title');
