import { directMessageEn, directMessageUr } from './direct-message.templates.ts';
import type { NoticeKind } from './kinds.ts';

/**
 * What each kind of notice says, in English and Urdu. `sms` is kept to one part where it can be
 * (160 GSM-7 characters in English, 70 in Urdu, counted by sms-segments.ts; a test checks them).
 * Params carry only what the person needs: a reference, a date, an amount, a code; never a CNIC.
 */
export type Params = Readonly<Record<string, string>>;
export type Rendered = { subject: string; text: string; sms: string };
type Template = (p: Params) => Rendered;
export type Locale = 'en' | 'ur';

const OUTCOME = {
  en: { shortlisted: 'shortlisted', not_selected: 'not selected', failed: 'not eligible' },
  ur: { shortlisted: 'منتخب فہرست میں شامل', not_selected: 'منتخب نہیں ہوئی', failed: 'اہل نہیں' },
} as const;
const outcome = (l: Locale, o: string | undefined) =>
  OUTCOME[l][(o ?? 'failed') as keyof (typeof OUTCOME)['en']] ?? o ?? '';

const en: Record<NoticeKind, Template> = {
  'application.decided': (p) => ({
    subject: `Application ${p.reference}: ${outcome('en', p.outcome)}`,
    text: `The committee has decided on your application ${p.reference}: ${outcome('en', p.outcome)}. Open Markaz to see the details and what comes next.`,
    sms: `Markaz: application ${p.reference} was ${outcome('en', p.outcome)}. Details in Markaz.`,
  }),
  'loan.instalment_due': (p) => ({
    subject: `Instalment ${p.number} is due on ${p.dueDate}`,
    text: `Instalment ${p.number} of your loan, ${p.amount}, is due on ${p.dueDate}. Please pay your bank by then to keep the programme's interest subsidy.`,
    sms: `Markaz: loan instalment ${p.number} of ${p.amount} is due on ${p.dueDate}.`,
  }),
  'loan.instalment_overdue': (p) => ({
    subject: `Instalment ${p.number} is ${p.days} day(s) overdue`,
    text: `Instalment ${p.number} of your loan, due on ${p.dueDate}, is ${p.days} day(s) overdue: ${p.amount} is unpaid. Please pay your bank as soon as you can; a loan in arrears can lose the interest subsidy.`,
    sms: `Markaz: instalment ${p.number} (${p.amount}) is ${p.days} day(s) overdue. Please pay your bank.`,
  }),
  'booking.reminder': (p) => ({
    subject: `Your seat at ${p.centre} starts at ${p.start}`,
    text: `A reminder: your booking at ${p.centre} starts at ${p.start}. Show the check-in code at the desk.`,
    sms: `Markaz: your seat at ${p.centre} starts at ${p.start}.`,
  }),
  'booking.cancelled_by_centre': (p) => ({
    subject: `Your booking at ${p.centre} was cancelled by the centre`,
    text: `The centre ${p.centre} cancelled your booking of ${p.start}.${p.refund === 'yes' ? ' You paid for it: the centre owes you a full refund.' : ''} You can book another seat in Markaz.`,
    sms: `Markaz: ${p.centre} cancelled your booking of ${p.start}.${p.refund === 'yes' ? ' A full refund is due.' : ''}`,
  }),
  'centre.opened_nearby': (p) => ({
    subject: `A new centre opened near you: ${p.centre}`,
    text: `${p.centre} is now open, about ${p.km} km from the place you chose. You can book a seat there in Markaz.`,
    sms: `Markaz: ${p.centre} is now open, about ${p.km} km from you.`,
  }),
  'staff.daily_digest': (p) => ({
    subject: `Markaz daily digest, ${p.day}`,
    text: `Loans in arrears: ${p.arrears}. Undeliverable notices: ${p.deadNotices}. Undelivered domain events: ${p.deadEvents}. Monthly reports missing: ${p.missingReports}.`,
    sms: `Markaz ${p.day}: arrears ${p.arrears}, dead notices ${p.deadNotices}, reports missing ${p.missingReports}.`,
  }),
  ...directMessageEn,
};

const ur: Record<NoticeKind, Template> = {
  'application.decided': (p) => ({
    subject: `درخواست ${p.reference}: ${outcome('ur', p.outcome)}`,
    text: `کمیٹی نے آپ کی درخواست ${p.reference} کا فیصلہ کر دیا ہے: ${outcome('ur', p.outcome)}۔ تفصیل اور اگلے قدم کے لیے مرکز کھولیں۔`,
    sms: `مرکز: درخواست ${p.reference} ${outcome('ur', p.outcome)}`,
  }),
  'loan.instalment_due': (p) => ({
    subject: `قسط ${p.number} کی تاریخ ${p.dueDate} ہے`,
    text: `آپ کے قرض کی قسط ${p.number}، ${p.amount}، ${p.dueDate} کو واجب ہے۔ سود کی سبسڈی برقرار رکھنے کے لیے اس سے پہلے اپنے بینک کو ادائیگی کریں۔`,
    sms: `مرکز: قسط ${p.number} (${p.amount}) ${p.dueDate} کو واجب ہے`,
  }),
  'loan.instalment_overdue': (p) => ({
    subject: `قسط ${p.number} کو ${p.days} دن کی تاخیر`,
    text: `آپ کے قرض کی قسط ${p.number}، جو ${p.dueDate} کو واجب تھی، ${p.days} دن سے ادا نہیں ہوئی: ${p.amount} باقی ہیں۔ جلد از جلد اپنے بینک کو ادائیگی کریں؛ بقایا قرض پر سود کی سبسڈی ختم ہو سکتی ہے۔`,
    sms: `مرکز: قسط ${p.number} (${p.amount}) ${p.days} دن سے واجب الادا ہے`,
  }),
  'booking.reminder': (p) => ({
    subject: `${p.centre_ur || p.centre} میں آپ کی نشست ${p.start} پر شروع ہوگی`,
    text: `یاد دہانی: ${p.centre_ur || p.centre} میں آپ کی بکنگ ${p.start} پر شروع ہوگی۔ کاؤنٹر پر چیک اِن کوڈ دکھائیں۔`,
    sms: `مرکز: ${p.centre_ur || p.centre} میں نشست ${p.start} پر`,
  }),
  'booking.cancelled_by_centre': (p) => ({
    subject: `${p.centre_ur || p.centre} نے آپ کی بکنگ منسوخ کر دی`,
    text: `مرکز ${p.centre_ur || p.centre} نے ${p.start} کی آپ کی بکنگ منسوخ کر دی۔${p.refund === 'yes' ? ' آپ نے ادائیگی کی تھی: مرکز آپ کو پوری رقم واپس کرے گا۔' : ''} آپ مرکز میں دوسری نشست بُک کر سکتے ہیں۔`,
    sms: `مرکز: ${p.centre_ur || p.centre} نے ${p.start} کی بکنگ منسوخ کی${p.refund === 'yes' ? '، رقم واپس ہوگی' : ''}`,
  }),
  'centre.opened_nearby': (p) => ({
    subject: `آپ کے قریب نیا مرکز کھلا: ${p.centre_ur || p.centre}`,
    text: `${p.centre_ur || p.centre} اب کھل گیا ہے، آپ کی چنی ہوئی جگہ سے تقریباً ${p.km} کلومیٹر پر۔ آپ مرکز میں وہاں نشست بُک کر سکتے ہیں۔`,
    sms: `مرکز: ${p.centre_ur || p.centre} کھل گیا، ${p.km} کلومیٹر پر`,
  }),
  'staff.daily_digest': (p) => ({
    subject: `مرکز روزانہ خلاصہ، ${p.day}`,
    text: `بقایا قرض: ${p.arrears}۔ ناقابلِ ترسیل اطلاعات: ${p.deadNotices}۔ ناقابلِ ترسیل واقعات: ${p.deadEvents}۔ غیر موصول ماہانہ رپورٹیں: ${p.missingReports}۔`,
    sms: `مرکز ${p.day}: بقایا ${p.arrears}، ناکام ${p.deadNotices}، رپورٹیں ${p.missingReports}`,
  }),
  ...directMessageUr,
};

const TEMPLATES: Record<Locale, Record<NoticeKind, Template>> = { en, ur };

const FOOTER = {
  en: 'Markaz, the e-working centres programme.',
  ur: 'مرکز، ای-ورکنگ مراکز پروگرام۔',
};

export function render(kind: NoticeKind, locale: Locale, params: Params): Rendered {
  return TEMPLATES[locale][kind](params);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The email's plain-text part: the text, the link, the footer. */
export function emailText(r: Rendered, locale: Locale, link: string | null): string {
  return [r.text, link ?? '', '--', FOOTER[locale]].filter(Boolean).join('\n\n');
}

/** The email's HTML part: the same words, right to left in Urdu, the link as a button. */
export function emailHtml(r: Rendered, locale: Locale, link: string | null): string {
  const dir = locale === 'ur' ? 'rtl' : 'ltr';
  const open = locale === 'ur' ? 'مرکز میں کھولیں' : 'Open in Markaz';
  const button = link
    ? `<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 16px;background:#0b6e4f;color:#fff;text-decoration:none;border-radius:4px">${open}</a></p>`
    : '';
  return `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(r.subject)}</title></head><body style="font-family:sans-serif;line-height:1.6"><p>${escapeHtml(r.text)}</p>${button}<hr><p style="color:#555;font-size:small">${FOOTER[locale]}</p></body></html>`;
}
