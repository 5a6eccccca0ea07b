import { CITIES_A_K } from './urdu-cities-a-k.ts';
import { CITIES_L_Z } from './urdu-cities-l-z.ts';

// Urdu names for every district and city in the bundled geography (the pinned `country-state-city`
// package: 30 districts, 427 cities and towns), read by migration 2026-12-09-70.
//
// Source: written once by the Markaz team (issue 17), following the spellings that the districts'
// and cities' Urdu Wikipedia articles and the Urdu press use for the districts and the larger
// cities; the smaller towns and villages are phonetic transcriptions of the English name in
// Urdu script, and a native reader should review them (corrections: edit here and add a migration
// that updates the changed rows). No maintained open data set with Urdu names for these places was
// found among the packages this project can install. The geography test checks that every place
// in the package has a name here, so a new package version cannot leave one out silently.

/** District names without the word "District", as the districts table keeps them. */
export const DISTRICTS_UR: Readonly<Record<string, string>> = {
  Awārān: 'آواران',
  Battagram: 'بٹگرام',
  Buner: 'بونیر',
  Bārkhān: 'بارکھان',
  Chāgai: 'چاغی',
  'Dera Bugti': 'ڈیرہ بگٹی',
  'Dera Ismāīl Khān': 'ڈیرہ اسماعیل خان',
  'Jhal Magsi': 'جھل مگسی',
  Jāfarābād: 'جعفرآباد',
  Kalāt: 'قلات',
  Khuzdār: 'خضدار',
  Khārān: 'خاران',
  Kotli: 'کوٹلی',
  Lasbela: 'لسبیلہ',
  Layyah: 'لیہ',
  Loralai: 'لورالائی',
  'Mandi Bahauddin': 'منڈی بہاؤالدین',
  Mastung: 'مستونگ',
  Mirpur: 'میرپور',
  Multan: 'ملتان',
  'Mūsa Khel': 'موسیٰ خیل',
  Nasīrābād: 'نصیرآباد',
  Panjgūr: 'پنجگور',
  'Qila Saifullāh': 'قلعہ سیف اللہ',
  Quetta: 'کوئٹہ',
  'Rahimyar Khan': 'رحیم یار خان',
  Rawalpindi: 'راولپنڈی',
  Umerkot: 'عمرکوٹ',
  Zhob: 'ژوب',
  Ziārat: 'زیارت',
};

export const CITIES_UR: Readonly<Record<string, string>> = { ...CITIES_A_K, ...CITIES_L_Z };
