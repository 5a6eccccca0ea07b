import type { Bilingual } from './bilingual.ts';

// Owners: their application, their loan, their centre's inspection and monthly report.

const OUTCOME = {
  en: { shortlisted: 'shortlisted', not_selected: 'not selected', failed: 'not eligible' },
  ur: { shortlisted: 'منتخب فہرست میں شامل', not_selected: 'منتخب نہیں ہوئی', failed: 'اہل نہیں' },
} as const;
const outcome = (l: 'en' | 'ur', o: string | undefined) =>
  OUTCOME[l][(o ?? 'failed') as keyof (typeof OUTCOME)['en']] ?? o ?? '';

export type OwnerKind =
  | 'application.received'
  | 'application.decided'
  | 'application.appeal_closing'
  | 'loan.sanctioned'
  | 'loan.disbursed'
  | 'loan.instalment_due'
  | 'loan.instalment_overdue'
  | 'centre.inspection_booked'
  | 'centre.inspection_result'
  | 'centre.report_due'
  | 'centre.report_missing';

export const owner: Bilingual<OwnerKind> = {
  en: {
    'application.received': (p) => ({
      subject: `Application ${p.reference} received`,
      text: `Your application ${p.reference} was received. The committee will evaluate it; you will hear when it has decided.`,
      sms: `Markaz: application ${p.reference} received. We will tell you the decision.`,
    }),
    'application.decided': (p) => ({
      subject: `Application ${p.reference}: ${outcome('en', p.outcome)}`,
      text: `The committee has decided on your application ${p.reference}: ${outcome('en', p.outcome)}. Open Markaz to see the details and what comes next.`,
      sms: `Markaz: application ${p.reference} was ${outcome('en', p.outcome)}. Details in Markaz.`,
    }),
    'application.appeal_closing': (p) => ({
      subject: `Appeal window for ${p.reference} closes on ${p.deadline}`,
      text: `If you want to contest the decision on application ${p.reference}, file your appeal in Markaz by ${p.deadline}. After that no appeal is accepted.`,
      sms: `Markaz: appeal for ${p.reference} closes ${p.deadline}.`,
    }),
    'loan.sanctioned': (p) => ({
      subject: `Your loan of ${p.amount} is sanctioned`,
      text: `Your bank sanctioned your loan: ${p.amount} over ${p.tenor} months, first repayment on ${p.firstDate}. The programme pays the markup; you repay the principal only.`,
      sms: `Markaz: loan of ${p.amount} sanctioned. First repayment ${p.firstDate}.`,
    }),
    'loan.disbursed': (p) => ({
      subject: `${p.amount} of your loan was paid out`,
      text: `Your bank paid out ${p.amount} of your loan on ${p.date} (${p.total} paid out so far). Your repayment schedule is in Markaz.`,
      sms: `Markaz: ${p.amount} of your loan paid out on ${p.date}.`,
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
    // change: booked | rescheduled | cancelled; from/until: the window in Pakistan time; reason when cancelled.
    'centre.inspection_booked': (p) =>
      p.change === 'cancelled'
        ? {
            subject: `Inspection visit cancelled: ${p.centre}`,
            text: `The inspection visit to ${p.centre} on ${p.from} is cancelled: ${p.reason ?? ''}. The programme will book a new one.`,
            sms: `Markaz: inspection visit to ${p.centre} on ${p.from} cancelled.`,
          }
        : {
            subject:
              p.change === 'rescheduled'
                ? `Inspection visit moved: ${p.centre}, ${p.from}`
                : `Inspection visit booked: ${p.centre}, ${p.from}`,
            text: `${p.change === 'rescheduled' ? 'The inspection visit was moved.' : 'An inspection visit is booked.'} The programme's inspector will visit ${p.centre} between ${p.from} and ${p.until}. Please have the internet, the backup power and every seat ready to check.`,
            sms: `Markaz: inspection of ${p.centre} ${p.change === 'rescheduled' ? 'moved to' : 'on'} ${p.from}-${p.untilTime}.`,
          },
    'centre.inspection_result': (p) => ({
      subject:
        p.passed === 'yes' ? `${p.centre} passed its inspection` : `${p.centre} did not pass its inspection`,
      text:
        p.passed === 'yes'
          ? `${p.centre} passed its inspection (${p.mbps} Mbps measured, ${p.seats} seats counted). The programme can now open it to freelancers.`
          : `${p.centre} did not pass its inspection (${p.mbps} Mbps measured, ${p.seats} seats counted). The inspector's notes are on the centre's page; ask for a new inspection once it is put right.`,
      sms:
        p.passed === 'yes'
          ? `Markaz: ${p.centre} passed its inspection.`
          : `Markaz: ${p.centre} did not pass its inspection. See Markaz.`,
    }),
    'centre.report_due': (p) => ({
      subject: `Monthly report for ${p.month} is due: ${p.centre}`,
      text: `Please submit ${p.centre}'s monthly report for ${p.month} in Markaz: internet and power uptime and the trainer's sessions. It is due by the 10th.`,
      sms: `Markaz: ${p.centre} report for ${p.month} due by the 10th.`,
    }),
    'centre.report_missing': (p) => ({
      subject: `Monthly report for ${p.month} is missing: ${p.centre}`,
      text: `${p.centre}'s monthly report for ${p.month} has not been submitted. Please submit it in Markaz now: the public centre directory shows the uptime of your latest report.`,
      sms: `Markaz: ${p.centre} report for ${p.month} is missing. Submit it now.`,
    }),
  },
  ur: {
    'application.received': (p) => ({
      subject: `درخواست ${p.reference} موصول ہو گئی`,
      text: `آپ کی درخواست ${p.reference} موصول ہو گئی ہے۔ کمیٹی اس کا جائزہ لے گی؛ فیصلہ ہونے پر آپ کو بتایا جائے گا۔`,
      sms: `مرکز: درخواست ${p.reference} موصول ہو گئی`,
    }),
    'application.decided': (p) => ({
      subject: `درخواست ${p.reference}: ${outcome('ur', p.outcome)}`,
      text: `کمیٹی نے آپ کی درخواست ${p.reference} کا فیصلہ کر دیا ہے: ${outcome('ur', p.outcome)}۔ تفصیل اور اگلے قدم کے لیے مرکز کھولیں۔`,
      sms: `مرکز: درخواست ${p.reference} ${outcome('ur', p.outcome)}`,
    }),
    'application.appeal_closing': (p) => ({
      subject: `درخواست ${p.reference} پر اپیل ${p.deadline} تک`,
      text: `اگر آپ درخواست ${p.reference} کے فیصلے پر اپیل کرنا چاہتے ہیں تو ${p.deadline} تک مرکز میں اپیل دائر کریں۔ اس کے بعد کوئی اپیل قبول نہیں ہوگی۔`,
      sms: `مرکز: ${p.reference} پر اپیل ${p.deadline} تک`,
    }),
    'loan.sanctioned': (p) => ({
      subject: `آپ کا ${p.amount} کا قرض منظور ہو گیا`,
      text: `آپ کے بینک نے آپ کا قرض منظور کر دیا: ${p.amount}، ${p.tenor} ماہ کے لیے، پہلی قسط ${p.firstDate} کو۔ مارک اپ پروگرام ادا کرے گا؛ آپ صرف اصل رقم لوٹائیں گے۔`,
      sms: `مرکز: ${p.amount} کا قرض منظور، پہلی قسط ${p.firstDate}`,
    }),
    'loan.disbursed': (p) => ({
      subject: `آپ کے قرض میں سے ${p.amount} جاری ہو گئے`,
      text: `آپ کے بینک نے ${p.date} کو آپ کے قرض میں سے ${p.amount} جاری کیے (اب تک کل ${p.total})۔ ادائیگی کا شیڈول مرکز میں ہے۔`,
      sms: `مرکز: قرض کے ${p.amount} ${p.date} کو جاری ہوئے`,
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
    'centre.inspection_booked': (p) =>
      p.change === 'cancelled'
        ? {
            subject: `معائنے کا دورہ منسوخ: ${p.centre_ur || p.centre}`,
            text: `${p.centre_ur || p.centre} کا ${p.from} کا معائنہ دورہ منسوخ کر دیا گیا ہے: ${p.reason ?? ''}۔ پروگرام نیا دورہ طے کرے گا۔`,
            sms: `مرکز: ${p.from} کا معائنہ منسوخ`,
          }
        : {
            subject:
              p.change === 'rescheduled'
                ? `معائنے کا دورہ بدل گیا: ${p.centre_ur || p.centre}، ${p.from}`
                : `معائنے کا دورہ طے: ${p.centre_ur || p.centre}، ${p.from}`,
            text: `${p.change === 'rescheduled' ? 'معائنے کا دورہ نئے وقت پر منتقل ہو گیا ہے۔' : 'معائنے کا دورہ طے ہو گیا ہے۔'} پروگرام کا معائنہ کار ${p.from} سے ${p.until} کے درمیان ${p.centre_ur || p.centre} آئے گا۔ براہ کرم انٹرنیٹ، بیک اپ بجلی اور تمام نشستیں جانچ کے لیے تیار رکھیں۔`,
            sms: `مرکز: معائنہ ${p.from} سے ${p.untilTime}`,
          },
    'centre.inspection_result': (p) => ({
      subject:
        p.passed === 'yes'
          ? `${p.centre_ur || p.centre} معائنے میں کامیاب`
          : `${p.centre_ur || p.centre} معائنے میں کامیاب نہیں ہوا`,
      text:
        p.passed === 'yes'
          ? `${p.centre_ur || p.centre} معائنے میں کامیاب ہو گیا (${p.mbps} Mbps ناپی گئی، ${p.seats} نشستیں گنی گئیں)۔ اب پروگرام اسے فری لانسرز کے لیے کھول سکتا ہے۔`
          : `${p.centre_ur || p.centre} معائنے میں کامیاب نہیں ہوا (${p.mbps} Mbps ناپی گئی، ${p.seats} نشستیں گنی گئیں)۔ معائنہ کار کے نوٹس مرکز کے صفحے پر ہیں؛ درستی کے بعد نیا معائنہ مانگیں۔`,
      sms:
        p.passed === 'yes'
          ? `مرکز: ${p.centre_ur || p.centre} معائنے میں کامیاب`
          : `مرکز: ${p.centre_ur || p.centre} معائنے میں ناکام`,
    }),
    'centre.report_due': (p) => ({
      subject: `${p.month} کی ماہانہ رپورٹ واجب ہے: ${p.centre_ur || p.centre}`,
      text: `براہ کرم ${p.centre_ur || p.centre} کی ${p.month} کی ماہانہ رپورٹ مرکز میں جمع کرائیں: انٹرنیٹ اور بجلی کی دستیابی اور ٹرینر کے سیشن۔ آخری تاریخ 10 ہے۔`,
      sms: `مرکز: ${p.month} کی رپورٹ 10 تاریخ تک جمع کرائیں`,
    }),
    'centre.report_missing': (p) => ({
      subject: `${p.month} کی ماہانہ رپورٹ موصول نہیں ہوئی: ${p.centre_ur || p.centre}`,
      text: `${p.centre_ur || p.centre} کی ${p.month} کی ماہانہ رپورٹ جمع نہیں ہوئی۔ براہ کرم ابھی مرکز میں جمع کرائیں: عوامی ڈائریکٹری آپ کی تازہ رپورٹ کی دستیابی دکھاتی ہے۔`,
      sms: `مرکز: ${p.month} کی رپورٹ نہیں ملی، ابھی جمع کرائیں`,
    }),
  },
};
