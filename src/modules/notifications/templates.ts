import type { NoticeKind } from './kinds.ts';
import type { Bilingual, Locale, Params, Rendered, Template } from './templates/bilingual.ts';
import { complaints } from './templates/complaints.ts';
import { freelancer } from './templates/freelancer.ts';
import { fund } from './templates/fund.ts';
import { owner } from './templates/owner.ts';
import { privacy } from './templates/privacy.ts';
import { remittances } from './templates/remittances.ts';
import { security } from './templates/security.ts';
import { staff } from './templates/staff.ts';

export type { Locale, Params, Rendered } from './templates/bilingual.ts';

/**
 * What each kind of notice says, in English and Urdu, one file per audience (templates/). `sms` is
 * kept to one part where it can be (160 GSM-7 characters in English, 70 in Urdu, counted by
 * sms-segments.ts; a test checks them). Params carry only what the person needs: a reference, a
 * date, an amount, a code; never a CNIC.
 */
const both = (l: Locale): Record<NoticeKind, Template> => ({
  ...owner[l],
  ...freelancer[l],
  ...staff[l],
  ...security[l],
  ...fund[l],
  ...remittances[l],
  ...privacy[l],
  ...complaints[l],
});

const TEMPLATES: Bilingual<NoticeKind> = { en: both('en'), ur: both('ur') };

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
