import type { Deps } from '../../deps.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { DemoLogin } from '../../platform/area.ts';
import type { UserId } from '../../shared/ids.ts';
import { addDays, fixedClock, karachiDate } from '../../shared/time.ts';
import { DEMO_PASSWORD, demoActor, registerUser } from '../identity/index.ts';
import { payTranche, reviewArrival, submitArrival, submitReport } from './disbursement.service.ts';
import { seedJvDemo } from './fund.demo-jv.ts';
import { fiscalYearOf } from './fund-rules.ts';
import { decideGrant, declareConflict, scoreGrant, submitGrant } from './grants.service.ts';
import { registerInvestor, registerStartup, verifyInvestor } from './parties.service.ts';
import { recoverGrant } from './recovery.service.ts';
import { addFxRate, setBudget } from './settings.service.ts';

// The fund's demo: investors (one still waiting for verification), five startups and a grant at
// every stage (applied, approved, part-paid, reporting, recovered), the FX rates (dollars and
// euros) and budgets they were committed and paid against, and two joint ventures (one in dollars,
// one in euros: fund.demo-jv.ts). Each step runs at the day it happened.

const sys = systemActor('demo');
const at = (deps: Deps, iso: string): Deps => ({ ...deps, clock: fixedClock(`${iso}T06:00:00Z`) });
const M = (usd: number) => usd * 100; // dollars → cents

const RATES: [string, string][] = [
  ['2025-07-01', '283.75'],
  ['2025-09-01', '281.40'],
  ['2025-11-03', '280.95'],
  ['2026-01-02', '280.10'],
  ['2026-03-02', '279.60'],
  ['2026-05-04', '278.85'],
  ['2026-07-01', '279.90'],
  ['2026-09-01', '281.30'],
  ['2026-11-02', '282.15'],
];
/** Rupees per euro on the same story's days, for the joint venture in euros. */
const EUR_RATES: [string, string][] = [
  ['2025-07-01', '331.20'],
  ['2026-01-02', '327.40'],
  ['2026-07-01', '325.80'],
  ['2026-11-02', '329.10'],
];

const INVESTORS = [
  {
    name: 'Crescent Ventures LP',
    jurisdiction: 'US',
    registrationNo: 'DE-6123457',
    evidence: 'Delaware Division of Corporations, file 6123457',
  },
  {
    name: 'Gulf Horizon Partners',
    jurisdiction: 'AE',
    registrationNo: 'DIFC-4471',
    evidence: 'DIFC public register, licence 4471',
  },
  {
    name: 'Nordic Seed Fund AB',
    jurisdiction: 'SE',
    registrationNo: '559201-3344',
    evidence: 'Bolagsverket, org. nr 559201-3344',
  },
  {
    name: 'Lahore Angels Network',
    jurisdiction: 'PK',
    registrationNo: '0145678',
    evidence: 'SECP company registration 0145678',
  },
  {
    name: 'Atlas Growth Capital LLP',
    jurisdiction: 'GB',
    registrationNo: 'OC431209',
    evidence: 'Companies House OC431209',
  },
];

const STARTUPS = [
  { name: 'Tabdeel Pay', sector: 'fintech', city: 'Karachi', stage: 'seed', founder: 'Hira Baloch' },
  { name: 'Kheti Data', sector: 'agritech', city: 'Lahore', stage: 'seed', founder: 'Usman Gondal' },
  { name: 'Shifa Link', sector: 'healthtech', city: 'Islamabad', stage: 'pre_seed', founder: 'Sana Qureshi' },
  { name: 'Ustad Online', sector: 'edtech', city: 'Peshawar', stage: 'pre_seed', founder: 'Bilal Afridi' },
  { name: 'Cargo Chalo', sector: 'logistics', city: 'Faisalabad', stage: 'seed', founder: 'Mehwish Rana' },
] as const;

/**
 * The demo's story was written as of this day; every date in it moves with today, so the demo
 * never goes stale (a decision a year old, a report due long ago): `shiftedTo(today)('2026-11-02')`
 * is the same distance before today as 2026-11-02 was before 2026-12-07.
 */
const STORY_DAY = '2026-12-07';
export function shiftedTo(today: string): (iso: string) => string {
  const days = Math.round(
    (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${STORY_DAY}T00:00:00Z`)) / 86_400_000,
  );
  return (iso) => addDays(iso, days);
}

/** The quarter after "2026-Q4": "2027-Q1". */
export function nextQuarter(q: string): string {
  const [y, n] = q.split('-Q').map(Number) as [number, number];
  return n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
}

/** The calendar quarter before the one a day falls in, as a report names it: 2026-04-10 → "2026-Q1". */
export function quarterBefore(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}

/**
 * The rates staff would have entered: the anchors above, and one each week in between and up to
 * today (linearly between anchors, the last anchor's after it), so no step of the demo, and no
 * decision or payment made today, meets a rate older than the rules allow.
 */
export function demoRates(today: string, anchorRates = RATES): [string, string][] {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const shift = shiftedTo(today);
  const story = anchorRates.map(([d, r]) => [shift(d), r] as [string, string]);
  const anchors = story.map(([d, r]) => [day(d), Number(r)] as const);
  const rateAt = (d: number) => {
    const next = anchors.findIndex(([a]) => a >= d);
    if (next === -1) return anchors.at(-1)![1];
    if (next === 0 || anchors[next]![0] === d) return anchors[next]![1];
    const [d0, r0] = anchors[next - 1]!;
    const [d1, r1] = anchors[next]!;
    return r0 + ((r1 - r0) * (d - d0)) / (d1 - d0);
  };
  const out = new Map(story);
  const last = Math.max(day(today), anchors.at(-1)![0]);
  for (let d = anchors[0]![0]; d <= last; d += 7) if (!out.has(iso(d))) out.set(iso(d), rateAt(d).toFixed(2));
  return [...out].sort(([a], [b]) => a.localeCompare(b));
}

export async function seedFundDemo(deps: Deps): Promise<DemoLogin[]> {
  const today = karachiDate(deps.clock.now());
  const d = shiftedTo(today);
  const d0 = at(deps, d('2025-07-01'));
  for (const [currency, anchors] of [
    ['USD', RATES],
    ['EUR', EUR_RATES],
  ] as const) {
    const entered = new Set(
      (
        await deps.db.selectFrom('fund_fx_rates').select('on_date').where('currency', '=', currency).execute()
      ).map((r) => r.on_date),
    );
    for (const [onDate, rate] of demoRates(today, anchors))
      if (!entered.has(onDate))
        await addFxRate(at(deps, onDate), sys, {
          currency,
          onDate,
          rate,
          source: 'State Bank of Pakistan, weighted average customer rate',
        });
  }
  // An envelope for every fiscal year the demo's story touches, up to today's.
  for (let fy = fiscalYearOf(d('2025-07-01')); fy <= fiscalYearOf(today); fy++)
    await setBudget(d0, sys, { fiscalYear: fy, envelopePkrMinor: 2_000_000_000_00 });
  const inv: string[] = [];
  for (const [n, i] of INVESTORS.entries()) {
    const made = await registerInvestor(d0, sys, { ...i, contactEmail: `deals${n + 1}@investor.demo` });
    if (n < 4)
      await verifyInvestor(at(deps, d('2025-07-10')), sys, made.id, {
        decision: 'verified',
        note: 'Registration checked against the public register',
      });
    inv.push(made.id);
  }
  const [crescent, gulf, nordic, lahore] = inv as [string, string, string, string];

  const logins: DemoLogin[] = [];
  const founders: Actor[] = [];
  const startups: string[] = [];
  for (const [n, s] of STARTUPS.entries()) {
    const email = `founder${n + 1}@markaz.pk`;
    const u = await registerUser(d0, sys, {
      role: 'owner',
      name: s.founder,
      email,
      mobile: `0302777000${n}`,
      cnic: `42101-777000${n}-${n}`,
      password: DEMO_PASSWORD,
    });
    const founder: Actor = { kind: 'user', userId: u.id as UserId, role: 'owner', organizationId: null };
    const city = await deps.db
      .selectFrom('cities')
      .select('id')
      .where('name_en', '=', s.city)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const st = await registerStartup(d0, founder, {
      name: s.name,
      incorporationNo: `0${190_000 + n * 731}`,
      incorporatedIn: 'PK',
      sector: s.sector,
      cityId: city.id,
      stage: s.stage,
      founders: [{ name: s.founder, cnic: `42101-777000${n}-${n}` }],
    });
    founders.push(founder);
    startups.push(st.id);
    if (n === 0) logins.push({ role: 'founder (startup fund)', email, name: s.founder });
  }

  const eval1 = await demoActor(deps, 'evaluator1@markaz.pk');
  const eval2 = await demoActor(deps, 'evaluator2@markaz.pk');
  const docs = (ref: string) => [
    { kind: 'term_sheet' as const, reference: `TS-${ref}` },
    { kind: 'subscription_agreement' as const, reference: `SA-${ref}` },
  ];
  /** One application, reviewed (evaluator 2 recused on the first) and, unless `decideOn` is null, approved. */
  const apply = async (
    n: number,
    day: string,
    lead: string,
    investors: [string, number][],
    grant: number,
    decideOn: string | null,
  ) => {
    const round = investors.reduce((s, [, a]) => s + a, 0) + grant;
    const { id } = await submitGrant(at(deps, day), founders[n]!, {
      startupId: startups[n]!,
      leadInvestorId: lead,
      currency: 'USD',
      roundMinor: M(round),
      requestedMinor: M(grant),
      investors: investors.map(([investorId, a]) => ({ investorId, amountMinor: M(a) })),
      documents: docs(`${n + 1}-${day}`),
    });
    await declareConflict(at(deps, day), eval1, id, { conflict: false });
    await scoreGrant(at(deps, day), eval1, id, {
      score: 70 + n * 4,
      comment: 'Credible lead investor and a clear use of funds.',
    });
    await declareConflict(
      at(deps, day),
      eval2,
      id,
      n === 0 ? { conflict: true, note: 'Advised the founders in 2024' } : { conflict: false },
    );
    if (n !== 0) await scoreGrant(at(deps, day), eval2, id, { score: 65 + n * 3 });
    if (decideOn)
      await decideGrant(at(deps, decideOn), sys, id, {
        decision: 'approved',
        reason: 'Meets the rules; the committee scored it above the bar.',
      });
    return id;
  };
  const arrive = async (grantId: string, n: number, investor: string, usd: number, day: string) => {
    await submitArrival(at(deps, day), founders[n]!, grantId, {
      investorId: investor,
      amountMinor: M(usd),
      arrivedOn: day,
      evidence: `SWIFT MT103 ref ${day.replaceAll('-', '')}-${n}`,
    });
    const a = await deps.db
      .selectFrom('fund_arrivals')
      .select('id')
      .where('grant_id', '=', grantId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    await reviewArrival(at(deps, day), sys, a.id, {
      decision: 'accepted',
      note: 'Matches the bank’s credit advice',
    });
  };

  // Reporting: the $1m round of the rule's own example ($700k foreign, $300k grant), paid in two tranches.
  const tabdeel = await apply(0, d('2025-08-12'), crescent, [[crescent, 700_000]], 300_000, d('2025-09-02'));
  await arrive(tabdeel, 0, crescent, 350_000, d('2025-09-20'));
  await payTranche(at(deps, d('2025-09-25')), sys, tabdeel, { paidOn: d('2025-09-25') });
  await arrive(tabdeel, 0, crescent, 350_000, d('2026-01-15'));
  await payTranche(at(deps, d('2026-01-20')), sys, tabdeel, { paidOn: d('2026-01-20') });
  // Quarters in a row, each the latest one ended by its report's day (whatever today is): the days
  // move with today, so a report day may fall early in a quarter; a quarter not yet ended by then is
  // left for later, as a founder would (reports are only for quarters that have ended).
  let last: string | null = null;
  for (const [jobs, exp, day] of [
    [34, 120_000, d('2026-04-10')],
    [41, 185_000, d('2026-07-09')],
    [47, 240_000, d('2026-10-08')],
  ] as const) {
    const before = quarterBefore(day);
    const quarter: string = last === null ? before : nextQuarter(last);
    if (quarter > before) continue;
    await submitReport(at(deps, day), founders[0]!, tabdeel, {
      quarter,
      jobs,
      revenuePkrMinor: jobs * 1_900_000_00,
      exportsUsdMinor: M(exp),
      followOnUsdMinor: 0,
      stillInPakistan: true,
    });
    last = quarter;
  }

  // Part-paid: half the foreign money has arrived, so half the grant is paid.
  // A $600k round with a local co-investor, whose money never unlocks the grant: $420k foreign (70%).
  const kheti = await apply(
    1,
    d('2026-02-03'),
    gulf,
    [
      [gulf, 420_000],
      [lahore, 30_000],
    ],
    150_000,
    d('2026-03-02'),
  );
  await arrive(kheti, 1, gulf, 210_000, d('2026-05-04'));
  await payTranche(at(deps, d('2026-05-06')), sys, kheti, { paidOn: d('2026-05-06') });

  // Approved, waiting for the money.
  await apply(2, d('2026-09-07'), nordic, [[nordic, 350_000]], 150_000, d('2026-10-05'));
  // Applied: scored by the committee, waiting for a decision.
  await apply(3, d('2026-11-03'), crescent, [[crescent, 245_000]], 105_000, null);

  // Recovered: paid in full, then the company moved abroad within three years.
  const cargo = await apply(4, d('2025-10-06'), nordic, [[nordic, 560_000]], 240_000, d('2025-11-03'));
  await arrive(cargo, 4, nordic, 560_000, d('2025-11-20'));
  await payTranche(at(deps, d('2025-11-24')), sys, cargo, { paidOn: d('2025-11-24') });
  await submitReport(at(deps, d('2026-04-12')), founders[4]!, cargo, {
    quarter: quarterBefore(d('2026-04-12')),
    jobs: 12,
    revenuePkrMinor: 8_500_000_00,
    exportsUsdMinor: M(30_000),
    followOnUsdMinor: M(1_500_000),
    stillInPakistan: false,
  });
  await recoverGrant(at(deps, d('2026-05-04')), sys, cargo, {
    condition: 'moved_abroad',
    reason: 'Re-domiciled to Singapore last quarter, within three years of the grant.',
  });

  await seedJvDemo(deps, d, { gulf, nordic }, quarterBefore);
  return logins;
}
