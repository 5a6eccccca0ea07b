import i18n from '../../i18n';

// The portal's strings ship with the portal's own chunk, in both languages, so the main bundle
// every phone loads does not carry them.
const en = {
  portal: {
    title: 'Promises and delivery',
    lead: 'What the government announced for the e-working centres programme, and what exists today — computed from live records, downloadable, and verifiable day by day.',
    asOf: 'Figures as of {{time}}',
    figuresTitle: 'Headline figures',
    noData: 'No data yet',
    noDataWhy:
      'The part of Markaz that measures this is not built yet. We show nothing rather than a made-up zero.',
    definition: 'Definition',
    promisesTitle: 'Promise register',
    promisesIntro:
      'Every announcement, who made it and where it was reported, beside what has been delivered so far.',
    statusRule: 'How the status is decided',
    colRef: 'Ref.',
    colAnnounced: 'Announced',
    colPromise: 'Promise',
    colSource: 'Source',
    colTarget: 'Target',
    colDelivered: 'Delivered',
    colStatus: 'Status',
    superseded: 'Superseded by a later entry',
    correction: 'Correction: {{note}}',
    status: {
      met: 'Met',
      missed: 'Missed',
      no_data: 'No data yet',
      open: 'Open (no deadline)',
      on_track: 'On track',
      behind: 'Behind',
    },
    provincesTitle: 'First phase by province: quota and delivery',
    provincesIntro:
      '250 centres were announced for the first phase, split by province. Bars show operational centres against each quota.',
    ofQuota: '{{delivered}} of {{target}}',
    mapTitle: 'Operational centres on the map',
    mapIntro:
      '{{n}} operational centres. The map is drawn from data shipped with Markaz; nothing is fetched from a map service.',
    mapDirectory: 'Open the centre directory',
    funnelTitle: 'Where applications wait',
    funnelIntro:
      'How many cases wait at each step and for how long. Cases waiting longer than the service standard are listed by their public reference, never by name.',
    funnelStep: 'Step',
    funnelWaiting: 'Waiting',
    funnelMedian: 'Median wait',
    funnelP90: '90% wait less than',
    funnelLate: 'Late cases',
    days: '{{n}} days',
    noneLate: 'None over {{n}} days',
    historyTitle: 'Verifiable history',
    historyIntro:
      'Every day Markaz keeps a snapshot of all public figures. Each day’s hash covers its content and the previous day’s hash, and the day’s signed audit checkpoint — so no past figure can be changed quietly. Download any day and check it yourself:',
    verifyCmd: 'node scripts/verify-snapshots.mjs {{url}}',
    day: 'Day',
    hash: 'Hash',
    download: 'Download',
    verifyServer: 'Check all days on the server',
    verified: 'All {{n}} days verified',
    brokenDay: 'The snapshot of {{day}} does not verify: {{reason}}',
    openDataTitle: 'Open data',
    openDataIntro:
      'Every public table as CSV and JSON, under the CC BY 4.0 licence, described by a machine-readable data package. Aggregates only — never a person.',
    dataPackage: 'Data package (datapackage.json)',
    units: {
      pkr: 'Rs {{value}}',
      usd: '$ {{value}}',
      percent: '{{value}}%',
    },
  },
};

const ur = {
  portal: {
    title: 'وعدے اور ان کی تکمیل',
    lead: 'ای-ورکنگ مراکز پروگرام کے لیے حکومت نے کیا اعلان کیا، اور آج کیا موجود ہے — براہِ راست ریکارڈ سے حساب شدہ، ڈاؤن لوڈ کے قابل، اور روز بروز قابلِ تصدیق۔',
    asOf: 'اعداد و شمار بمطابق {{time}}',
    figuresTitle: 'اہم اعداد و شمار',
    noData: 'ابھی ڈیٹا نہیں',
    noDataWhy:
      'مرکز کا وہ حصہ جو یہ ماپتا ہے ابھی تیار نہیں ہوا۔ ہم فرضی صفر دکھانے کے بجائے کچھ نہیں دکھاتے۔',
    definition: 'تعریف',
    promisesTitle: 'وعدوں کا رجسٹر',
    promisesIntro: 'ہر اعلان، کس نے کیا اور کہاں رپورٹ ہوا، اور اب تک کتنا پورا ہوا۔',
    statusRule: 'حیثیت کیسے طے ہوتی ہے',
    colRef: 'حوالہ',
    colAnnounced: 'اعلان',
    colPromise: 'وعدہ',
    colSource: 'ذریعہ',
    colTarget: 'ہدف',
    colDelivered: 'فراہم',
    colStatus: 'حیثیت',
    superseded: 'بعد کے اندراج نے اس کی جگہ لے لی',
    correction: 'تصحیح: {{note}}',
    status: {
      met: 'پورا',
      missed: 'چُوک گیا',
      no_data: 'ابھی ڈیٹا نہیں',
      open: 'کھلا (کوئی آخری تاریخ نہیں)',
      on_track: 'درست سمت میں',
      behind: 'پیچھے',
    },
    provincesTitle: 'پہلا مرحلہ صوبہ وار: کوٹہ اور تکمیل',
    provincesIntro:
      'پہلے مرحلے میں 250 مراکز کا اعلان ہوا، صوبوں میں تقسیم کے ساتھ۔ پٹیاں ہر کوٹے کے مقابلے میں فعال مراکز دکھاتی ہیں۔',
    ofQuota: '{{target}} میں سے {{delivered}}',
    mapTitle: 'نقشے پر فعال مراکز',
    mapIntro:
      '{{n}} فعال مراکز۔ نقشہ مرکز کے ساتھ شامل ڈیٹا سے بنتا ہے؛ کسی نقشہ سروس سے کچھ نہیں منگوایا جاتا۔',
    mapDirectory: 'مراکز کی فہرست کھولیں',
    funnelTitle: 'درخواستیں کہاں رکی ہیں',
    funnelIntro:
      'ہر مرحلے پر کتنے کیس کتنی دیر سے منتظر ہیں۔ مقررہ مدت سے زیادہ انتظار کرنے والے کیس ان کے عوامی حوالے سے درج ہیں، نام سے کبھی نہیں۔',
    funnelStep: 'مرحلہ',
    funnelWaiting: 'منتظر',
    funnelMedian: 'درمیانی انتظار',
    funnelP90: '90٪ کا انتظار اس سے کم',
    funnelLate: 'تاخیر والے کیس',
    days: '{{n}} دن',
    noneLate: '{{n}} دن سے زیادہ کوئی نہیں',
    historyTitle: 'قابلِ تصدیق تاریخ',
    historyIntro:
      'مرکز ہر روز تمام عوامی اعداد و شمار کا ایک عکس محفوظ کرتا ہے۔ ہر دن کا ہیش اس کے مواد، پچھلے دن کے ہیش اور اس دن کے دستخط شدہ آڈٹ چیک پوائنٹ پر مشتمل ہے — اس لیے کوئی پرانا عدد خاموشی سے نہیں بدلا جا سکتا۔ کوئی بھی دن ڈاؤن لوڈ کر کے خود جانچیں:',
    verifyCmd: 'node scripts/verify-snapshots.mjs {{url}}',
    day: 'دن',
    hash: 'ہیش',
    download: 'ڈاؤن لوڈ',
    verifyServer: 'سرور پر تمام دن جانچیں',
    verified: 'تمام {{n}} دن درست پائے گئے',
    brokenDay: '{{day}} کا عکس درست نہیں: {{reason}}',
    openDataTitle: 'کھلا ڈیٹا',
    openDataIntro:
      'ہر عوامی جدول CSV اور JSON میں، CC BY 4.0 لائسنس کے تحت، مشین کے پڑھنے کے قابل ڈیٹا پیکج کے ساتھ۔ صرف مجموعی اعداد — کسی فرد کی معلومات نہیں۔',
    dataPackage: 'ڈیٹا پیکج (datapackage.json)',
    units: {
      pkr: 'Rs {{value}}',
      usd: '$ {{value}}',
      percent: '{{value}}٪',
    },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ur', 'translation', ur, true, true);
