import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { addDays, fixedClock, karachiDate } from '../../shared/time.ts';
import { refreshFigures } from './figures.service.ts';
import { createPromise } from './promise.service.ts';
import { takeSnapshot } from './snapshot.service.ts';
import type { CreatePromiseInput } from './transparency.schema.ts';

/** The announcements in ../shared/PRODUCT.md, each with its source named. Dates are as precise as the source. */
export const ANNOUNCEMENTS: CreatePromiseInput[] = [
  {
    announcedOn: '2023-01-01',
    announcedPrecision: 'year',
    announcedBy: 'Federal Government',
    sourceName: 'ProPakistani, 2023',
    titleEn: '5,000 e-working centres for freelancers, with interest-free loans to set them up',
    titleUr: 'فری لانسرز کے لیے 5,000 ای-ورکنگ مراکز، بلا سود قرضوں کے ساتھ',
    target: 5000,
    unit: 'centres',
    figureKey: 'centres.operational',
  },
  {
    announcedOn: '2024-01-01',
    announcedPrecision: 'month',
    announcedBy: 'Federal Government',
    sourceName: 'Business Recorder, January 2024',
    titleEn: 'Target raised to 10,000 e-working centres',
    titleUr: 'ہدف بڑھا کر 10,000 ای-ورکنگ مراکز',
    target: 10000,
    unit: 'centres',
    figureKey: 'centres.operational',
  },
  {
    announcedOn: '2024-01-01',
    announcedPrecision: 'month',
    announcedBy: 'Federal Government',
    sourceName: 'Business Recorder, January 2024',
    titleEn: 'One million freelancers accommodated (about 100 per centre)',
    titleUr: 'دس لاکھ فری لانسرز کے لیے جگہ (ہر مرکز میں تقریباً 100)',
    target: 1_000_000,
    unit: 'seats',
    figureKey: 'seats.total',
  },
  {
    announcedOn: '2024-01-01',
    announcedPrecision: 'month',
    announcedBy: 'Federal Government',
    sourceName: 'Business Recorder, January 2024',
    titleEn: 'USD 10 billion a year in IT exports',
    titleUr: 'سالانہ 10 ارب ڈالر کی آئی ٹی برآمدات',
    target: 1_000_000_000_000,
    unit: 'usd_cents_per_year',
    figureKey: 'earnings.usd_declared_12m',
  },
  {
    announcedOn: '2024-01-01',
    announcedPrecision: 'month',
    announcedBy: 'Federal Government',
    sourceName: 'Arab News; Business Recorder, January 2024',
    titleEn: 'Startup fund: Rs 2 billion a year in equity-free grants',
    titleUr: 'اسٹارٹ اپ فنڈ: سالانہ 2 ارب روپے کی گرانٹس',
    target: 200_000_000_000,
    unit: 'pkr_paisa',
    figureKey: 'startup.grants_pkr',
  },
  {
    announcedOn: '2024-04-01',
    announcedPrecision: 'month',
    announcedBy: 'Federal Government',
    sourceName: 'ProPakistani, April 2024',
    titleEn: 'First phase: 250 centres across the provinces',
    titleUr: 'پہلا مرحلہ: صوبوں میں 250 مراکز',
    target: 250,
    unit: 'centres',
    figureKey: 'centres.operational',
  },
  ...(
    [
      ['PB', 149, 'Punjab', 'پنجاب'],
      ['SD', 51, 'Sindh', 'سندھ'],
      ['KP', 28, 'Khyber Pakhtunkhwa', 'خیبر پختونخوا'],
      ['ICT', 11, 'Islamabad Capital Territory', 'اسلام آباد'],
      ['BA', 6, 'Balochistan', 'بلوچستان'],
      ['AJK', 3, 'Azad Jammu & Kashmir', 'آزاد جموں و کشمیر'],
      ['GB', 2, 'Gilgit-Baltistan', 'گلگت بلتستان'],
    ] as const
  ).map(([code, n, en, ur]) => ({
    announcedOn: '2024-04-01',
    announcedPrecision: 'month' as const,
    announcedBy: 'Federal Government',
    sourceName: 'ProPakistani, April 2024',
    titleEn: `First phase: ${n} centres in ${en}`,
    titleUr: `پہلا مرحلہ: ${ur} میں ${n} مراکز`,
    target: n,
    unit: 'centres' as const,
    figureKey: 'centres.operational',
    provinceCode: code,
  })),
  {
    announcedOn: '2024-01-01',
    announcedPrecision: 'month',
    announcedBy: 'Claim in public comments on the announcement',
    sourceName: 'Public comments (unverified claim)',
    titleEn: '16,000 people to be trained',
    titleUr: '16,000 افراد کی تربیت',
    target: 16000,
    unit: 'people',
    figureKey: 'training.trained',
  },
];

export async function seedTransparencyDemo(deps: Deps): Promise<void> {
  const actor = systemActor('demo-seed');
  for (const a of ANNOUNCEMENTS) await createPromise(deps, actor, a);
  // The last day of each of the five months before this one, each figure computed as of that day,
  // so the portal's monthly charts have a history on a fresh start (demo data, like the rest).
  const today = karachiDate(deps.clock.now());
  for (let back = 5; back >= 1; back--) {
    const firstOfMonth = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    firstOfMonth.setUTCMonth(firstOfMonth.getUTCMonth() - back + 1);
    const lastDay = addDays(firstOfMonth.toISOString().slice(0, 10), -1);
    await takeSnapshot({ ...deps, clock: fixedClock(`${lastDay}T18:30:00Z`) }, lastDay);
  }
  await refreshFigures(deps);
  // Yesterday's snapshot, so the portal's history is not empty on a fresh start.
  await takeSnapshot(deps, addDays(today, -1));
}
