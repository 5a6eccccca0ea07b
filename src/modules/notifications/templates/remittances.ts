import type { Bilingual } from './bilingual.ts';

// Disputes of bank-attested earnings (issue 23): the bank hears that a freelancer disputes a line,
// the freelancer hears the bank's answer, and both hear when programme staff close a dispute.
// A bank that leaves a dispute unanswered is reminded each reminder period.
// Params: bank (its name), month (YYYY-MM), account (masked), reason, status, usd, corrected, note,
// days (open for), reminder (which one); for consents: scope (listed), startsOn, expiresOn, revokedOn.

export type RemittancesKind =
  | 'remittance.dispute_opened'
  | 'remittance.dispute_answered'
  | 'remittance.dispute_resolved'
  | 'remittance.dispute_reminder'
  | 'remittance.consent_given'
  | 'remittance.dispute_escalated'
  | 'remittance.consent_revoked';

const reasonEn = (r: string | undefined) =>
  r === 'not_mine' ? 'says the money is not theirs' : 'says the amount is wrong';
const reasonUr = (r: string | undefined) =>
  r === 'not_mine' ? 'کہتے ہیں یہ رقم ان کی نہیں' : 'کہتے ہیں رقم غلط ہے';

const SCOPE: Record<string, [string, string]> = {
  counts: ['counts', 'تعداد'],
  prc: ['PRC references', 'پی آر سی حوالے'],
  retention: ['kept/converted split', 'رکھی/تبدیل شدہ رقم کی تقسیم'],
};
const scopeOf = (s: string | undefined, i: 0 | 1) =>
  (s ?? '')
    .split(',')
    .filter(Boolean)
    .map((k) => SCOPE[k]?.[i] ?? k)
    .join(i === 0 ? ', ' : '، ');

export const remittances: Bilingual<RemittancesKind> = {
  en: {
    'remittance.dispute_opened': (p) => ({
      subject: `Attested line disputed: ${p.month}, ${p.account}`,
      text: `A freelancer ${reasonEn(p.reason)} for the line you attested for account ${p.account} in ${p.month} (${p.usd}). Please confirm your figure or correct it in Markaz; staff see how long each dispute stays open.`,
      sms: `Markaz: a freelancer disputes your line for ${p.month}. Please answer in Markaz.`,
    }),
    'remittance.dispute_answered': (p) =>
      p.status === 'corrected'
        ? {
            subject: `${p.bank} corrected its figure for ${p.month}`,
            text: `${p.bank} answered your dispute about ${p.month}: it corrected its figure from ${p.usd} to ${p.corrected}. Its note: ${p.note}`,
            sms: `Markaz: ${p.bank} corrected ${p.month} to ${p.corrected}.`,
          }
        : {
            subject: `${p.bank} confirmed its figure for ${p.month}`,
            text: `${p.bank} answered your dispute about ${p.month}: it confirms its figure of ${p.usd}. Its note: ${p.note} If you still disagree, escalate it to programme staff, with your reason, from your earnings evidence page in Markaz.`,
            sms: `Markaz: ${p.bank} confirmed its figure for ${p.month}.`,
          },
    'remittance.dispute_resolved': (p) => ({
      subject: `Dispute about ${p.month} closed by the programme`,
      text: `Programme staff closed the dispute about ${p.bank}'s line for ${p.month} (account ${p.account}). Their note: ${p.note} The attested figure was not changed; only the bank corrects its lines.`,
      sms: `Markaz: the dispute about ${p.month} was closed by the programme.`,
    }),
    'remittance.dispute_reminder': (p) => ({
      subject: `Reminder: a dispute about ${p.month} has waited ${p.days} days for your answer`,
      text: `A freelancer ${reasonEn(p.reason)} for the line you attested for account ${p.account} in ${p.month} (${p.usd}), and it has waited ${p.days} days for your answer (reminder ${p.reminder}). Please confirm your figure or correct it in Markaz; programme staff see each dispute's age and the reminders sent.`,
      sms: `Markaz: a dispute about ${p.month} has waited ${p.days} days. Please answer in Markaz.`,
    }),
    'remittance.dispute_escalated': (p) => ({
      subject: `Dispute escalated to you: ${p.bank}, ${p.month}`,
      text: `A freelancer still disagrees with the figure ${p.bank} confirmed for account ${p.account} in ${p.month} (${p.usd}) and asks programme staff to look at it. Close it with a note from the earnings page in Markaz; both sides are told.`,
      sms: 'Markaz: a dispute of attested earnings was escalated to programme staff.',
    }),
    'remittance.consent_given': (p) => ({
      subject: `New consent to report: account ${p.account}`,
      text: `A freelancer consented that you report the IT-export remittances to account ${p.account} from ${p.startsOn} to ${p.expiresOn} (besides the amount: ${scopeOf(p.scope, 0) || 'nothing more'}). Lines for this account must carry its holder hash; the list of consents is on your bank page in Markaz and at GET /api/v1/remittances/bank/consents.`,
      sms: 'Markaz: a freelancer consented that your bank report their account. Details in Markaz.',
    }),
    'remittance.consent_revoked': (p) => ({
      subject: `Consent withdrawn: account ${p.account}`,
      text: `The freelancer withdrew the consent for account ${p.account} on ${p.revokedOn}. Do not send further lines for this account: Markaz refuses a file that has one.`,
      sms: 'Markaz: a freelancer withdrew a consent to your bank. Send no more lines for it.',
    }),
  },
  ur: {
    'remittance.dispute_opened': (p) => ({
      subject: `تصدیق شدہ اندراج پر اعتراض: ${p.month}، ${p.account}`,
      text: `ایک فری لانسر ${reasonUr(p.reason)}: اکاؤنٹ ${p.account} کے لیے ${p.month} میں آپ کا تصدیق شدہ اندراج (${p.usd})۔ براہ کرم مرکز میں اپنی رقم کی تصدیق کریں یا درست کریں؛ عملہ دیکھتا ہے کہ ہر اعتراض کتنے دن کھلا رہا۔`,
      sms: `مرکز: ${p.month} کے اندراج پر اعتراض۔ مرکز میں جواب دیں۔`,
    }),
    'remittance.dispute_answered': (p) =>
      p.status === 'corrected'
        ? {
            subject: `${p.bank} نے ${p.month} کی رقم درست کر دی`,
            text: `${p.bank} نے ${p.month} کے بارے میں آپ کے اعتراض کا جواب دیا: رقم ${p.usd} سے ${p.corrected} کر دی گئی۔ بینک کا نوٹ: ${p.note}`,
            sms: `مرکز: بینک نے ${p.month} کی رقم درست کر دی۔`,
          }
        : {
            subject: `${p.bank} نے ${p.month} کی رقم کی تصدیق کی`,
            text: `${p.bank} نے ${p.month} کے بارے میں آپ کے اعتراض کا جواب دیا: وہ ${p.usd} کی رقم کی تصدیق کرتا ہے۔ بینک کا نوٹ: ${p.note} اگر آپ اب بھی متفق نہیں تو مرکز میں اپنی آمدنی کے ثبوت کے صفحے سے وجہ لکھ کر اسے پروگرام کے عملے کو بھیجیں۔`,
            sms: `مرکز: بینک نے ${p.month} کی رقم کی تصدیق کی۔`,
          },
    'remittance.dispute_resolved': (p) => ({
      subject: `${p.month} کا اعتراض پروگرام نے بند کر دیا`,
      text: `پروگرام کے عملے نے ${p.bank} کے ${p.month} کے اندراج (اکاؤنٹ ${p.account}) پر اعتراض بند کر دیا۔ ان کا نوٹ: ${p.note} تصدیق شدہ رقم نہیں بدلی گئی؛ اندراج صرف بینک درست کرتا ہے۔`,
      sms: `مرکز: ${p.month} کا اعتراض پروگرام نے بند کر دیا۔`,
    }),
    'remittance.dispute_reminder': (p) => ({
      subject: `یاد دہانی: ${p.month} کا اعتراض ${p.days} دن سے آپ کے جواب کا منتظر ہے`,
      text: `ایک فری لانسر ${reasonUr(p.reason)}: اکاؤنٹ ${p.account} کے لیے ${p.month} میں آپ کا تصدیق شدہ اندراج (${p.usd})، اور یہ اعتراض ${p.days} دن سے آپ کے جواب کا منتظر ہے (یاد دہانی ${p.reminder})۔ براہ کرم مرکز میں اپنی رقم کی تصدیق کریں یا درست کریں؛ پروگرام کا عملہ ہر اعتراض کی مدت اور بھیجی گئی یاد دہانیاں دیکھتا ہے۔`,
      sms: `مرکز: ${p.month} کا اعتراض ${p.days} دن سے منتظر ہے۔ مرکز میں جواب دیں۔`,
    }),
    'remittance.dispute_escalated': (p) => ({
      subject: `اعتراض آپ کو بھیجا گیا: ${p.bank}، ${p.month}`,
      text: `ایک فری لانسر ${p.bank} کی تصدیق کردہ رقم (اکاؤنٹ ${p.account}، ${p.month}، ${p.usd}) سے اب بھی متفق نہیں اور پروگرام کے عملے سے جائزہ چاہتا ہے۔ مرکز میں آمدنی کے صفحے سے نوٹ کے ساتھ اسے بند کریں؛ دونوں فریقوں کو بتایا جاتا ہے۔`,
      sms: 'مرکز: تصدیق شدہ آمدنی کا ایک اعتراض پروگرام کے عملے کو بھیجا گیا۔',
    }),
    'remittance.consent_given': (p) => ({
      subject: `رپورٹ کرنے کی نئی اجازت: اکاؤنٹ ${p.account}`,
      text: `ایک فری لانسر نے اجازت دی ہے کہ آپ اکاؤنٹ ${p.account} میں آئی ٹی برآمدات کی ترسیلات ${p.startsOn} سے ${p.expiresOn} تک رپورٹ کریں (رقم کے علاوہ: ${scopeOf(p.scope, 1) || 'کچھ نہیں'})۔ اس اکاؤنٹ کے اندراجات میں اس کا ہولڈر ہیش ہونا ضروری ہے؛ اجازتوں کی فہرست مرکز میں آپ کے بینک کے صفحے پر اور GET /api/v1/remittances/bank/consents پر ہے۔`,
      sms: 'مرکز: ایک فری لانسر نے آپ کے بینک کو نئی اجازت دی۔',
    }),
    'remittance.consent_revoked': (p) => ({
      subject: `اجازت واپس لے لی گئی: اکاؤنٹ ${p.account}`,
      text: `فری لانسر نے اکاؤنٹ ${p.account} کی اجازت ${p.revokedOn} کو واپس لے لی۔ اس اکاؤنٹ کے مزید اندراجات نہ بھیجیں: مرکز ایسی فائل مسترد کر دیتا ہے جس میں ایسا اندراج ہو۔`,
      sms: 'مرکز: ایک فری لانسر نے آپ کے بینک سے اجازت واپس لے لی۔',
    }),
  },
};
