import type { DirectMessageKind } from '../../../platform/direct-message.ts';
import type { Bilingual } from './bilingual.ts';

// Codes, links and security notices, raised by sign-in through the direct-message hook: mandatory.

export const security: Bilingual<DirectMessageKind> = {
  en: {
    'contact.verify_mobile': (p) => ({
      subject: 'Your Markaz verification code',
      text: `Your Markaz verification code is ${p.code}. It expires in 15 minutes. Nobody from Markaz will ask you for it.`,
      sms: `Markaz code: ${p.code}. Expires in 15 min. Do not share it.`,
    }),
    'contact.verify_email': (p) => ({
      subject: 'Confirm your email address for Markaz',
      text: `Open this link to confirm your email address: ${p.link} It expires in 15 minutes. If you did not ask for it, ignore this message.`,
      sms: `Markaz: confirm your email with the link we sent.`,
    }),
    'password.reset': (p) => ({
      subject: 'Reset your Markaz password',
      text: p.code
        ? `Your Markaz password reset code is ${p.code}. It expires in 15 minutes. If you did not ask for it, ignore this message.`
        : `Open this link to choose a new password: ${p.link} It expires in 15 minutes and works once. If you did not ask for it, ignore this message.`,
      sms: p.code
        ? `Markaz reset code: ${p.code}. Expires in 15 min. Do not share it.`
        : `Markaz: a password reset link was sent to your email.`,
    }),
    'security.password_changed': (p) => ({
      subject: 'Your Markaz password was changed',
      text: `Your Markaz password was changed${p.time ? ` at ${p.time}` : ''}. Every other session was signed out. If this was not you, reset your password now.`,
      sms: `Markaz: your password was changed. Not you? Reset it now.`,
    }),
    'security.new_sign_in': (p) => ({
      subject: 'A new sign-in to your Markaz account',
      text: `Someone signed in to your Markaz account${p.time ? ` at ${p.time}` : ''}${p.place ? ` from ${p.place}` : ''}. If this was not you, reset your password now.`,
      sms: `Markaz: new sign-in to your account. Not you? Reset your password.`,
    }),
    'security.account_locked': (p) => ({
      subject: 'Sign-in to your Markaz account is paused',
      text: `After several wrong passwords, sign-in to your account is paused${p.until ? ` until ${p.until}` : ''}. You can get back in at once by resetting your password.`,
      sms: `Markaz: sign-in paused after wrong passwords. Reset your password to get in.`,
    }),
    'security.registration_attempt': () => ({
      subject: 'Someone tried to register with your details',
      text: 'Someone tried to register a new Markaz account with your email address or mobile number. You already have an account; if you forgot your password, reset it. If this was not you, you need not do anything.',
      sms: 'Markaz: someone tried to register with your number. You already have an account.',
    }),
  },
  ur: {
    'contact.verify_mobile': (p) => ({
      subject: 'مرکز تصدیقی کوڈ',
      text: `آپ کا مرکز تصدیقی کوڈ ${p.code} ہے۔ یہ 15 منٹ میں ختم ہو جائے گا۔ مرکز کا کوئی فرد یہ کوڈ نہیں مانگے گا۔`,
      sms: `مرکز کوڈ: ${p.code}۔ 15 منٹ کے لیے۔ کسی کو نہ بتائیں`,
    }),
    'contact.verify_email': (p) => ({
      subject: 'مرکز کے لیے اپنا ای میل تصدیق کریں',
      text: `اپنا ای میل تصدیق کرنے کے لیے یہ لنک کھولیں: ${p.link} یہ 15 منٹ میں ختم ہو جائے گا۔ اگر آپ نے یہ نہیں مانگا تو اسے نظرانداز کریں۔`,
      sms: 'مرکز: بھیجے گئے لنک سے ای میل تصدیق کریں',
    }),
    'password.reset': (p) => ({
      subject: 'مرکز پاس ورڈ تبدیل کریں',
      text: p.code
        ? `آپ کا پاس ورڈ ری سیٹ کوڈ ${p.code} ہے۔ یہ 15 منٹ میں ختم ہو جائے گا۔ اگر آپ نے یہ نہیں مانگا تو اسے نظرانداز کریں۔`
        : `نیا پاس ورڈ چننے کے لیے یہ لنک کھولیں: ${p.link} یہ 15 منٹ کے لیے اور ایک بار کام کرے گا۔ اگر آپ نے یہ نہیں مانگا تو اسے نظرانداز کریں۔`,
      sms: p.code
        ? `مرکز ری سیٹ کوڈ: ${p.code}۔ کسی کو نہ بتائیں`
        : 'مرکز: پاس ورڈ کا لنک ای میل پر بھیجا گیا',
    }),
    'security.password_changed': (p) => ({
      subject: 'آپ کا مرکز پاس ورڈ تبدیل ہو گیا',
      text: `آپ کا مرکز پاس ورڈ${p.time ? ` ${p.time} پر` : ''} تبدیل ہو گیا اور باقی تمام سیشن بند کر دیے گئے۔ اگر یہ آپ نے نہیں کیا تو فوراً پاس ورڈ ری سیٹ کریں۔`,
      sms: 'مرکز: پاس ورڈ تبدیل ہوا۔ آپ نہیں تھے؟ فوراً ری سیٹ کریں',
    }),
    'security.new_sign_in': (p) => ({
      subject: 'آپ کے مرکز اکاؤنٹ میں نیا لاگ اِن',
      text: `کسی نے${p.time ? ` ${p.time} پر` : ''} آپ کے مرکز اکاؤنٹ میں لاگ اِن کیا۔ اگر یہ آپ نہیں تھے تو فوراً پاس ورڈ ری سیٹ کریں۔`,
      sms: 'مرکز: اکاؤنٹ میں نیا لاگ اِن۔ آپ نہیں تھے؟ پاس ورڈ بدلیں',
    }),
    'security.account_locked': (p) => ({
      subject: 'آپ کے مرکز اکاؤنٹ میں لاگ اِن رکا ہوا ہے',
      text: `کئی غلط پاس ورڈز کے بعد آپ کے اکاؤنٹ میں لاگ اِن${p.until ? ` ${p.until} تک` : ''} روک دیا گیا ہے۔ پاس ورڈ ری سیٹ کر کے آپ فوراً واپس آ سکتے ہیں۔`,
      sms: 'مرکز: لاگ اِن رکا ہے۔ پاس ورڈ ری سیٹ کر کے واپس آئیں',
    }),
    'security.registration_attempt': () => ({
      subject: 'کسی نے آپ کی معلومات سے رجسٹر کرنے کی کوشش کی',
      text: 'کسی نے آپ کے ای میل یا موبائل نمبر سے مرکز کا نیا اکاؤنٹ بنانے کی کوشش کی۔ آپ کا اکاؤنٹ پہلے سے موجود ہے؛ پاس ورڈ بھول گئے ہوں تو ری سیٹ کریں۔ اگر یہ آپ نہیں تھے تو کچھ کرنے کی ضرورت نہیں۔',
      sms: 'مرکز: آپ کے نمبر سے رجسٹریشن کی کوشش ہوئی۔ اکاؤنٹ پہلے سے ہے',
    }),
  },
};
