/** Province and territory names in both languages (plain data: no React, no i18n). */
const PROVINCE_NAMES: Record<string, [string, string]> = {
  PB: ['Punjab', 'پنجاب'],
  SD: ['Sindh', 'سندھ'],
  KP: ['Khyber Pakhtunkhwa', 'خیبر پختونخوا'],
  ICT: ['Islamabad Capital Territory', 'اسلام آباد'],
  BA: ['Balochistan', 'بلوچستان'],
  AJK: ['Azad Jammu & Kashmir', 'آزاد جموں و کشمیر'],
  GB: ['Gilgit-Baltistan', 'گلگت بلتستان'],
};

export function provinceName(code: string, lang: 'en' | 'ur'): string {
  const n = PROVINCE_NAMES[code];
  return n ? (lang === 'ur' ? n[1] : n[0]) : code;
}
