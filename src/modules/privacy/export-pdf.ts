import { createPdf } from '../../platform/pdf/index.ts';
import type { PersonalExport } from './export.service.ts';

/** Rows per section printed; the JSON download has them all. */
const PDF_ROWS_PER_SECTION = 100;

const WORDS = {
  en: {
    title: 'Everything Markaz holds about you',
    generated: (at: string) => `Made on ${at.slice(0, 10)} at ${at.slice(11, 16)} UTC`,
    account: (id: string) => `Account ${id}`,
    none: 'Nothing held.',
    more: (n: number) => `… and ${n} more, all in the JSON download.`,
    note: 'This is a copy of your personal data for you to keep. To correct a mistake, use "Ask for a correction" in Markaz; to close your account, use "Close my account". Keep this file safe: it holds your CNIC and contacts.',
  },
  ur: {
    title: 'مرکز کے پاس آپ کے بارے میں تمام معلومات',
    // No Arabic comma between the date and the time: it would join the Latin run and garble it.
    generated: (at: string) => `تیار شدہ: ${at.slice(0, 10)} ${at.slice(11, 16)} UTC`,
    account: (id: string) => `اکاؤنٹ ${id}`,
    none: 'کچھ محفوظ نہیں۔',
    more: (n: number) => `… اور ${n} مزید، سب JSON ڈاؤن لوڈ میں۔`,
    note: 'یہ آپ کے ذاتی ڈیٹا کی نقل ہے جو آپ اپنے پاس رکھ سکتے ہیں۔ کسی غلطی کی درستی کے لیے مرکز میں "درستی کی درخواست" استعمال کریں؛ اکاؤنٹ بند کرنے کے لیے "میرا اکاؤنٹ بند کریں"۔ یہ فائل محفوظ رکھیں: اس میں آپ کا شناختی کارڈ نمبر اور رابطے ہیں۔',
  },
} as const;

/** Urdu names of the fields that recur across areas; the rest show their English name. */
const URDU_KEYS: Record<string, string> = {
  id: 'شناخت',
  name: 'نام',
  email: 'ای میل',
  mobile: 'موبائل',
  cnic: 'شناختی کارڈ',
  role: 'کردار',
  language: 'زبان',
  status: 'حیثیت',
  created_at: 'تاریخِ اندراج',
  updated_at: 'تازہ کاری',
  month: 'مہینہ',
  amount_minor: 'رقم (پیسے)',
  kind: 'قسم',
  channel: 'ذریعہ',
  subject: 'عنوان',
  birth_date: 'تاریخِ پیدائش',
  at: 'وقت',
  purpose: 'مقصد',
  fields: 'معلومات',
};

const ENGLISH_KEYS: Record<string, string> = { id: 'ID', cnic: 'CNIC', ip: 'IP address', iban: 'IBAN' };

const label = (key: string, lang: 'en' | 'ur') => {
  if (lang === 'ur' && URDU_KEYS[key]) return URDU_KEYS[key];
  if (ENGLISH_KEYS[key]) return ENGLISH_KEYS[key];
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length ? v.map(shown).join(', ') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** The export as a readable A4 PDF, in English or Urdu (right to left, Nastaliq). */
export async function personalDataPdf(data: PersonalExport, lang: 'en' | 'ur'): Promise<Buffer> {
  const w = WORDS[lang];
  const rtl = lang === 'ur';
  const pdf = createPdf({ title: w.title, lang, margin: 40 });
  const M = pdf.margin;
  const W = pdf.width - 2 * M;
  const align = rtl ? ('right' as const) : ('left' as const);
  const size = rtl ? 10 : 9;
  const step = rtl ? 22 : 13;
  let y = M + 20;
  const room = (need: number) => {
    if (y + need > pdf.height - M) {
      pdf.newPage();
      y = M + 20;
    }
  };
  pdf.line(w.title, y, { size: 18, bold: true, align });
  y += rtl ? 34 : 24;
  pdf.line(w.generated(data.generatedAt), y, { size: size + 1, align });
  y += step;
  pdf.line(w.account(data.userId), y, { size: size + 1, align });
  y += step;
  y = pdf.paragraph(w.note, y + 4, { size: size - 1, align, color: '#444444' }) + step;
  for (const s of data.sections) {
    room(step * 3);
    y += 6;
    pdf.line(s.title[lang], y, { size: size + 4, bold: true, align });
    y += rtl ? 28 : 18;
    if (s.rows.length === 0) {
      pdf.line(w.none, y, { size, align, color: '#444444' });
      y += step;
      continue;
    }
    for (const row of s.rows.slice(0, PDF_ROWS_PER_SECTION)) {
      for (const [k, v] of Object.entries(row)) {
        room(step);
        // The label and the value drawn apart: a value in Latin script (a mobile number with its
        // +, a CNIC) keeps its order beside an Urdu label.
        const lab = `${label(k, lang)}:`;
        const lw = Math.min(pdf.measure(lab, { size, bold: true }) + 8, W / 2);
        pdf.line(lab, y, { size, bold: true, align });
        y = pdf.paragraph(shown(v), y, { size, x: rtl ? M : M + lw, width: W - lw, align });
      }
      y += step / 2;
    }
    if (s.rows.length > PDF_ROWS_PER_SECTION) {
      room(step);
      pdf.line(w.more(s.rows.length - PDF_ROWS_PER_SECTION), y, { size, align, color: '#444444' });
      y += step;
    }
  }
  return pdf.finish();
}
