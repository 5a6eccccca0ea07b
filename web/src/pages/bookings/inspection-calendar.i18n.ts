import { addStrings } from './strings';
import './inspection-visits.i18n';

// The inspection calendar's strings (InspectionCalendarPage.tsx), in both languages; the visit's
// own words (move, cancel, date, from, until) are the inspection visit card's.
const en = {
  calendar: {
    title: 'Inspection calendar',
    lead: 'Booked inspection visits across centres, day by day in Pakistan time. Moving or cancelling one tells its owner.',
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
    truncated: 'Only the first 500 visits of these dates are shown: look at a week instead of a month.',
  },
};

const ur = {
  calendar: {
    title: 'معائنوں کا کیلنڈر',
    lead: 'مراکز کے طے شدہ معائنہ دورے، دن بہ دن پاکستانی وقت میں۔ کسی دورے کو بدلنے یا منسوخ کرنے پر اس کے مالک کو اطلاع دی جاتی ہے۔',
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
    truncated: 'ان تاریخوں کے صرف پہلے 500 دورے دکھائے گئے ہیں: مہینے کے بجائے ایک ہفتہ دیکھیں۔',
  },
};

addStrings(en, ur, 'calendar.title');
