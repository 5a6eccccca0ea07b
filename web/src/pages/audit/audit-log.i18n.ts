import i18n from '../../i18n';

// Strings of the log's public check page and the auditor's head panel; they ship with those pages'
// chunks, in both languages.
const en = {
  auditLog: {
    checkTitle: 'Is this in the log?',
    checkLead:
      'Every change Markaz makes is written to a public, append-only log. Paste the entry number or the receipt (leaf hash) you were given: your browser checks the proof itself, without trusting Markaz.',
    query: 'Entry number or receipt',
    queryHint: 'An entry number like 1042, or a receipt of 64 letters and digits (0–9, a–f)',
    queryInvalid: 'Enter an entry number or a 64-character receipt',
    check: 'Check',
    checking: 'Checking…',
    found: 'Entry {{seq}} is in the log.',
    notFound: 'This entry is not in the log under a signed head.',
    failed: 'The proof does not check out. Keep this page and tell an auditor.',
    stepPath: 'The proof leads from the entry to the root of the log of {{size}} entries',
    stepSignature: 'Markaz signed that root with its published key {{keyId}}',
    stepSignatureUnsupported:
      'This browser cannot check Ed25519 signatures; use a current browser or scripts/verify-log.mjs',
    stepWitnesses_one: '{{count}} independent witness vouches for this head: {{names}}',
    stepWitnesses_other: '{{count}} independent witnesses vouch for this head: {{names}}',
    stepNoWitnesses: 'No witness has cosigned this head yet',
    yes: 'checked',
    no: 'does not check',
    receipt: 'Receipt (leaf hash)',
    root: 'Root',
    signedAt: 'Signed at',
    headTitle: 'Head of the log',
    headNone: 'No signed tree head yet.',
    size: 'Entries under the head',
    key: 'Signing key',
    witnessesTitle: 'Witnesses',
    witnessesNone:
      'No witness is registered. Staff add one by its public key; it then cosigns each head it checks.',
    witnessVouched: 'cosigned this head',
    witnessNotYet: 'has not cosigned this head',
    proof: 'Proof',
    checkPublic: 'Public check: is an entry in the log?',
    ledgerChecked: 'Ledger transactions matched their seal: {{n}}',
    headsChecked: 'Signed tree heads checked: {{n}}',
  },
};

const ur: typeof en = {
  auditLog: {
    checkTitle: 'کیا یہ لاگ میں درج ہے؟',
    checkLead:
      'مرکز میں ہونے والی ہر تبدیلی ایک عوامی لاگ میں درج ہوتی ہے جس میں صرف اضافہ ہو سکتا ہے۔ آپ کو دیا گیا اندراج نمبر یا رسید (لیف ہیش) یہاں لکھیں: آپ کا براؤزر مرکز پر بھروسا کیے بغیر خود ثبوت کی جانچ کرتا ہے۔',
    query: 'اندراج نمبر یا رسید',
    queryHint: 'اندراج نمبر جیسے 1042، یا 64 حروف اور ہندسوں (0–9، a–f) کی رسید',
    queryInvalid: 'اندراج نمبر یا 64 حروف کی رسید درج کریں',
    check: 'جانچیں',
    checking: 'جانچ ہو رہی ہے…',
    found: 'اندراج {{seq}} لاگ میں موجود ہے۔',
    notFound: 'یہ اندراج کسی دستخط شدہ سرے کے تحت لاگ میں موجود نہیں۔',
    failed: 'ثبوت درست ثابت نہیں ہوا۔ یہ صفحہ محفوظ رکھیں اور کسی آڈیٹر کو بتائیں۔',
    stepPath: 'ثبوت اندراج سے {{size}} اندراجات والے لاگ کی جڑ تک پہنچتا ہے',
    stepSignature: 'مرکز نے اس جڑ پر اپنی شائع شدہ کلید {{keyId}} سے دستخط کیے',
    stepSignatureUnsupported:
      'یہ براؤزر Ed25519 دستخط نہیں جانچ سکتا؛ نیا براؤزر یا scripts/verify-log.mjs استعمال کریں',
    stepWitnesses_one: '{{count}} آزاد گواہ اس سرے کی تصدیق کرتا ہے: {{names}}',
    stepWitnesses_other: '{{count}} آزاد گواہ اس سرے کی تصدیق کرتے ہیں: {{names}}',
    stepNoWitnesses: 'ابھی کسی گواہ نے اس سرے پر دستخط نہیں کیے',
    yes: 'درست',
    no: 'درست نہیں',
    receipt: 'رسید (لیف ہیش)',
    root: 'جڑ',
    signedAt: 'دستخط کا وقت',
    headTitle: 'لاگ کا سرا',
    headNone: 'ابھی کوئی دستخط شدہ سرا نہیں۔',
    size: 'سرے کے تحت اندراجات',
    key: 'دستخطی کلید',
    witnessesTitle: 'گواہ',
    witnessesNone:
      'کوئی گواہ درج نہیں۔ عملہ گواہ کو اس کی عوامی کلید سے درج کرتا ہے؛ پھر وہ ہر جانچا ہوا سرا دستخط کرتا ہے۔',
    witnessVouched: 'نے اس سرے پر دستخط کیے',
    witnessNotYet: 'نے ابھی اس سرے پر دستخط نہیں کیے',
    proof: 'ثبوت',
    checkPublic: 'عوامی جانچ: کیا کوئی اندراج لاگ میں ہے؟',
    ledgerChecked: 'مالی لین دین جو اپنی مہر سے مطابقت رکھتے ہیں: {{n}}',
    headsChecked: 'جانچے گئے دستخط شدہ سرے: {{n}}',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, true);
i18n.addResourceBundle('ur', 'translation', ur, true, true);
