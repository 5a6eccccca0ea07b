import type { Bilingual } from './bilingual.ts';

// Founders of startups in the startup fund (issue 16): their application, the decision, the
// proofs that their investors' money arrived, the tranches paid, the quarterly report, and their
// appeal on a decision (received, then upheld or dismissed). The fund's staff: an appeal to resolve.

export type FundKind =
  | 'fund.application_received'
  | 'fund.grant_decided'
  | 'fund.arrival_reviewed'
  | 'fund.tranche_paid'
  | 'fund.report_due'
  | 'fund.appeal_received'
  | 'fund.appeal_decided'
  | 'fund.appeal_to_review';

const yes = (p: Readonly<Record<string, string>>) => p.decision === 'approved' || p.decision === 'accepted';
const upheld = (p: Readonly<Record<string, string>>) => p.outcome === 'upheld';

export const fund: Bilingual<FundKind> = {
  en: {
    'fund.application_received': (p) => ({
      subject: `Matching grant application received: ${p.startup}`,
      text: `Your application for a matching grant of ${p.usd} for ${p.startup} was received. The committee declares any conflict of interest, scores it, and the fund decides; you will hear when it has.`,
      sms: `Markaz: grant application for ${p.startup} received.`,
    }),
    'fund.grant_decided': (p) =>
      yes(p)
        ? {
            subject: `Matching grant approved: ${p.startup}`,
            text: `The fund approved a matching grant of ${p.usd} for ${p.startup}. It is paid in tranches as proof that your foreign investors' money arrived is accepted. Reason: ${p.reason}`,
            sms: `Markaz: grant of ${p.usd} approved for ${p.startup}.`,
          }
        : {
            subject: `Matching grant not approved: ${p.startup}`,
            text: `The fund did not approve the matching grant for ${p.startup}. Reason: ${p.reason}`,
            sms: `Markaz: grant for ${p.startup} not approved. Reason in Markaz.`,
          },
    'fund.arrival_reviewed': (p) =>
      yes(p)
        ? {
            subject: `Proof of ${p.usd} arriving accepted`,
            text: `The fund accepted your proof that ${p.usd} from your foreign investors arrived. The part of the grant it allows can now be paid.`,
            sms: `Markaz: proof of ${p.usd} arriving accepted.`,
          }
        : {
            subject: `Proof of ${p.usd} arriving not accepted`,
            text: `The fund did not accept your proof that ${p.usd} from your foreign investors arrived.${p.reason ? ` Note: ${p.reason}` : ''} You can send a new proof in Markaz.`,
            sms: `Markaz: proof of ${p.usd} arriving not accepted. See Markaz.`,
          },
    'fund.tranche_paid': (p) => ({
      subject: `Grant tranche ${p.number} paid: ${p.amount}`,
      text: `Tranche ${p.number} of your matching grant was paid on ${p.date}: ${p.usd}, ${p.amount} at that day's rate. Please report each quarter in Markaz.`,
      sms: `Markaz: grant tranche ${p.number} of ${p.amount} paid on ${p.date}.`,
    }),
    'fund.report_due': (p) => ({
      subject: `Quarterly report for ${p.quarter} is due: ${p.startup}`,
      text: `Please report ${p.startup}'s ${p.quarter} in Markaz: jobs, revenue, exports and follow-on funding, and whether the company is still in Pakistan.`,
      sms: `Markaz: ${p.startup} report for ${p.quarter} is due.`,
    }),
    'fund.appeal_received': (p) => ({
      subject: `Appeal received: ${p.startup}`,
      text: `Your appeal against the decision on ${p.startup}'s matching grant application was received. The fund's staff will uphold or dismiss it and say why; you will hear when they have.`,
      sms: `Markaz: your appeal for ${p.startup} was received.`,
    }),
    'fund.appeal_decided': (p) =>
      upheld(p)
        ? {
            subject: `Appeal upheld: ${p.startup}`,
            text: `The fund upheld your appeal on ${p.startup}'s matching grant application. ${p.reopened === 'yes' ? "The application goes back for a new decision, with the committee's scores as they stand." : "The fund's staff will act on it."} Reason: ${p.reason}`,
            sms: `Markaz: your appeal for ${p.startup} was upheld.`,
          }
        : {
            subject: `Appeal dismissed: ${p.startup}`,
            text: `The fund dismissed your appeal on ${p.startup}'s matching grant application: the decision stands. Reason: ${p.reason}`,
            sms: `Markaz: your appeal for ${p.startup} was dismissed. Reason in Markaz.`,
          },
    'fund.appeal_to_review': (p) => ({
      subject: `Appeal to decide: ${p.startup}`,
      text: `The founder of ${p.startup} appealed the ${p.decision === 'rejected' ? 'rejection' : 'approval'} of their matching grant application. Uphold or dismiss it, with the reason, under "Appeals on grant decisions" on the fund's staff page.`,
      sms: `Markaz: new appeal on the grant decision for ${p.startup}.`,
    }),
  },
  ur: {
    'fund.application_received': (p) => ({
      subject: `میچنگ گرانٹ کی درخواست موصول: ${p.startup}`,
      text: `${p.startup} کے لیے ${p.usd} کی میچنگ گرانٹ کی آپ کی درخواست موصول ہو گئی۔ کمیٹی مفادات کے ٹکراؤ کا اعلان کر کے نمبر دے گی اور فنڈ فیصلہ کرے گا؛ فیصلہ ہوتے ہی آپ کو بتایا جائے گا۔`,
      sms: 'مرکز: گرانٹ کی درخواست موصول ہو گئی۔',
    }),
    'fund.grant_decided': (p) =>
      yes(p)
        ? {
            subject: `میچنگ گرانٹ منظور: ${p.startup}`,
            text: `فنڈ نے ${p.startup} کے لیے ${p.usd} کی میچنگ گرانٹ منظور کر لی۔ آپ کے غیر ملکی سرمایہ کاروں کی رقم پہنچنے کا ثبوت قبول ہونے پر یہ قسطوں میں ادا ہو گی۔ وجہ: ${p.reason}`,
            sms: 'مرکز: آپ کی میچنگ گرانٹ منظور ہو گئی۔',
          }
        : {
            subject: `میچنگ گرانٹ منظور نہیں ہوئی: ${p.startup}`,
            text: `فنڈ نے ${p.startup} کے لیے میچنگ گرانٹ منظور نہیں کی۔ وجہ: ${p.reason}`,
            sms: 'مرکز: آپ کی گرانٹ منظور نہیں ہوئی۔ وجہ مرکز میں۔',
          },
    'fund.arrival_reviewed': (p) =>
      yes(p)
        ? {
            subject: `${p.usd} پہنچنے کا ثبوت قبول`,
            text: `فنڈ نے آپ کے غیر ملکی سرمایہ کاروں کے ${p.usd} پہنچنے کا ثبوت قبول کر لیا۔ اس کے تناسب سے گرانٹ کا حصہ اب ادا ہو سکتا ہے۔`,
            sms: 'مرکز: رقم پہنچنے کا ثبوت قبول ہو گیا۔',
          }
        : {
            subject: `${p.usd} پہنچنے کا ثبوت قبول نہیں ہوا`,
            text: `فنڈ نے آپ کے غیر ملکی سرمایہ کاروں کے ${p.usd} پہنچنے کا ثبوت قبول نہیں کیا۔${p.reason ? ` نوٹ: ${p.reason}` : ''} آپ مرکز میں نیا ثبوت بھیج سکتے ہیں۔`,
            sms: 'مرکز: رقم پہنچنے کا ثبوت قبول نہیں ہوا۔',
          },
    'fund.tranche_paid': (p) => ({
      subject: `گرانٹ کی قسط ${p.number} ادا: ${p.amount}`,
      text: `آپ کی میچنگ گرانٹ کی قسط ${p.number} ${p.date} کو ادا ہوئی: ${p.usd}، اس دن کی شرح پر ${p.amount}۔ براہ کرم ہر سہ ماہی کی رپورٹ مرکز میں دیں۔`,
      sms: `مرکز: گرانٹ کی قسط ${p.number} ادا ہو گئی۔`,
    }),
    'fund.report_due': (p) => ({
      subject: `${p.quarter} کی سہ ماہی رپورٹ واجب: ${p.startup}`,
      text: `براہ کرم ${p.startup} کی ${p.quarter} کی رپورٹ مرکز میں دیں: ملازمتیں، آمدنی، برآمدات، مزید سرمایہ کاری، اور یہ کہ کمپنی اب بھی پاکستان میں ہے۔`,
      sms: `مرکز: ${p.quarter} کی سہ ماہی رپورٹ واجب ہے۔`,
    }),
    'fund.appeal_received': (p) => ({
      subject: `اپیل موصول: ${p.startup}`,
      text: `${p.startup} کی میچنگ گرانٹ کی درخواست پر فیصلے کے خلاف آپ کی اپیل موصول ہو گئی۔ فنڈ کا عملہ اسے منظور یا مسترد کر کے وجہ بتائے گا؛ فیصلہ ہوتے ہی آپ کو بتایا جائے گا۔`,
      sms: 'مرکز: آپ کی اپیل موصول ہو گئی۔',
    }),
    'fund.appeal_decided': (p) =>
      upheld(p)
        ? {
            subject: `اپیل منظور: ${p.startup}`,
            text: `فنڈ نے ${p.startup} کی میچنگ گرانٹ کی درخواست پر آپ کی اپیل منظور کر لی۔ ${p.reopened === 'yes' ? 'درخواست پر کمیٹی کے موجودہ نمبروں کے ساتھ دوبارہ فیصلہ ہو گا۔' : 'فنڈ کا عملہ اس پر کارروائی کرے گا۔'} وجہ: ${p.reason}`,
            sms: 'مرکز: آپ کی اپیل منظور ہو گئی۔',
          }
        : {
            subject: `اپیل مسترد: ${p.startup}`,
            text: `فنڈ نے ${p.startup} کی میچنگ گرانٹ کی درخواست پر آپ کی اپیل مسترد کر دی: فیصلہ برقرار ہے۔ وجہ: ${p.reason}`,
            sms: 'مرکز: آپ کی اپیل مسترد ہو گئی۔ وجہ مرکز میں۔',
          },
    'fund.appeal_to_review': (p) => ({
      subject: `اپیل پر فیصلہ درکار: ${p.startup}`,
      text: `${p.startup} کے بانی نے اپنی میچنگ گرانٹ کی درخواست ${p.decision === 'rejected' ? 'مسترد ہونے' : 'کی منظوری'} کے فیصلے کے خلاف اپیل کی ہے۔ فنڈ کے عملے کے صفحے پر "گرانٹ کے فیصلوں پر اپیلیں" میں وجہ کے ساتھ اسے منظور یا مسترد کریں۔`,
      sms: 'مرکز: گرانٹ کے فیصلے پر نئی اپیل آئی ہے۔',
    }),
  },
};
