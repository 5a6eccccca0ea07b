import { addStrings } from '../bookings/strings';

// The Events page's strings ship with its own lazy chunk, in both languages.
const en = {
  events: {
    title: 'Events',
    lead: 'Areas tell each other what happened through domain events. Each event goes to every handler that subscribes to it; a delivery that keeps failing stops in the dead letters until someone retries it. Events that no handler subscribes to are recorded but not listed here.',
    deadTitle: 'Dead letters',
    deadLead: 'These deliveries failed too many times and are no longer tried. Fix the cause, then retry.',
    deadNone: 'No dead letters: every delivery has succeeded or is still being tried.',
    retry: 'Retry',
    retryOne: 'Retry {{handler}} for {{event}}',
    retryAll: 'Retry all',
    retried_one: '{{count}} delivery will be tried again.',
    retried_other: '{{count}} deliveries will be tried again.',
    adminOnly: 'Only a programme administrator can retry.',
    recentTitle: 'Recent deliveries',
    recentNone: 'No events yet.',
    older: 'Older',
    colEvent: 'Event',
    colHandler: 'Handler',
    colWhen: 'Occurred',
    colAttempts: 'Attempts',
    colError: 'Last error',
    colStatus: 'Status',
    next: 'next try {{when}}',
    status: { pending: 'Waiting', done: 'Delivered', dead: 'Dead' },
  },
};

const ur = {
  events: {
    title: 'واقعات',
    lead: 'شعبے ایک دوسرے کو ڈومین واقعات کے ذریعے بتاتے ہیں کہ کیا ہوا۔ ہر واقعہ اس کے ہر سبسکرائب کرنے والے ہینڈلر تک پہنچتا ہے؛ جو ترسیل بار بار ناکام ہو، وہ ناقابلِ ترسیل فہرست میں رک جاتی ہے جب تک کوئی اسے دوبارہ نہ بھیجے۔ جن واقعات کا کوئی ہینڈلر نہیں، وہ محفوظ تو ہوتے ہیں مگر یہاں نہیں دکھائے جاتے۔',
    deadTitle: 'ناقابلِ ترسیل',
    deadLead:
      'یہ ترسیلیں کئی بار ناکام ہوئیں اور اب ان کی کوشش نہیں کی جاتی۔ وجہ دور کریں، پھر دوبارہ کوشش کریں۔',
    deadNone: 'کوئی ناقابلِ ترسیل پیغام نہیں: ہر ترسیل کامیاب ہوئی ہے یا اس کی کوشش جاری ہے۔',
    retry: 'دوبارہ کوشش',
    retryOne: '{{event}} کے لیے {{handler}} کی دوبارہ کوشش',
    retryAll: 'سب کی دوبارہ کوشش',
    retried_one: '{{count}} ترسیل کی دوبارہ کوشش کی جائے گی۔',
    retried_other: '{{count}} ترسیلوں کی دوبارہ کوشش کی جائے گی۔',
    adminOnly: 'دوبارہ کوشش صرف پروگرام منتظم کر سکتا ہے۔',
    recentTitle: 'حالیہ ترسیلیں',
    recentNone: 'ابھی کوئی واقعہ نہیں۔',
    older: 'پرانی',
    colEvent: 'واقعہ',
    colHandler: 'ہینڈلر',
    colWhen: 'وقت',
    colAttempts: 'کوششیں',
    colError: 'آخری خرابی',
    colStatus: 'حالت',
    next: 'اگلی کوشش {{when}}',
    status: { pending: 'منتظر', done: 'پہنچ گیا', dead: 'ناقابلِ ترسیل' },
  },
};

addStrings(en, ur, 'events.title');
