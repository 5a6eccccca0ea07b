import type { Deps } from '../../deps.ts';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { UserId } from '../../shared/ids.ts';
import { loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { registerInvestor, registerStartup, verifyInvestor } from './parties.service.ts';
import { addFxRate, setBudget } from './settings.service.ts';

const sys = systemActor('test');
let n = 0;

/** Investors of each kind (verified foreign, pending foreign, verified local). */
export async function fundInvestors(deps: Deps) {
  n++;
  const make = async (name: string, jurisdiction: string, verify: boolean) => {
    const i = await registerInvestor(deps, sys, {
      name: `${name} ${n}`,
      jurisdiction,
      registrationNo: `REG-${name.slice(0, 3)}-${n}`,
      evidence: 'public register',
      contactEmail: 'x@inv.test',
    });
    if (verify) await verifyInvestor(deps, sys, i.id, { decision: 'verified' });
    return i.id;
  };
  return {
    foreign: await make('Foreign VC', 'US', true),
    pending: await make('Pending VC', 'GB', false),
    local: await make('Local Angels', 'PK', true),
  };
}

/** A founder with a startup (incorporated where `incorporatedIn` says), logged in over HTTP. */
export async function fundFounder(t: TestApp, incorporatedIn = 'PK') {
  const user = await makeUser(t.deps, 'owner');
  const actor: Actor = { kind: 'user', userId: user.id as UserId, role: 'owner', organizationId: null };
  const city = await t.deps.db
    .selectFrom('cities')
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  n++;
  const startup = await registerStartup(t.deps, actor, {
    name: `Startup ${n}`,
    incorporationNo: `INC-${n}-${Date.now().toString(36)}`,
    incorporatedIn,
    sector: 'fintech',
    cityId: city.id,
    stage: 'seed',
    founders: [{ name: 'A Founder', cnic: '35202-1234567-1' }],
  });
  return { user, actor, startup, client: await loginClient(t.app, user.email) };
}

/** Staff and committee logged in, the day's rates and the fiscal year's envelope. */
export async function fundSetup(t: TestApp, envelopePkrMinor = 1_000_000_000_00) {
  // A rate at most a week old on every day the tests act (rules refuse older ones).
  for (const [onDate, rate] of [
    ['2026-11-01', '280'],
    ['2026-11-08', '280'],
    ['2026-11-14', '280'],
    ['2026-11-20', '282'],
    ['2026-11-27', '282'],
  ] as const)
    await addFxRate(t.deps, sys, { onDate, rate, source: 'SBP' }).catch(() => undefined);
  await setBudget(t.deps, sys, { fiscalYear: 2026, envelopePkrMinor });
  const admin = await makeUser(t.deps, 'program_admin');
  const e1 = await makeUser(t.deps, 'evaluator');
  const e2 = await makeUser(t.deps, 'evaluator');
  return {
    admin: await loginClient(t.app, admin.email),
    eval1: await loginClient(t.app, e1.email),
    eval2: await loginClient(t.app, e2.email),
    investors: await fundInvestors(t.deps),
  };
}

/** The published example as a request body: $300k on a $1m round, $700k from the foreign lead. */
export const exampleRound = (startupId: string, lead: string) => ({
  startupId,
  leadInvestorId: lead,
  currency: 'USD',
  roundMinor: 100_000_000,
  requestedMinor: 30_000_000,
  investors: [{ investorId: lead, amountMinor: 70_000_000 }],
  documents: [
    { kind: 'term_sheet', reference: 'TS-1' },
    { kind: 'subscription_agreement', reference: 'SA-1' },
  ],
});

/** Sum of each fund account over the whole ledger, debit positive. */
export async function accountBalances(deps: Deps) {
  const rows = await deps.db
    .selectFrom('ledger_entries')
    .select(['account', (eb) => eb.fn.sum<number>(eb('debit_minor', '-', eb.ref('credit_minor'))).as('net')])
    .groupBy('account')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.net)]));
}
