import { DECISION_STANDARD_DAYS } from '../kinds.ts';
import type { Bilingual } from './bilingual.ts';

// Evaluators, bank officers and programme staff.

export type StaffKind =
  | 'evaluation.assigned'
  | 'evaluation.deadline'
  | 'loan.sanction_requested'
  | 'claim.deadline'
  | 'claim.decided'
  | 'inspection.assigned'
  | 'staff.daily_digest';

const CLAIM = {
  en: { approved: 'approved', partly_approved: 'approved in part', disputed: 'disputed' },
  ur: { approved: 'منظور', partly_approved: 'جزوی منظور', disputed: 'متنازع' },
} as const;
const claimStatus = (l: 'en' | 'ur', s: string | undefined) =>
  CLAIM[l][(s ?? 'disputed') as keyof (typeof CLAIM)['en']] ?? s ?? '';

const INSPECT = {
  en: {
    assigned: 'Inspection visit given to you',
    moved: 'Your inspection visit moved',
    unassigned: 'Inspection visit given to someone else',
    cancelled: 'Your inspection visit cancelled',
  },
  ur: {
    assigned: 'معائنے کا دورہ آپ کے سپرد',
    moved: 'آپ کے معائنے کا دورہ بدل گیا',
    unassigned: 'معائنے کا دورہ کسی اور کے سپرد',
    cancelled: 'آپ کے معائنے کا دورہ منسوخ',
  },
} as const;
const change = (c: string | undefined) =>
  c === 'moved' || c === 'unassigned' || c === 'cancelled' ? c : 'assigned';

export const staff: Bilingual<StaffKind> = {
  en: {
    'evaluation.assigned': (p) => ({
      subject: `Application ${p.reference} assigned to you`,
      text: `Application ${p.reference} is assigned to you for scoring. Declare any conflict of interest first; please submit your scores by ${p.deadline}.`,
      sms: `Markaz: application ${p.reference} assigned to you. Score by ${p.deadline}.`,
    }),
    'evaluation.deadline': (p) => ({
      subject:
        p.state === 'passed'
          ? `Scores for ${p.reference} are late (due ${p.deadline})`
          : `Scores for ${p.reference} are due on ${p.deadline}`,
      text:
        p.state === 'passed'
          ? `Your scores for application ${p.reference} were due on ${p.deadline} and are not in yet. Please submit them, or recuse yourself so the programme can assign someone else.`
          : `Your scores for application ${p.reference} are due on ${p.deadline}. Please submit them in Markaz before then.`,
      sms: `Markaz: scores for ${p.reference} due ${p.deadline}.`,
    }),
    'loan.sanction_requested': (p) => ({
      subject: `Loan request ${p.reference} waits for your sanction`,
      text: `A shortlisted owner asked your bank for a loan of ${p.amount} (application ${p.reference}). It is waiting in Markaz under Loan requests for your sanction or decline.`,
      sms: `Markaz: loan request ${p.reference} (${p.amount}) waits for sanction.`,
    }),
    'claim.deadline': (p) => ({
      subject: `Subsidy claim for ${p.quarter} is due by ${p.dueDate}`,
      text: `Your bank's markup subsidy claim for ${p.quarter} has not been filed. It is due by ${p.dueDate}; a claim filed late is marked late.`,
      sms: `Markaz: subsidy claim ${p.quarter} due by ${p.dueDate}.`,
    }),
    'claim.decided': (p) => ({
      subject: `Subsidy claim ${p.quarter}: ${claimStatus('en', p.status)}`,
      text: `The programme ${claimStatus('en', p.status)} your bank's subsidy claim for ${p.quarter}: ${p.claimed} claimed${p.approved ? `, ${p.approved} approved` : ''}. The decision and its note are in Markaz.`,
      sms: `Markaz: claim ${p.quarter} ${claimStatus('en', p.status)}.`,
    }),
    // change: assigned | moved | unassigned | cancelled; from/until: the window in Pakistan time.
    'inspection.assigned': (p) => ({
      subject: `${INSPECT.en[change(p.change)]}: ${p.centre}, ${p.from}`,
      text: `${INSPECT.en[change(p.change)]}: ${p.centre}, ${p.from} to ${p.until}. ${p.change === 'unassigned' || p.change === 'cancelled' ? 'You need not go.' : 'The inspection calendar in Markaz has the visit; record the inspection there when you have been.'}`,
      sms: `Markaz: ${INSPECT.en[change(p.change)]}, ${p.centre} ${p.from}.`,
    }),
    'staff.daily_digest': (p) => ({
      subject: `Markaz daily digest, ${p.day}`,
      text: `Loans in arrears: ${p.arrears}. Applications waiting over ${DECISION_STANDARD_DAYS} days: ${p.lateCases ?? '0'}. Undeliverable notices: ${p.deadNotices}. Undelivered domain events: ${p.deadEvents}. Monthly reports missing: ${p.missingReports}.`,
      sms: `Markaz ${p.day}: arrears ${p.arrears}, dead notices ${p.deadNotices}, reports missing ${p.missingReports}.`,
    }),
  },
  ur: {
    'evaluation.assigned': (p) => ({
      subject: `درخواست ${p.reference} آپ کے سپرد`,
      text: `درخواست ${p.reference} جانچ کے لیے آپ کے سپرد کی گئی ہے۔ پہلے مفادات کے ٹکراؤ کا اعلان کریں؛ اپنے نمبر ${p.deadline} تک جمع کرائیں۔`,
      sms: `مرکز: درخواست ${p.reference} آپ کے سپرد، ${p.deadline} تک`,
    }),
    'evaluation.deadline': (p) => ({
      subject:
        p.state === 'passed'
          ? `${p.reference} کے نمبر تاخیر سے (آخری تاریخ ${p.deadline})`
          : `${p.reference} کے نمبر ${p.deadline} تک واجب`,
      text:
        p.state === 'passed'
          ? `درخواست ${p.reference} کے لیے آپ کے نمبر ${p.deadline} تک واجب تھے اور ابھی موصول نہیں ہوئے۔ براہ کرم جمع کرائیں، یا الگ ہو جائیں تاکہ پروگرام کسی اور کو مقرر کر سکے۔`
          : `درخواست ${p.reference} کے لیے آپ کے نمبر ${p.deadline} تک واجب ہیں۔ براہ کرم اس سے پہلے مرکز میں جمع کرائیں۔`,
      sms: `مرکز: ${p.reference} کے نمبر ${p.deadline} تک`,
    }),
    'loan.sanction_requested': (p) => ({
      subject: `قرض کی درخواست ${p.reference} منظوری کی منتظر`,
      text: `ایک منتخب مالک نے آپ کے بینک سے ${p.amount} کا قرض مانگا ہے (درخواست ${p.reference})۔ یہ مرکز میں قرض کی درخواستوں میں آپ کی منظوری یا انکار کی منتظر ہے۔`,
      sms: `مرکز: قرض ${p.reference} (${p.amount}) منظوری کا منتظر`,
    }),
    'claim.deadline': (p) => ({
      subject: `${p.quarter} کا سبسڈی کلیم ${p.dueDate} تک واجب`,
      text: `آپ کے بینک کا ${p.quarter} کا مارک اپ سبسڈی کلیم ابھی جمع نہیں ہوا۔ آخری تاریخ ${p.dueDate} ہے؛ دیر سے جمع کلیم تاخیر شدہ درج ہوگا۔`,
      sms: `مرکز: ${p.quarter} کا سبسڈی کلیم ${p.dueDate} تک`,
    }),
    'claim.decided': (p) => ({
      subject: `سبسڈی کلیم ${p.quarter}: ${claimStatus('ur', p.status)}`,
      text: `پروگرام نے آپ کے بینک کا ${p.quarter} کا سبسڈی کلیم ${claimStatus('ur', p.status)} کیا: دعویٰ ${p.claimed}${p.approved ? `، منظور ${p.approved}` : ''}۔ فیصلہ اور اس کا نوٹ مرکز میں ہے۔`,
      sms: `مرکز: کلیم ${p.quarter} ${claimStatus('ur', p.status)}`,
    }),
    'inspection.assigned': (p) => ({
      subject: `${INSPECT.ur[change(p.change)]}: ${p.centre_ur || p.centre}، ${p.from}`,
      text: `${INSPECT.ur[change(p.change)]}: ${p.centre_ur || p.centre}، ${p.from} سے ${p.until} تک۔ ${p.change === 'unassigned' || p.change === 'cancelled' ? 'آپ کو جانے کی ضرورت نہیں۔' : 'یہ دورہ مرکز میں معائنوں کے کیلنڈر میں ہے؛ دورے کے بعد معائنہ وہیں درج کریں۔'}`,
      sms: `مرکز: ${INSPECT.ur[change(p.change)]}، ${p.from}`,
    }),
    'staff.daily_digest': (p) => ({
      subject: `مرکز روزانہ خلاصہ، ${p.day}`,
      text: `بقایا قرض: ${p.arrears}۔ ${DECISION_STANDARD_DAYS} دن سے زائد منتظر درخواستیں: ${p.lateCases ?? '0'}۔ ناقابلِ ترسیل اطلاعات: ${p.deadNotices}۔ ناقابلِ ترسیل واقعات: ${p.deadEvents}۔ غیر موصول ماہانہ رپورٹیں: ${p.missingReports}۔`,
      sms: `مرکز ${p.day}: بقایا ${p.arrears}، ناکام ${p.deadNotices}، رپورٹیں ${p.missingReports}`,
    }),
  },
};
