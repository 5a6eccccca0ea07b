import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { fixedClock } from '../../shared/time.ts';
import { createJv, recordJvMovement } from './jv.service.ts';

// The fund demo's joint ventures: one in dollars (two calls, a reported value, a distribution)
// and one in euros (a call, a value, a distribution), so the public page and the open data show
// a fund that is not in dollars, with its rupees at the euro's dated rates.

const sys = systemActor('demo');
const at = (deps: Deps, iso: string): Deps => ({ ...deps, clock: fixedClock(`${iso}T06:00:00Z`) });
const M = (units: number) => units * 100; // dollars or euros → cents

type Move = { kind: 'call' | 'distribution' | 'valuation'; on: string; amount: number; note: string };

async function seedJv(
  deps: Deps,
  d: (iso: string) => string,
  fund: {
    name: string;
    managerId: string;
    currency: 'USD' | 'EUR';
    commitment: number;
    foreignRaised: number;
    on: string;
  },
  moves: Move[],
) {
  const jv = await createJv(at(deps, d(fund.on)), sys, {
    name: fund.name,
    managerId: fund.managerId,
    currency: fund.currency,
    commitmentMinor: M(fund.commitment),
    foreignRaisedMinor: M(fund.foreignRaised),
    committedOn: d(fund.on),
  });
  for (const m of moves)
    await recordJvMovement(at(deps, d(m.on)), sys, jv.id, {
      kind: m.kind,
      onDate: d(m.on),
      amountMinor: M(m.amount),
      note: m.note,
    });
}

/** `d` moves the story's days to today's (fund.demo.ts `shiftedTo`); `quarterOf` names a report's quarter. */
export async function seedJvDemo(
  deps: Deps,
  d: (iso: string) => string,
  managers: { gulf: string; nordic: string },
  quarterOf: (day: string) => string,
): Promise<void> {
  await seedJv(
    deps,
    d,
    {
      name: 'Pakistan Digital Growth Fund I',
      managerId: managers.gulf,
      currency: 'USD',
      commitment: 4_000_000,
      foreignRaised: 12_000_000,
      on: '2025-11-03',
    },
    [
      { kind: 'call', on: '2026-01-02', amount: 1_000_000, note: 'First close' },
      { kind: 'call', on: '2026-07-01', amount: 800_000, note: 'Second call: four seed investments' },
      {
        kind: 'valuation',
        on: '2026-09-01',
        amount: 1_950_000,
        note: `${quarterOf(d('2026-09-01'))} report, the programme’s share of net asset value`,
      },
      { kind: 'distribution', on: '2026-11-02', amount: 120_000, note: 'Partial exit of one holding' },
    ],
  );
  // In euros, in the next fiscal year's envelope (the dollar fund took most of the first).
  await seedJv(
    deps,
    d,
    {
      name: 'Nordic–Indus Seed Fund',
      managerId: managers.nordic,
      currency: 'EUR',
      commitment: 2_500_000,
      foreignRaised: 10_000_000,
      on: '2026-07-15',
    },
    [
      { kind: 'call', on: '2026-08-03', amount: 750_000, note: 'First close: three seed rounds' },
      {
        kind: 'valuation',
        on: '2026-10-12',
        amount: 790_000,
        note: `${quarterOf(d('2026-10-12'))} report, the programme’s share of net asset value`,
      },
      { kind: 'distribution', on: '2026-11-16', amount: 45_000, note: 'Secondary sale of one holding' },
    ],
  );
}
