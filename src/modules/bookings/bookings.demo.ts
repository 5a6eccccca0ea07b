import type { Deps } from '../../deps.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { addDays, fixedClock, karachiDate } from '../../shared/time.ts';
import * as centers from '../centers/index.ts';
import { declareEarnings, updateFreelancerProfile } from '../freelancers/index.ts';
import { emailIndex } from '../identity/index.ts';
import { karachiAt } from './booking-window.ts';
import { checkIn, checkInToken } from './check-in.service.ts';
import { createBookings } from './create-booking.service.ts';
import { cancelBooking, markBookingPaid, markBookingRefunded } from './manage-booking.service.ts';

type DemoCentre = {
  owner: 'owner1@markaz.pk' | 'owner2@markaz.pk';
  nameEn: string;
  nameUr: string;
  address: string;
  city: string;
  phone: string;
  latitude: number;
  longitude: number;
  desks: number;
  internetMbps: number;
  womenOnlyArea: boolean;
  parking: boolean;
};

const CENTRES: DemoCentre[] = [
  {
    owner: 'owner1@markaz.pk',
    nameEn: 'Gulberg e-Rozgar Centre',
    nameUr: 'گلبرگ ای روزگار مرکز',
    address: '87-E/1 Main Boulevard, Gulberg III',
    city: 'Lahore',
    phone: '+924235761234',
    latitude: 31.5204,
    longitude: 74.3587,
    desks: 30,
    internetMbps: 100,
    womenOnlyArea: true,
    parking: true,
  },
  {
    owner: 'owner2@markaz.pk',
    nameEn: 'PECHS Freelance Hub',
    nameUr: 'پی ای سی ایچ ایس فری لانس ہب',
    address: 'Plot 14, Block 6, PECHS, Shahrah-e-Faisal',
    city: 'Karachi',
    phone: '+922134521190',
    latitude: 24.8615,
    longitude: 67.0735,
    desks: 24,
    internetMbps: 80,
    womenOnlyArea: true,
    parking: false,
  },
  {
    owner: 'owner1@markaz.pk',
    nameEn: 'Blue Area Digital Centre',
    nameUr: 'بلیو ایریا ڈیجیٹل مرکز',
    address: 'Office 5, Jinnah Avenue, Blue Area',
    city: 'Islamabad',
    phone: '+92512876543',
    latitude: 33.7104,
    longitude: 73.0567,
    desks: 20,
    internetMbps: 150,
    womenOnlyArea: false,
    parking: true,
  },
  {
    owner: 'owner2@markaz.pk',
    nameEn: 'University Town e-Working Centre',
    nameUr: 'یونیورسٹی ٹاؤن ای ورکنگ مرکز',
    address: '22 Canal Road, University Town',
    city: 'Peshawar',
    phone: '+92915842210',
    latitude: 34.0015,
    longitude: 71.4853,
    desks: 16,
    internetMbps: 50,
    womenOnlyArea: true,
    parking: true,
  },
  {
    owner: 'owner1@markaz.pk',
    nameEn: 'Gulgasht Freelance Centre',
    nameUr: 'گلگشت فری لانس مرکز',
    address: 'Street 3, Gulgasht Colony',
    city: 'Multan',
    phone: '+92616541230',
    latitude: 30.2195,
    longitude: 71.4744,
    desks: 14,
    internetMbps: 40,
    womenOnlyArea: false,
    parking: true,
  },
  {
    owner: 'owner2@markaz.pk',
    nameEn: 'Jinnah Road e-Rozgar Centre',
    nameUr: 'جناح روڈ ای روزگار مرکز',
    address: 'First floor, Jinnah Road',
    city: 'Quetta',
    phone: '+92812837450',
    latitude: 30.1904,
    longitude: 67.0091,
    desks: 10,
    internetMbps: 30,
    womenOnlyArea: false,
    parking: false,
  },
];

async function userByEmail(deps: Deps, email: string) {
  return deps.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('email_bidx', '=', await emailIndex(deps, email))
    .executeTakeFirst();
}

async function cityId(deps: Deps, name: string): Promise<number> {
  const row = await deps.db
    .selectFrom('cities')
    .select('id')
    .where('name_en', '=', name)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const asUser = (id: string, role: 'freelancer' | 'owner'): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: null as OrganizationId | null,
});

/**
 * Six operational centres in six cities run by the two demo owners, one more under set-up, and
 * the two demo freelancers' profiles, earnings and bookings for today and the coming days —
 * some checked in, one cancelled by its booker, two by a closure (both paid: one refunded, one
 * refund still due). Everything goes through the services, "as of" this morning.
 */
export async function seedCentresDemo(deps: Deps): Promise<void> {
  const sys = systemActor('demo-seed');
  const f1 = await userByEmail(deps, 'freelancer1@markaz.pk');
  const f2 = await userByEmail(deps, 'freelancer2@markaz.pk');
  const owners = {
    'owner1@markaz.pk': await userByEmail(deps, 'owner1@markaz.pk'),
    'owner2@markaz.pk': await userByEmail(deps, 'owner2@markaz.pk'),
  };
  if (!f1 || !f2 || !owners['owner1@markaz.pk'] || !owners['owner2@markaz.pk']) return;

  const realNow = deps.clock.now();
  const today = karachiDate(realNow);
  // The bookings are made "as of" 08:00 this morning, so today's slots are still bookable.
  const eight = karachiAt(today, '08:00');
  const morning = { ...deps, clock: fixedClock(new Date(Math.min(realNow.getTime(), eight.getTime()))) };

  // The centres opened about three months ago, so they have a history of monthly reports.
  const opened = { ...deps, clock: fixedClock(karachiAt(addDays(today, -95), '10:00')) };
  const ids: string[] = [];
  for (const c of CENTRES) {
    const centre = await centers.createCenter(opened, sys, {
      ownerId: owners[c.owner]!.id,
      nameEn: c.nameEn,
      nameUr: c.nameUr,
      address: c.address,
      cityId: await cityId(deps, c.city),
      latitude: c.latitude,
      longitude: c.longitude,
      status: 'operational',
    });
    const id = centre.id;
    ids.push(id);
    await centers.updateCenter(morning, sys, id, { phone: c.phone });
    // Karachi works the American day: open 14:00 to 02:00 the next morning, every day.
    await centers.setOpeningHours(
      morning,
      sys,
      id,
      c.city === 'Karachi'
        ? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '14:00', closes: '02:00' }))
        : [
            ...[1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '21:00' })),
            { weekday: 7, opens: '10:00', closes: '18:00' },
          ],
    );
    await centers.setPrices(morning, sys, id, {
      hourlyMinor: 100_00,
      dayPassMinor: 300_00,
      monthlyDeskMinor: 3_500_00,
      meetingRoomHourlyMinor: 800_00,
    });
    await centers.setAmenities(morning, sys, id, {
      internetMbps: c.internetMbps,
      backupPowerHours: 8,
      hasUps: true,
      womenOnlyArea: c.womenOnlyArea,
      prayerArea: true,
      parking: c.parking,
      accessible: c.desks >= 20,
    });
    // Each space named in English and Urdu, so Urdu pages show Urdu names.
    const spaces: Parameters<typeof centers.addSpace>[3][] = [
      {
        kind: 'hot_desk_area',
        name: 'Main hall',
        nameUr: 'مرکزی ہال',
        capacity: c.desks + 5,
        seats: { count: c.desks, labelPrefix: 'H' },
      },
      {
        kind: 'hot_desk_area',
        name: 'Dedicated desks',
        nameUr: 'مخصوص ڈیسک',
        capacity: 4,
        seats: { count: 4, labelPrefix: 'D', kind: 'dedicated_desk' },
      },
      { kind: 'cabin', name: 'Cabins', nameUr: 'کیبن', capacity: 2, seats: { count: 2, labelPrefix: 'C' } },
      {
        kind: 'meeting_room',
        name: 'Meeting room',
        nameUr: 'میٹنگ روم',
        capacity: 8,
        seats: { count: 1, labelPrefix: 'M' },
      },
      {
        kind: 'training_room',
        name: 'Training room',
        nameUr: 'تربیتی کمرہ',
        capacity: 25,
        seats: { count: 1, labelPrefix: 'T' },
      },
    ];
    for (const space of spaces) await centers.addSpace(morning, sys, id, space);
  }
  // Monthly reports for the last two ended months; the last centre has not filed the latest one,
  // so the programme's "missing reports" list has something to flag.
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  for (const [i, c] of CENTRES.entries()) {
    const owner = asUser(owners[c.owner]!.id, 'owner');
    const months = i === CENTRES.length - 1 ? [monthBefore] : [monthBefore, lastMonth];
    for (const [j, month] of months.entries()) {
      await centers.submitMonthlyReport(morning, owner, ids[i]!, month, {
        internetUptimePercent: 97 + ((i + j) % 3),
        powerUptimePercent: 95 + ((i * 2 + j) % 5),
        trainerName: 'Programme trainer',
        trainingSessions: 4 + ((i + j) % 4),
        peopleTrained: 30 + i * 5 + j * 3,
        notes: null,
      });
    }
  }

  // The next 25 December (Quaid-e-Azam Day) from today, whenever the demo is loaded.
  const thisYear = `${today.slice(0, 4)}-12-25`;
  const quaidDay = thisYear >= today ? thisYear : `${Number(today.slice(0, 4)) + 1}-12-25`;
  await centers.addClosure(morning, sys, ids[0]!, {
    startsOn: quaidDay,
    endsOn: quaidDay,
    reason: 'Quaid-e-Azam Day',
    reasonUr: 'یومِ قائدِ اعظم',
  });

  // A centre still being fitted out, for the owner's lifecycle pages.
  const faisalabad = await centers.createCenter(morning, sys, {
    ownerId: owners['owner1@markaz.pk']!.id,
    nameEn: 'D-Ground Freelance Centre',
    nameUr: 'ڈی گراؤنڈ فری لانس مرکز',
    address: 'Kohinoor Plaza, D-Ground',
    cityId: await cityId(deps, 'Faisalabad'),
    latitude: 31.4187,
    longitude: 73.0791,
    status: 'approved',
  });
  await centers.changeCenterStatus(morning, asUser(owners['owner1@markaz.pk']!.id, 'owner'), faisalabad.id, {
    status: 'under_setup',
    reason: 'Loan disbursed; fit-out started',
  });

  // Freelancers: profiles and earnings.
  const a = asUser(f1.id, 'freelancer');
  const b = asUser(f2.id, 'freelancer');
  await updateFreelancerProfile(morning, a, {
    skills: ['React', 'Node.js', 'WordPress'],
    platforms: ['upwork', 'fiverr'],
    portfolioUrl: 'https://github.com/',
    homeCityId: await cityId(deps, 'Lahore'),
    bio: 'Full-stack developer; clients in the UK and the Gulf.',
  });
  await updateFreelancerProfile(morning, b, {
    skills: ['Graphic design', 'Urdu–English translation'],
    platforms: ['fiverr', 'freelancer'],
    portfolioUrl: 'https://www.behance.net/',
    homeCityId: await cityId(deps, 'Islamabad'),
    bio: 'Brand identities and bilingual content.',
  });
  const thisMonth = today.slice(0, 7);
  const months = [1, 2, 3].map((k) => {
    const d = new Date(`${thisMonth}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - k);
    return d.toISOString().slice(0, 7);
  });
  for (const [i, month] of months.entries()) {
    await declareEarnings(morning, a, { month, platform: 'upwork', amountMinor: 1_450_00 + i * 120_00 });
    await declareEarnings(morning, a, { month, platform: 'fiverr', amountMinor: 310_00 + i * 25_00 });
    await declareEarnings(morning, b, { month, platform: 'fiverr', amountMinor: 620_00 + i * 40_00 });
  }

  // Bookings for today and the coming days.
  const [lahore, karachi, islamabad, , multan] = ids;
  const book = (who: Actor, body: Parameters<typeof createBookings>[2]) => createBookings(morning, who, body);
  const base = { mode: 'all_or_nothing' as const };
  const todayA = await book(a, {
    ...base,
    centerId: lahore!,
    plan: 'hourly',
    date: today,
    from: '10:00',
    to: '17:00',
  });
  const todayB = await book(b, { ...base, centerId: islamabad!, plan: 'day_pass', date: today });
  const series = await book(a, {
    mode: 'free_ones',
    centerId: lahore!,
    plan: 'hourly',
    date: addDays(today, 1),
    from: '09:00',
    to: '17:00',
    recurrence: { weekdays: [1, 2, 3, 4, 5], count: 5 },
  });
  await book(a, {
    ...base,
    centerId: lahore!,
    plan: 'meeting_room',
    date: addDays(today, 2),
    // After the day's desk booking: one person holds one seat at a time.
    from: '17:00',
    to: '18:00',
  });
  await book(b, {
    ...base,
    centerId: karachi!,
    plan: 'hourly',
    date: addDays(today, 1),
    // Across midnight, for a client in New York.
    from: '22:00',
    to: '01:00',
  });
  await book(b, { ...base, centerId: islamabad!, plan: 'monthly', date: addDays(today, 3) });
  const toCancel = await book(b, { ...base, centerId: multan!, plan: 'day_pass', date: addDays(today, 2) });
  await cancelBooking(morning, b, toCancel.bookings[0]!.id);
  // An outage closes the Lahore centre on the day of one of freelancer1's series: that booking is
  // cancelled by the centre, and "My bookings" says why.
  // The series' last day: days ahead, clear of the next few days that journeys book.
  const outage = series.bookings.at(-1);
  if (outage) {
    const day = karachiDate(new Date(outage.start));
    const owner1 = asUser(owners['owner1@markaz.pk']!.id, 'owner');
    // That day freelancer1 also has the meeting room after the desk; both were paid at the desk in
    // advance, so the closure leaves the centre owing both back.
    const room = await book(a, {
      ...base,
      centerId: lahore!,
      plan: 'meeting_room',
      date: day,
      from: '17:00',
      to: '19:00',
    });
    await markBookingPaid(morning, owner1, outage.id);
    await markBookingPaid(morning, owner1, room.bookings[0]!.id);
    await centers.addClosure(morning, owner1, lahore!, {
      startsOn: day,
      endsOn: day,
      reason: 'Power outage: transformer repair by LESCO',
      reasonUr: 'بجلی کی بندش: لیسکو ٹرانسفارمر کی مرمت کر رہا ہے',
    });
    // The owner has returned the meeting room's price already; the desk's is still due, so the
    // front desk's "Refunds due" panel and freelancer1's "My bookings" have one of each.
    await markBookingRefunded(morning, owner1, room.bookings[0]!.id);
  }

  // Check in today's bookings once their time has come, as the owners' desks would have.
  for (const [who, made] of [
    [a, todayA],
    [b, todayB],
  ] as const) {
    const booking = made.bookings[0]!;
    const at = new Date(new Date(booking.start).getTime() + 5 * 60_000);
    if (realNow < at) continue;
    const asOf = { ...deps, clock: fixedClock(at) };
    const { token } = await checkInToken(asOf, who, booking.id);
    const centre = await centers.getCenter(asOf, sys, booking.centerId);
    await checkIn(asOf, asUser(centre.ownerId, 'owner'), booking.centerId, token);
  }
}
