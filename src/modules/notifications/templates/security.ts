import type { DirectMessageKind } from '../../../platform/direct-message.ts';
import type { Bilingual, Params, Template } from './bilingual.ts';

/**
 * What sign-in's direct messages say (src/platform/direct-message.ts), in English and Urdu. The
 * params each kind gets (src/modules/identity raises them):
 *   contact.verify_mobile {code, minutes}        contact.verify_email {link, minutes}
 *   password.reset        {code, minutes} by SMS, {link, minutes} by email
 *   security.password_changed {at, how, resetLink}   how: email | sms | profile
 *   security.new_sign_in      {at, address, device, resetLink}
 *   security.account_locked   {until, address, resetLink}
 *   security.registration_attempt {field, at, resetLink}   field: mobile | cnic | email
 *   security.contact_change   {field, at, resetLink}   to the OLD contact: field mobile | email
 *   security.factor_changed   {what, at, left?, resetLink}   what: enrolled | recovery_codes |
 *     recovery_code_used | reset_requested | reset_done | reset_rejected (the second factor)
 * Mandatory: no unsubscribe. An SMS holds a code and never a link, in one part (a test counts).
 */

const min = (p: Params) => p.minutes ?? '15';
const FIELD = {
  en: { mobile: 'mobile number', cnic: 'CNIC', email: 'email address' },
  ur: { mobile: 'موبائل نمبر', cnic: 'شناختی کارڈ نمبر', email: 'ای میل' },
} as const;
const field = (l: 'en' | 'ur', f: string | undefined) =>
  FIELD[l][(f ?? 'mobile') as keyof (typeof FIELD)['en']] ?? FIELD[l].mobile;
const HOW = {
  en: {
    email: 'with a link sent to your email',
    sms: 'with a code sent to your mobile',
    profile: 'from your profile',
  },
  ur: { email: 'ای میل پر بھیجے گئے لنک سے', sms: 'موبائل پر بھیجے گئے کوڈ سے', profile: 'آپ کے پروفائل سے' },
} as const;
const how = (l: 'en' | 'ur', h: string | undefined) =>
  HOW[l][(h ?? 'profile') as keyof (typeof HOW)['en']] ?? HOW[l].profile;
const FACTOR = {
  en: {
    enrolled: 'An authenticator app was set up as the second factor of your Markaz account',
    recovery_codes: 'New recovery codes were made for your Markaz account; the old ones no longer work',
    recovery_code_used: 'A recovery code was used to sign in to your Markaz account',
    reset_requested: 'A programme admin asked to reset the second factor of your Markaz account',
    reset_done:
      'The second factor of your Markaz account was reset by two programme admins; set up a new one at your next sign-in',
    reset_rejected: 'A request to reset the second factor of your Markaz account was refused',
  },
  ur: {
    enrolled: 'آپ کے مرکز اکاؤنٹ کے دوسرے مرحلے کے لیے تصدیقی ایپ لگا دی گئی',
    recovery_codes: 'آپ کے مرکز اکاؤنٹ کے لیے نئے ریکوری کوڈ بنائے گئے؛ پرانے اب کام نہیں کریں گے',
    recovery_code_used: 'آپ کے مرکز اکاؤنٹ میں لاگ اِن کے لیے ایک ریکوری کوڈ استعمال ہوا',
    reset_requested: 'پروگرام کے ایک منتظم نے آپ کے مرکز اکاؤنٹ کا دوسرا مرحلہ ری سیٹ کرنے کی درخواست کی',
    reset_done: 'دو منتظمین نے آپ کے مرکز اکاؤنٹ کا دوسرا مرحلہ ری سیٹ کر دیا؛ اگلے لاگ اِن پر نئی ایپ لگائیں',
    reset_rejected: 'آپ کے مرکز اکاؤنٹ کا دوسرا مرحلہ ری سیٹ کرنے کی درخواست رد کر دی گئی',
  },
} as const;
const factorWhat = (l: 'en' | 'ur', w: string | undefined) =>
  FACTOR[l][(w ?? 'enrolled') as keyof (typeof FACTOR)['en']] ?? FACTOR[l].enrolled;
const back = (p: Params) => (p.resetLink ? ` ${p.resetLink}` : '');

type SignInKind = Exclude<DirectMessageKind, 'complaint.changed'>;

const en: Record<SignInKind, Template> = {
  'contact.verify_mobile': (p) => ({
    subject: 'Your Markaz verification code',
    text: `Your Markaz verification code is ${p.code}. It expires in ${min(p)} minutes. Nobody from Markaz will ask you for it.`,
    sms: `Markaz code: ${p.code}. Expires in ${min(p)} min. Do not share it.`,
  }),
  'contact.verify_email': (p) => ({
    subject: 'Confirm your email address for Markaz',
    text: `Open this link to confirm your email address: ${p.link} It expires in ${min(p)} minutes and works once. If you did not ask for it, ignore this message.`,
    sms: 'Markaz: confirm your email with the link we sent.',
  }),
  'password.reset': (p) => ({
    subject: 'Reset your Markaz password',
    text: p.code
      ? `Your Markaz password reset code is ${p.code}. It expires in ${min(p)} minutes. If you did not ask for it, ignore this message.`
      : `Open this link to choose a new password: ${p.link} It expires in ${min(p)} minutes and works once. If you did not ask for it, ignore this message.`,
    sms: p.code
      ? `Markaz reset code: ${p.code}. Expires in ${min(p)} min. Do not share it.`
      : 'Markaz: a password reset link was sent to your email.',
  }),
  'security.password_changed': (p) => ({
    subject: 'Your Markaz password was changed',
    text: `Your Markaz password was changed ${how('en', p.how)}${p.at ? ` at ${p.at}` : ''}. Every session was signed out. If this was not you, reset your password now:${back(p)}`,
    sms: 'Markaz: your password was changed. Not you? Reset it now.',
  }),
  'security.new_sign_in': (p) => ({
    subject: 'A new sign-in to your Markaz account',
    text: `Someone signed in to your Markaz account${p.at ? ` at ${p.at}` : ''}${p.device ? ` with ${p.device}` : ''}${p.address ? ` from the address ${p.address}` : ''}. If this was not you, reset your password now:${back(p)}`,
    sms: 'Markaz: new sign-in to your account. Not you? Reset your password.',
  }),
  'security.account_locked': (p) => ({
    subject: 'Sign-in to your Markaz account is paused',
    text: `After several wrong passwords${p.address ? ` from the address ${p.address}` : ''}, sign-in from there is paused${p.until ? ` until ${p.until}` : ''}. Your other places still work. You can get back in at once by resetting your password:${back(p)}`,
    sms: 'Markaz: sign-in paused after wrong passwords. Reset your password to get in.',
  }),
  'security.registration_attempt': (p) => ({
    subject: 'Someone tried to register with your details',
    text: `Someone tried to register a new Markaz account with your ${field('en', p.field)}${p.at ? ` at ${p.at}` : ''}. You already have an account; if you forgot your password, reset it:${back(p)} If this was not you, you need not do anything.`,
    sms: 'Markaz: someone tried to register with your details. You already have an account.',
  }),
  'security.contact_change': (p) => ({
    subject: `Your Markaz ${field('en', p.field)} is being changed`,
    text: `Someone signed in to your Markaz account asked${p.at ? ` at ${p.at}` : ''} to change its ${field('en', p.field)}. It changes only when the new one is confirmed. If this was not you, reset your password now:${back(p)}`,
    sms: `Markaz: a change of your ${field('en', p.field)} was asked. Not you? Reset your password.`,
  }),
  'security.factor_changed': (p) => ({
    subject: 'The second factor of your Markaz account changed',
    text: `${factorWhat('en', p.what)}${p.at ? ` (${p.at})` : ''}.${p.left ? ` Recovery codes left: ${p.left}.` : ''} If this was not you, reset your password now and tell the programme office:${back(p)}`,
    sms: 'Markaz: your sign-in second factor changed. Not you? Reset your password.',
  }),
};

const ur: Record<SignInKind, Template> = {
  'contact.verify_mobile': (p) => ({
    subject: 'مرکز تصدیقی کوڈ',
    text: `آپ کا مرکز تصدیقی کوڈ ${p.code} ہے۔ یہ ${min(p)} منٹ میں ختم ہو جائے گا۔ مرکز کا کوئی فرد یہ کوڈ نہیں مانگے گا۔`,
    sms: `مرکز کوڈ: ${p.code}۔ ${min(p)} منٹ کے لیے۔ کسی کو نہ بتائیں`,
  }),
  'contact.verify_email': (p) => ({
    subject: 'مرکز کے لیے اپنا ای میل تصدیق کریں',
    text: `اپنا ای میل تصدیق کرنے کے لیے یہ لنک کھولیں: ${p.link} یہ ${min(p)} منٹ میں ختم ہو جائے گا اور ایک بار کام کرے گا۔ اگر آپ نے یہ نہیں مانگا تو اسے نظرانداز کریں۔`,
    sms: 'مرکز: بھیجے گئے لنک سے ای میل تصدیق کریں',
  }),
  'password.reset': (p) => ({
    subject: 'مرکز پاس ورڈ تبدیل کریں',
    text: p.code
      ? `آپ کا پاس ورڈ ری سیٹ کوڈ ${p.code} ہے۔ یہ ${min(p)} منٹ میں ختم ہو جائے گا۔ اگر آپ نے یہ نہیں مانگا تو اسے نظرانداز کریں۔`
      : `نیا پاس ورڈ چننے کے لیے یہ لنک کھولیں: ${p.link} یہ ${min(p)} منٹ کے لیے اور ایک بار کام کرے گا۔ اگر آپ نے یہ نہیں مانگا تو اسے نظرانداز کریں۔`,
    sms: p.code ? `مرکز ری سیٹ کوڈ: ${p.code}۔ کسی کو نہ بتائیں` : 'مرکز: پاس ورڈ کا لنک ای میل پر بھیجا گیا',
  }),
  'security.password_changed': (p) => ({
    subject: 'آپ کا مرکز پاس ورڈ تبدیل ہو گیا',
    text: `آپ کا مرکز پاس ورڈ${p.at ? ` ${p.at} پر` : ''} ${how('ur', p.how)} تبدیل ہو گیا اور تمام سیشن بند کر دیے گئے۔ اگر یہ آپ نے نہیں کیا تو فوراً پاس ورڈ ری سیٹ کریں:${back(p)}`,
    sms: 'مرکز: پاس ورڈ تبدیل ہوا۔ آپ نہیں تھے؟ فوراً ری سیٹ کریں',
  }),
  'security.new_sign_in': (p) => ({
    subject: 'آپ کے مرکز اکاؤنٹ میں نیا لاگ اِن',
    text: `کسی نے${p.at ? ` ${p.at} پر` : ''}${p.device ? ` ${p.device} سے` : ''}${p.address ? ` (پتا ${p.address})` : ''} آپ کے مرکز اکاؤنٹ میں لاگ اِن کیا۔ اگر یہ آپ نہیں تھے تو فوراً پاس ورڈ ری سیٹ کریں:${back(p)}`,
    sms: 'مرکز: اکاؤنٹ میں نیا لاگ اِن۔ آپ نہیں تھے؟ پاس ورڈ بدلیں',
  }),
  'security.account_locked': (p) => ({
    subject: 'آپ کے مرکز اکاؤنٹ میں لاگ اِن رکا ہوا ہے',
    text: `کئی غلط پاس ورڈز کے بعد${p.address ? ` پتے ${p.address} سے` : ''} لاگ اِن${p.until ? ` ${p.until} تک` : ''} روک دیا گیا ہے۔ باقی جگہوں سے لاگ اِن چلتا رہے گا۔ پاس ورڈ ری سیٹ کر کے آپ فوراً واپس آ سکتے ہیں:${back(p)}`,
    sms: 'مرکز: لاگ اِن رکا ہے۔ پاس ورڈ ری سیٹ کر کے واپس آئیں',
  }),
  'security.registration_attempt': (p) => ({
    subject: 'کسی نے آپ کی معلومات سے رجسٹر کرنے کی کوشش کی',
    text: `کسی نے${p.at ? ` ${p.at} پر` : ''} آپ کے ${field('ur', p.field)} سے مرکز کا نیا اکاؤنٹ بنانے کی کوشش کی۔ آپ کا اکاؤنٹ پہلے سے موجود ہے؛ پاس ورڈ بھول گئے ہوں تو ری سیٹ کریں:${back(p)} اگر یہ آپ نہیں تھے تو کچھ کرنے کی ضرورت نہیں۔`,
    sms: 'مرکز: آپ کی معلومات سے رجسٹریشن کی کوشش ہوئی۔ اکاؤنٹ پہلے سے ہے',
  }),
  'security.contact_change': (p) => ({
    subject: `آپ کا مرکز ${field('ur', p.field)} تبدیل کیا جا رہا ہے`,
    text: `آپ کے مرکز اکاؤنٹ سے${p.at ? ` ${p.at} پر` : ''} ${field('ur', p.field)} تبدیل کرنے کی درخواست کی گئی۔ نیا ${field('ur', p.field)} تصدیق ہونے پر ہی تبدیلی ہوگی۔ اگر یہ آپ نہیں تھے تو فوراً پاس ورڈ ری سیٹ کریں:${back(p)}`,
    sms: `مرکز: ${field('ur', p.field)} بدلنے کی درخواست۔ آپ نہیں؟ پاس ورڈ بدلیں`,
  }),
  'security.factor_changed': (p) => ({
    subject: 'آپ کے مرکز اکاؤنٹ کا دوسرا مرحلہ بدل گیا',
    text: `${factorWhat('ur', p.what)}${p.at ? ` (${p.at})` : ''}۔${p.left ? ` باقی ریکوری کوڈ: ${p.left}۔` : ''} اگر یہ آپ نہیں تھے تو فوراً پاس ورڈ ری سیٹ کریں اور پروگرام آفس کو بتائیں:${back(p)}`,
    sms: 'مرکز: لاگ اِن کا دوسرا مرحلہ بدلا۔ آپ نہیں؟ پاس ورڈ بدلیں',
  }),
};

/** Codes, links and security notices, raised by sign-in through the direct-message hook: mandatory. */
export const security: Bilingual<SignInKind> = { en, ur };
