import i18n from '../../i18n';

// Strings of the people's-rights pages: my data (download, close my account), corrections, and
// the staff's review of corrections, closures and retention periods.
const en = {
  rights: {
    dataTitle: 'My data',
    dataLead:
      'Download everything Markaz holds about you, ask for a correction, see who looked at your data, or close your account.',
    downloadH: 'Download my data',
    downloadLead:
      'A copy of everything Markaz holds about you: your account, bookings, training, loans, earnings, notices and who looked at your data. JSON is complete and machine-readable; the PDF is for reading. You can download a few times a day; each download is recorded.',
    json: 'Download as JSON',
    pdfEn: 'Download as PDF (English)',
    pdfUr: 'Download as PDF (Urdu)',
    correctH: 'Correct my data',
    correctLink: 'Ask for a correction',
    lookedLink: 'Who looked at my data',
    closeH: 'Close my account',
    closeLead:
      'Closing erases your name, CNIC, mobile, email, profile and preferences, and ends every sign-in. Records the law and audit require (loans, payments, the audit log) stay under a number that no longer names you. It cannot be undone. If a loan is still open, the account cannot be closed yet; if a payment to you is pending, staff look first.',
    password: 'Your current password',
    reason: 'Why are you leaving? (optional)',
    closeBtn: 'Close my account',
    staffClosure: 'Staff, bank and committee accounts are closed by a programme administrator.',
    confirm: 'Close your account for good? This cannot be undone.',
    history: 'Your requests',
    closureStatus: {
      refused: 'Not closed: something is still open',
      review: 'Waiting for staff',
      closed: 'Closed',
      rejected: 'Not closed by staff',
    },
    closedNow: 'Your account is closed. Goodbye.',
    correctionsTitle: 'Correct my data',
    correctionsLead:
      'If something Markaz holds about you is wrong, ask for a correction. Staff check it against your evidence; nothing changes until they approve, and you are told either way.',
    field: 'What is wrong',
    current: 'Held now',
    none: 'nothing held',
    value: 'The right value',
    why: 'Why it is wrong',
    evidence: 'Evidence (optional): a document’s reference or where staff can see it',
    send: 'Send the request',
    sent: 'Request sent. You will be told when staff decide.',
    mine: 'Your correction requests',
    noRequests: 'No requests yet.',
    withdraw: 'Withdraw the request',
    asked: 'Asked for',
    status: {
      pending: 'Waiting for staff',
      approved: 'Approved',
      rejected: 'Not approved',
      withdrawn: 'Withdrawn',
    },
    decisionBy: 'Answer: {{reason}}',
    reviewTitle: 'Correction requests',
    reviewLead:
      'People’s requests to correct their data. CNICs are masked; open one with a purpose to see the values in full (the look is recorded and shown to the person).',
    person: 'Person',
    purpose: 'Why you look',
    open: 'Open in full',
    approve: 'Approve and correct',
    reject: 'Reject',
    decisionReason: 'Reason (the person is told)',
    all: 'All',
    statusFilter: 'Show',
    closuresTitle: 'Account closures',
    closuresLead:
      'Requests to close an account. Those waiting for a review have something pending (a stipend): close the account once it is settled, or reject with a note.',
    note: 'Note (the person is told)',
    closeAccount: 'Close the account',
    retentionTitle: 'Retention periods',
    retentionLead:
      'How long each kind of record is kept. Every night Markaz deletes what is older; `markaz privacy retention --dry-run` shows what it would delete.',
    kind: 'Kind of record',
    days: 'Days kept',
    defaultDays: 'Default',
    save: 'Save',
  },
};

const ur: typeof en = {
  rights: {
    dataTitle: 'میرا ڈیٹا',
    dataLead:
      'مرکز کے پاس آپ کے بارے میں سب کچھ ڈاؤن لوڈ کریں، درستی کی درخواست دیں، دیکھیں کہ آپ کا ڈیٹا کس نے دیکھا، یا اپنا اکاؤنٹ بند کریں۔',
    downloadH: 'میرا ڈیٹا ڈاؤن لوڈ کریں',
    downloadLead:
      'مرکز کے پاس آپ کے بارے میں تمام معلومات کی نقل: اکاؤنٹ، بکنگز، تربیت، قرضے، آمدنی، نوٹس اور یہ کہ آپ کا ڈیٹا کس نے دیکھا۔ JSON مکمل ہے اور مشین سے پڑھا جا سکتا ہے؛ PDF پڑھنے کے لیے ہے۔ دن میں چند بار ڈاؤن لوڈ ہو سکتا ہے؛ ہر ڈاؤن لوڈ ریکارڈ ہوتا ہے۔',
    json: 'JSON میں ڈاؤن لوڈ کریں',
    pdfEn: 'PDF میں ڈاؤن لوڈ کریں (انگریزی)',
    pdfUr: 'PDF میں ڈاؤن لوڈ کریں (اردو)',
    correctH: 'میرے ڈیٹا کی درستی',
    correctLink: 'درستی کی درخواست دیں',
    lookedLink: 'میرا ڈیٹا کس نے دیکھا',
    closeH: 'میرا اکاؤنٹ بند کریں',
    closeLead:
      'اکاؤنٹ بند کرنے سے آپ کا نام، شناختی کارڈ نمبر، موبائل، ای میل، پروفائل اور ترجیحات مٹ جاتی ہیں اور ہر سائن اِن ختم ہو جاتا ہے۔ قانون اور آڈٹ کے لیے ضروری ریکارڈ (قرضے، ادائیگیاں، آڈٹ لاگ) ایک ایسے نمبر کے تحت رہتے ہیں جو اب آپ کا نام ظاہر نہیں کرتا۔ یہ واپس نہیں ہو سکتا۔ اگر کوئی قرض ابھی کھلا ہے تو اکاؤنٹ ابھی بند نہیں ہو سکتا؛ اگر آپ کو کوئی ادائیگی باقی ہے تو پہلے عملہ دیکھے گا۔',
    password: 'آپ کا موجودہ پاس ورڈ',
    reason: 'آپ کیوں جا رہے ہیں؟ (اختیاری)',
    closeBtn: 'میرا اکاؤنٹ بند کریں',
    staffClosure: 'عملے، بینک اور کمیٹی کے اکاؤنٹس پروگرام کا ایڈمنسٹریٹر بند کرتا ہے۔',
    confirm: 'کیا آپ اپنا اکاؤنٹ ہمیشہ کے لیے بند کرنا چاہتے ہیں؟ یہ واپس نہیں ہو سکتا۔',
    history: 'آپ کی درخواستیں',
    closureStatus: {
      refused: 'بند نہیں ہوا: کچھ ابھی کھلا ہے',
      review: 'عملے کے انتظار میں',
      closed: 'بند',
      rejected: 'عملے نے بند نہیں کیا',
    },
    closedNow: 'آپ کا اکاؤنٹ بند ہو گیا۔ خدا حافظ۔',
    correctionsTitle: 'میرے ڈیٹا کی درستی',
    correctionsLead:
      'اگر مرکز کے پاس آپ کے بارے میں کچھ غلط ہے تو درستی کی درخواست دیں۔ عملہ آپ کے ثبوت سے جانچتا ہے؛ منظوری تک کچھ نہیں بدلتا، اور دونوں صورتوں میں آپ کو بتایا جاتا ہے۔',
    field: 'کیا غلط ہے',
    current: 'اب درج ہے',
    none: 'کچھ درج نہیں',
    value: 'درست معلومات',
    why: 'یہ غلط کیوں ہے',
    evidence: 'ثبوت (اختیاری): کسی دستاویز کا حوالہ یا جہاں عملہ اسے دیکھ سکے',
    send: 'درخواست بھیجیں',
    sent: 'درخواست بھیج دی گئی۔ عملے کے فیصلے پر آپ کو بتایا جائے گا۔',
    mine: 'آپ کی درستی کی درخواستیں',
    noRequests: 'ابھی کوئی درخواست نہیں۔',
    withdraw: 'درخواست واپس لیں',
    asked: 'مانگی گئی معلومات',
    status: {
      pending: 'عملے کے انتظار میں',
      approved: 'منظور',
      rejected: 'منظور نہیں',
      withdrawn: 'واپس لی گئی',
    },
    decisionBy: 'جواب: {{reason}}',
    reviewTitle: 'درستی کی درخواستیں',
    reviewLead:
      'لوگوں کی اپنے ڈیٹا کی درستی کی درخواستیں۔ شناختی کارڈ نمبر چھپے ہیں؛ پوری معلومات دیکھنے کے لیے مقصد کے ساتھ کھولیں (یہ ریکارڈ ہوتا ہے اور اس شخص کو دکھایا جاتا ہے)۔',
    person: 'شخص',
    purpose: 'آپ کیوں دیکھ رہے ہیں',
    open: 'پوری معلومات کھولیں',
    approve: 'منظور کریں اور درست کریں',
    reject: 'مسترد کریں',
    decisionReason: 'وجہ (اس شخص کو بتائی جائے گی)',
    all: 'سب',
    statusFilter: 'دکھائیں',
    closuresTitle: 'اکاؤنٹ بند کرنے کی درخواستیں',
    closuresLead:
      'اکاؤنٹ بند کرنے کی درخواستیں۔ جو جائزے کے انتظار میں ہیں ان میں کچھ باقی ہے (کوئی وظیفہ): معاملہ طے ہونے پر اکاؤنٹ بند کریں، یا نوٹ کے ساتھ مسترد کریں۔',
    note: 'نوٹ (اس شخص کو بتایا جائے گا)',
    closeAccount: 'اکاؤنٹ بند کریں',
    retentionTitle: 'ریکارڈ رکھنے کی مدت',
    retentionLead:
      'ہر قسم کا ریکارڈ کتنی دیر رکھا جاتا ہے۔ ہر رات مرکز اس سے پرانا ریکارڈ مٹا دیتا ہے؛ `markaz privacy retention --dry-run` دکھاتا ہے کہ کیا مٹے گا۔',
    kind: 'ریکارڈ کی قسم',
    days: 'دن',
    defaultDays: 'طے شدہ',
    save: 'محفوظ کریں',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ur', 'translation', ur, true, true);
