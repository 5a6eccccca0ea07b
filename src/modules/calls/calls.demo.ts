import type { Deps } from '../../deps.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { fixedClock } from '../../shared/time.ts';
import { demoActor, registerUser } from '../identity/index.ts';
import { createApplication, submitApplication } from './application.service.ts';
import { autoAssign } from './assignment.service.ts';
import { createCall, publishCall } from './call.service.ts';
import { confirmDecision } from './decision.service.ts';
import { declareConflict, listMyAssignments, saveScores, submitEvaluation } from './evaluation.service.ts';

const DAY = 86_400_000;
const DEMO_PASSWORD = 'markaz-demo-2026';

type DemoLogin = { role: string; email: string; name: string };

const MORE_OWNERS = [
  { name: 'Bilal Ahmed', email: 'owner3@markaz.pk', mobile: '03001110013', cnic: '17301-3333333-5' },
  { name: 'Sadia Rehman', email: 'owner4@markaz.pk', mobile: '03001110014', cnic: '61101-4444444-6' },
  { name: 'Naveed Jamali', email: 'owner5@markaz.pk', mobile: '03001110015', cnic: '54400-5555555-7' },
];

/** Buildings of the first phase, with how good the committee found each (0–10 on every criterion). */
const FIRST_PHASE = [
  {
    owner: 'owner1@markaz.pk',
    name: 'Arfa Software Park Annex',
    province: 'PB',
    city: 'Lahore',
    address: '346-B Ferozepur Road, Gulberg, Lahore',
    quality: 9,
  },
  {
    owner: 'owner1@markaz.pk',
    name: 'Clock Tower Plaza',
    province: 'PB',
    city: 'Faisalabad',
    address: '12 Jinnah Colony, Faisalabad',
    quality: 7,
  },
  {
    owner: 'owner2@markaz.pk',
    name: 'Clifton Business Hub',
    province: 'SD',
    city: 'Karachi',
    address: 'Plot 5, Block 4, Clifton, Karachi',
    quality: 8,
  },
  {
    owner: 'owner2@markaz.pk',
    name: 'Qasimabad Tech House',
    province: 'SD',
    city: 'Hyderabad',
    address: '21 Main Qasimabad Road, Hyderabad',
    quality: 4,
  },
  {
    owner: 'owner3@markaz.pk',
    name: 'University Road Centre',
    province: 'KP',
    city: 'Peshawar',
    address: '88 University Road, Peshawar',
    quality: 8,
  },
  {
    owner: 'owner4@markaz.pk',
    name: 'Blue Area Workspace',
    province: 'ICT',
    city: 'Islamabad',
    address: 'Office 3, Jinnah Avenue, Blue Area, Islamabad',
    quality: 9,
  },
  {
    owner: 'owner5@markaz.pk',
    name: 'Jinnah Road Chambers',
    province: 'BA',
    city: 'Quetta',
    address: '40 Jinnah Road, Quetta',
    quality: 6,
  },
  {
    owner: 'owner4@markaz.pk',
    name: 'Satellite Town Offices',
    province: 'PB',
    city: 'Rawalpindi',
    address: '7-C Satellite Town, Rawalpindi',
    quality: 7,
  },
] as const;

/** A city of the province, the named one when the map data has it. */
async function cityIn(deps: Deps, province: string, name: string) {
  const rows = await deps.db
    .selectFrom('cities')
    .select(['id', 'name_en', 'latitude', 'longitude'])
    .where('province_code', '=', province)
    .orderBy('id')
    .execute();
  return rows.find((c) => c.name_en === name) ?? rows[0]!;
}

function building(
  city: { id: number; latitude: number; longitude: number },
  b: { name: string; province: string; address: string; quality: number },
) {
  return {
    buildingName: b.name,
    address: b.address,
    provinceCode: b.province as 'PB',
    cityId: city.id,
    latitude: city.latitude,
    longitude: city.longitude,
    coveredAreaSqft: 2500 + b.quality * 600,
    hotDesks: 20 + b.quality * 6,
    cabins: 2 + b.quality,
    meetingRooms: 1 + Math.floor(b.quality / 4),
    trainingRooms: 1,
    internetMbps: 50 + b.quality * 50,
    internetProvider: b.quality > 6 ? 'Nayatel' : 'PTCL',
    fibre: b.quality > 5,
    backupKva: 10 + b.quality * 5,
    backupHours: 4 + b.quality,
    facilities: ['UPS', 'prayer room', ...(b.quality > 6 ? ['day-care corner', 'ramp and lift'] : [])],
    readinessDate: '2026-03-01',
    loanRequestedMinor: 300_000_000 + b.quality * 50_000_000,
  };
}

/** Each evaluator declares no conflict and scores around the building's quality, then submits. */
async function evaluateAll(deps: Deps, evaluators: Actor[], quality: Map<string, number>) {
  for (const [i, ev] of evaluators.entries()) {
    for (const a of await listMyAssignments(deps, ev, 'pending')) {
      const e = await declareConflict(deps, ev, a.id, { hasConflict: false });
      const q = quality.get(a.applicationId) ?? 5;
      const scores = e.criteria.map((c, k) => ({
        criterionKey: c.key,
        score: Math.max(0, Math.min(c.maxScore, q + ((i + k) % 3) - 1)),
        comment: q >= 7 ? 'Meets the requirement well' : 'Below what the programme needs',
      }));
      await saveScores(deps, ev, a.id, { scores });
      await submitEvaluation(deps, ev, a.id);
    }
  }
}

/**
 * The centre-selection demo: a decided first-phase call (250 centres, eight applications from
 * demo owners, scored by the three demo evaluators, ranked and confirmed five days ago so the
 * appeal window is still open), and a second call open now with one draft and one submitted
 * application waiting for evaluation. Dates are relative to the clock, moved as the story runs.
 */
export async function seedCallsDemo(deps: Deps): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const o of MORE_OWNERS) {
    await registerUser(deps, systemActor('demo-seed'), { role: 'owner', ...o, password: DEMO_PASSWORD });
    logins.push({ role: 'owner', email: o.email, name: o.name });
  }
  const today = deps.clock.now().getTime();
  const clock = fixedClock(new Date(today - 70 * DAY));
  const at = { ...deps, clock };
  const admin = await demoActor(deps, 'admin@markaz.pk');
  const evaluators = await Promise.all(
    ['evaluator1@markaz.pk', 'evaluator2@markaz.pk', 'evaluator3@markaz.pk'].map((e) => demoActor(deps, e)),
  );

  const first = await createCall(at, admin, {
    titleEn: 'First phase, 250 centres',
    titleUr: 'پہلا مرحلہ، 250 مراکز',
    descriptionEn:
      'Expressions of interest from owners of buildings suitable for e-working centres: at least 2,500 sq ft, reliable internet and backup power, accessible to women and people with disabilities. Shortlisted owners may apply for an interest-free loan of up to Rs 10 million.',
    descriptionUr:
      'ای ورکنگ مراکز کے لیے موزوں عمارتوں کے مالکان سے دلچسپی کا اظہار: کم از کم 2,500 مربع فٹ، قابل اعتماد انٹرنیٹ اور متبادل بجلی، خواتین اور معذور افراد کے لیے قابل رسائی۔',
    opensAt: new Date(today - 60 * DAY).toISOString(),
    closesAt: new Date(today - 20 * DAY).toISOString(),
    passMark: 50,
    evaluatorsPerApplication: 3,
    loanCapMinor: 1_000_000_000,
    appealWindowDays: 10,
  });
  await publishCall(at, admin, first.id);

  clock.set(new Date(today - 55 * DAY));
  const quality = new Map<string, number>();
  for (const b of FIRST_PHASE) {
    const owner = await demoActor(deps, b.owner);
    const city = await cityIn(deps, b.province, b.city);
    const app = await createApplication(at, owner, { callId: first.id, ...building(city, b) });
    clock.advance(3 * DAY);
    await submitApplication(at, owner, app.id);
    quality.set(app.id, b.quality);
  }
  clock.set(new Date(today - 18 * DAY));
  await autoAssign(at, admin, first.id);
  clock.set(new Date(today - 10 * DAY));
  await evaluateAll(at, evaluators, quality);
  clock.set(new Date(today - 5 * DAY));
  await confirmDecision(at, admin, first.id);

  clock.set(new Date(today - 12 * DAY));
  const second = await createCall(at, admin, {
    titleEn: 'Second phase: district centres',
    titleUr: 'دوسرا مرحلہ: ضلعی مراکز',
    descriptionEn: 'A second call for buildings in district headquarters, open for six weeks.',
    descriptionUr: 'ضلعی صدر مقامات میں عمارتوں کے لیے دوسرا اعلان، چھ ہفتوں کے لیے کھلا۔',
    opensAt: new Date(today - 10 * DAY).toISOString(),
    closesAt: new Date(today + 32 * DAY).toISOString(),
    passMark: 55,
    evaluatorsPerApplication: 3,
    loanCapMinor: 1_000_000_000,
    appealWindowDays: 10,
    quotas: [
      { provinceCode: 'PB', districtId: null, seats: 40 },
      { provinceCode: 'SD', districtId: null, seats: 20 },
      { provinceCode: 'KP', districtId: null, seats: 15 },
      { provinceCode: 'BA', districtId: null, seats: 10 },
      { provinceCode: 'AJK', districtId: null, seats: 5 },
      { provinceCode: 'GB', districtId: null, seats: 5 },
    ],
  });
  await publishCall(at, admin, second.id);
  clock.set(new Date(today - 4 * DAY));
  const owner1 = await demoActor(deps, 'owner1@markaz.pk');
  const owner3 = await demoActor(deps, 'owner3@markaz.pk');
  const multan = await cityIn(deps, 'PB', 'Multan');
  const submitted = await createApplication(at, owner1, {
    callId: second.id,
    ...building(multan, {
      name: 'Bosan Road Tech Centre',
      province: 'PB',
      address: '15 Bosan Road, Multan',
      quality: 8,
    }),
  });
  clock.advance(DAY);
  await submitApplication(at, owner1, submitted.id);
  await autoAssign(at, admin, second.id);
  clock.set(new Date(today - DAY));
  const abbottabad = await cityIn(deps, 'KP', 'Abbottabad');
  await createApplication(at, owner3, {
    callId: second.id,
    buildingName: 'Mansehra Road Plaza',
    address: '9 Mansehra Road, Abbottabad',
    provinceCode: 'KP',
    cityId: abbottabad.id,
    latitude: abbottabad.latitude,
    longitude: abbottabad.longitude,
    coveredAreaSqft: 3200,
    hotDesks: 30,
  });
  return logins;
}
