import { z } from 'zod';
import { addDays } from '../../shared/time.ts';

/**
 * Pakistan's public holidays (decision 0062). The fixed-date ones are built in for every year; the
 * Islamic ones move with the moon, so staff confirm their dates each year: the system proposes them
 * from the Umm al-Qura tabular Hijri calendar (Intl, 'islamic-umalqura'), which can be a day off the
 * moon sighted in Pakistan. Pure.
 */
export type HolidayName = { nameEn: string; nameUr: string };

const FIXED: readonly (readonly [string, string, string])[] = [
  ['02-05', 'Kashmir Solidarity Day', 'یوم یکجہتی کشمیر'],
  ['03-23', 'Pakistan Day', 'یوم پاکستان'],
  ['05-01', 'Labour Day', 'یوم مزدور'],
  ['05-28', 'Youm-e-Takbeer', 'یوم تکبیر'],
  ['08-14', 'Independence Day', 'یوم آزادی'],
  ['11-09', 'Iqbal Day', 'یوم اقبال'],
  ['12-25', 'Quaid-e-Azam Day', 'یوم قائد اعظم'],
];

export const FIXED_SOURCE = 'Government of Pakistan, Cabinet Division: fixed-date public holidays';

/** The fixed-date public holidays of a year. */
export function fixedHolidays(year: number): (HolidayName & { day: string })[] {
  return FIXED.map(([md, nameEn, nameUr]) => ({ day: `${year}-${md}`, nameEn, nameUr }));
}

/** Hijri month and day of each Islamic public holiday (Pakistan: Eid ul Fitr and ul Adha 3 days, Ashura 2). */
const ISLAMIC: readonly { month: number; day: number; nameEn: string; nameUr: string }[] = [
  { month: 10, day: 1, nameEn: 'Eid ul Fitr', nameUr: 'عید الفطر' },
  { month: 10, day: 2, nameEn: 'Eid ul Fitr (2nd day)', nameUr: 'عید الفطر (دوسرا دن)' },
  { month: 10, day: 3, nameEn: 'Eid ul Fitr (3rd day)', nameUr: 'عید الفطر (تیسرا دن)' },
  { month: 12, day: 10, nameEn: 'Eid ul Adha', nameUr: 'عید الاضحیٰ' },
  { month: 12, day: 11, nameEn: 'Eid ul Adha (2nd day)', nameUr: 'عید الاضحیٰ (دوسرا دن)' },
  { month: 12, day: 12, nameEn: 'Eid ul Adha (3rd day)', nameUr: 'عید الاضحیٰ (تیسرا دن)' },
  { month: 1, day: 9, nameEn: 'Ashura (9th Muharram)', nameUr: 'عاشورہ (۹ محرم)' },
  { month: 1, day: 10, nameEn: 'Ashura (10th Muharram)', nameUr: 'عاشورہ (۱۰ محرم)' },
  { month: 3, day: 12, nameEn: 'Eid Milad un Nabi', nameUr: 'عید میلاد النبی' },
];

const HIJRI = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The Hijri (Umm al-Qura) month and day of a Gregorian day. */
export function hijriOf(day: string): { month: number; day: number } {
  const parts = HIJRI.formatToParts(new Date(`${day}T00:00:00Z`));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { month: get('month'), day: get('day') };
}

export const PROPOSAL_SOURCE = 'Proposed from the Umm al-Qura calendar; to be confirmed after moon sighting';

/** The Islamic public holidays falling in a Gregorian year, as proposed by the tabular calendar. */
export function proposedIslamicHolidays(year: number): (HolidayName & { day: string })[] {
  const out: (HolidayName & { day: string })[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const h = hijriOf(d);
    const hit = ISLAMIC.find((x) => x.month === h.month && x.day === h.day);
    if (hit) out.push({ day: d, nameEn: hit.nameEn, nameUr: hit.nameUr });
  }
  return out;
}

/** The fixed-date holidays of every year that `from`..`to` touches, inside that range. */
export function fixedHolidaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const h of fixedHolidays(y)) if (h.day >= from && h.day <= to) out.push(h.day);
  return out;
}

/** A real calendar day 'YYYY-MM-DD' (2027-02-30 is refused here, naming the field, not by the database). */
export const CalendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'is not a day of the calendar');
