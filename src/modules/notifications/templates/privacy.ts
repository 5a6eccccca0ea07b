import type { Bilingual } from './bilingual.ts';

// People's rights over their data (issue 22): the answer to a request to correct a field, and a
// request to close an account that staff turned down.

export type PrivacyKind = 'privacy.correction_decided' | 'privacy.closure_rejected';

const yes = (p: Readonly<Record<string, string>>) => p.decision === 'approved';

export const privacy: Bilingual<PrivacyKind> = {
  en: {
    'privacy.correction_decided': (p) =>
      yes(p)
        ? {
            subject: `Your ${p.fieldEn} was corrected`,
            text: `Staff approved your request to correct your ${p.fieldEn}; Markaz now holds the value you asked for. Note: ${p.reason}`,
            sms: `Markaz: your ${p.fieldEn} was corrected as you asked.`,
          }
        : {
            subject: `Your request to correct your ${p.fieldEn} was not approved`,
            text: `Staff did not approve your request to correct your ${p.fieldEn}. Reason: ${p.reason} You can ask again with evidence.`,
            sms: `Markaz: correction of your ${p.fieldEn} not approved. Reason in Markaz.`,
          },
    'privacy.closure_rejected': (p) => ({
      subject: 'Your account was not closed',
      text: `Staff looked at your request to close your Markaz account and did not close it. Reason: ${p.note}`,
      sms: 'Markaz: your account was not closed. Reason in Markaz.',
    }),
  },
  ur: {
    'privacy.correction_decided': (p) =>
      yes(p)
        ? {
            subject: `آپ کا ${p.fieldUr} درست کر دیا گیا`,
            text: `عملے نے آپ کے ${p.fieldUr} کی درستی کی درخواست منظور کر لی؛ مرکز میں اب وہی درج ہے جو آپ نے مانگا تھا۔ نوٹ: ${p.reason}`,
            sms: `مرکز: آپ کا ${p.fieldUr} درست کر دیا گیا۔`,
          }
        : {
            subject: `آپ کے ${p.fieldUr} کی درستی کی درخواست منظور نہیں ہوئی`,
            text: `عملے نے آپ کے ${p.fieldUr} کی درستی کی درخواست منظور نہیں کی۔ وجہ: ${p.reason} آپ ثبوت کے ساتھ دوبارہ درخواست دے سکتے ہیں۔`,
            sms: `مرکز: ${p.fieldUr} کی درستی منظور نہیں ہوئی۔`,
          },
    'privacy.closure_rejected': (p) => ({
      subject: 'آپ کا اکاؤنٹ بند نہیں کیا گیا',
      text: `عملے نے آپ کا مرکز اکاؤنٹ بند کرنے کی درخواست دیکھی اور اسے بند نہیں کیا۔ وجہ: ${p.note}`,
      sms: 'مرکز: آپ کا اکاؤنٹ بند نہیں کیا گیا۔ وجہ مرکز میں۔',
    }),
  },
};
