import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from '../loans/index.ts';
import { accountBalances, exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';

// The review's findings on the fund, each a test that failed before its fix: the committee's
// quorum and minimum score, stale exchange rates, a proof reviewed on a grant no longer approved,
// tranches without an Idempotency-Key, JV distributions' gain and exchange difference, duplicates
// as 409, amount ceilings, and investors' emails.
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
  t.clock.set('2026-11-09T05:00:00Z');
  // From 10 November: two members must score, an approval needs an average of 70.
  const rules = await s.admin.post('/api/v1/fund/rules', {
    effectiveFrom: '2026-11-10',
    maxGrantMinor: 30_000_000,
    maxGrantShareBps: 3000,
    minForeignShareBps: 7000,
    maxGrantsPerStartup: 1,
    quorum: 2,
    minScore: 70,
    maxRateAgeDays: 7,
  });
  expect(rules.statusCode).toBe(201);
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): { fields?: { path: string; rule?: string }[] } }) =>
  (res.json().fields ?? []).map((f) => `${f.path}:${f.rule}`);
const key = () => ({ 'idempotency-key': crypto.randomUUID() });

async function applied() {
  t.clock.set('2026-11-15T05:00:00Z');
  const f = await fundFounder(t);
  const res = await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign));
  expect(res.statusCode).toBe(201);
  return { f, id: res.json().id as string };
}
const score = async (id: string, ...scores: number[]) => {
  for (const [n, c] of [s.eval1, s.eval2].entries()) {
    if (scores[n] === undefined) continue;
    await c.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    expect((await c.post(`/api/v1/fund/grants/${id}/score`, { score: scores[n] })).statusCode).toBe(200);
  }
};
const decide = (id: string, decision = 'approved') =>
  s.admin.post(`/api/v1/fund/grants/${id}/decision`, { decision, reason: 'Committee view' });

describe('a decision needs the committee', () => {
  it('refuses without the quorum, and an approval below the minimum score, saying which', async () => {
    const { f, id } = await applied();
    await score(id, 90);
    const noQuorum = await decide(id);
    expect(noQuorum.statusCode).toBe(409);
    expect(fieldsOf(noQuorum)).toEqual(['decision:quorum']);
    expect(noQuorum.json().detail).toContain('quorum is 2');
    expect(fieldsOf(await decide(id, 'rejected'))).toEqual(['decision:quorum']);
    await score(id, undefined as never, 40);
    const low = await decide(id);
    expect(fieldsOf(low)).toEqual(['decision:min_score']);
    expect(low.json().fields[0].params).toMatchObject({ minScore: 70, averageScore: 65 });
    expect((await f.client.get(`/api/v1/fund/grants/${id}`)).json().status).toBe('submitted');
    // The quorum is met, so a rejection may stand; the rules it applied are shown on the grant.
    const rejected = await decide(id, 'rejected');
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().rules).toMatchObject({ quorum: 2, minScore: 70, maxRateAgeDays: 7 });
  });
});

describe('money after approval', () => {
  it('never accepts a proof for a recovered grant, and pays only with an Idempotency-Key', async () => {
    const { f, id } = await applied();
    await score(id, 80, 80);
    expect((await decide(id)).statusCode).toBe(200);
    t.clock.set('2026-11-28T05:00:00Z');
    f.client = await loginClient(t.app, f.user.email); // a fortnight on: a fresh session
    const sent = await f.client.post(`/api/v1/fund/grants/${id}/arrivals`, {
      investorId: s.investors.foreign,
      amountMinor: 70_000_000,
      arrivedOn: '2026-11-21',
      evidence: 'SWIFT 9',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const proof = sent.json().arrivals[0];
    const other = (
      await f.client.post(`/api/v1/fund/grants/${id}/arrivals`, {
        investorId: s.investors.foreign,
        amountMinor: 1_000,
        arrivedOn: '2026-11-22',
        evidence: 'SWIFT 10',
      })
    ).json();
    const pendingId = other.arrivals.find((a: { evidence: string }) => a.evidence === 'SWIFT 10').id;
    await s.admin.post(`/api/v1/fund/arrivals/${proof.id}/review`, { decision: 'accepted' });

    const paid = await s.admin.post(`/api/v1/fund/grants/${id}/tranches`, { paidOn: '2026-11-28' }, key());
    expect(paid.json().paidMinor).toBe(30_000_000);

    expect(
      (await s.admin.post(`/api/v1/fund/grants/${id}/recovery`, { condition: 'misuse', reason: 'x' }))
        .statusCode,
    ).toBe(200);
    const late = await s.admin.post(`/api/v1/fund/arrivals/${pendingId}/review`, { decision: 'accepted' });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('recovered');
    const row = await t.deps.db
      .selectFrom('fund_arrivals')
      .select('status')
      .where('id', '=', pendingId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    // A payment without a key is refused before anything else is looked at.
    const noKey = await s.admin.post(`/api/v1/fund/grants/${id}/tranches`, { paidOn: '2026-11-28' });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().fields[0].path).toBe('headers.idempotency-key');
    expect((await s.admin.get(`/api/v1/fund/grants/${id}`)).json().paidMinor).toBe(30_000_000);
  });
});

describe('joint-venture distributions', () => {
  it('post the capital at its cost, the realised gain and the exchange difference, balanced', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const jv = (
      await s.admin.post('/api/v1/fund/joint-ventures', {
        name: 'JV Gains',
        managerId: s.investors.foreign,
        commitmentMinor: 100_000_000,
        foreignRaisedMinor: 0,
        committedOn: '2026-11-20',
      })
    ).json();
    const move = (kind: string, onDate: string, amountMinor: number) =>
      s.admin.post(`/api/v1/fund/joint-ventures/${jv.id}/movements`, { kind, onDate, amountMinor }, key());
    expect((await move('call', '2026-11-21', 50_000_000)).statusCode).toBe(200); // at 282
    t.clock.set('2026-11-29T05:00:00Z');
    await s.admin.post('/api/v1/fund/fx-rates', { onDate: '2026-11-29', rate: '290', source: 'SBP' });
    const before = await accountBalances(t.deps);
    // $600k back on $500k called, at 290: $500k of capital (cost 282), $100k of gain.
    const dist = (await move('distribution', '2026-11-29', 60_000_000)).json();
    expect(dist).toMatchObject({
      returnedCapitalMinor: 50_000_000,
      realisedGainPkrMinor: 10_000_000 * 290,
      fxDifferencePkrMinor: 50_000_000 * (290 - 282),
      netPositionPkrMinor: 0,
    });
    const after = await accountBalances(t.deps);
    const delta = (a: string) => (after[a] ?? 0) - (before[a] ?? 0);
    expect(delta('programme_cash')).toBe(60_000_000 * 290);
    expect(delta('fund_jv_investment')).toBe(-50_000_000 * 282);
    expect(delta('fund_jv_realised_gain')).toBe(-10_000_000 * 290);
    expect(delta('fund_fx_difference')).toBe(-50_000_000 * 8);
    const verify = await verifyLedger({ ...t.deps });
    expect(verify.problems).toEqual([]);
  });
});

describe('duplicates and races', () => {
  it('answers a duplicate with 409 naming the field, even when two arrive at once', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const rate = { onDate: '2026-11-25', rate: '281', source: 'SBP' };
    const both = await Promise.all([
      s.admin.post('/api/v1/fund/fx-rates', rate),
      s.admin.post('/api/v1/fund/fx-rates', rate),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const dup = both.find((r) => r.statusCode === 409)!;
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(dup)).toEqual(['onDate:taken']);

    const rules = {
      effectiveFrom: '2026-11-10',
      maxGrantMinor: 1_000,
      maxGrantShareBps: 3000,
      minForeignShareBps: 7000,
      maxGrantsPerStartup: 1,
      quorum: 1,
      minScore: 0,
      maxRateAgeDays: 7,
    };
    // A set from a day already past is refused, naming the field, and nothing is stored.
    const before = (await s.admin.get('/api/v1/fund/rules')).json();
    const past = await s.admin.post('/api/v1/fund/rules', { ...rules, effectiveFrom: '2026-11-27' });
    expect([past.statusCode, ...fieldsOf(past)]).toEqual([400, 'effectiveFrom:effective_in_past']);
    expect(past.headers['content-type']).toContain('application/problem+json');
    expect(past.json().fields[0].params).toEqual({ date: '2026-11-28' });
    expect((await s.admin.get('/api/v1/fund/rules')).json()).toEqual(before);
    // The day the set of 10 November took effect, asked for again on the day before: taken.
    t.clock.set('2026-11-09T05:00:00Z');
    const dupRules = await s.admin.post('/api/v1/fund/rules', rules);
    expect([dupRules.statusCode, ...fieldsOf(dupRules)]).toEqual([409, 'effectiveFrom:taken']);
    t.clock.set('2026-11-28T05:00:00Z');
    const jv = {
      name: 'JV Twice',
      managerId: s.investors.foreign,
      commitmentMinor: 1_000,
      foreignRaisedMinor: 0,
      committedOn: '2026-11-27',
    };
    const jvs = await Promise.all([
      s.admin.post('/api/v1/fund/joint-ventures', jv),
      s.admin.post('/api/v1/fund/joint-ventures', jv),
    ]);
    expect(jvs.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const f = await fundFounder(t);
    const startup = {
      name: 'Twice Ltd',
      incorporationNo: f.startup.incorporationNo,
      incorporatedIn: 'PK',
      sector: 'saas',
      cityId: f.startup.cityId,
      stage: 'seed',
      founders: [{ name: 'T', cnic: '35202-1234567-1' }],
    };
    const again = await f.client.post('/api/v1/fund/startups', startup);
    expect([again.statusCode, ...fieldsOf(again)]).toEqual([409, 'incorporationNo:taken']);
  });
});

describe('amounts and what each person sees', () => {
  it('refuses absurd amounts naming the field, and shows investors’ emails to staff and the registrant only', async () => {
    t.clock.set('2026-11-28T05:00:00Z');
    const f = await fundFounder(t);
    const round = exampleRound(f.startup.id, s.investors.foreign);
    for (const [body, path] of [
      [{ ...round, roundMinor: 1e13 }, 'roundMinor'],
      [{ ...round, requestedMinor: 1e10 }, 'requestedMinor'],
      [
        { ...round, investors: [{ investorId: s.investors.foreign, amountMinor: 1e13 }] },
        'investors.0.amountMinor',
      ],
    ] as const) {
      const res = await f.client.post('/api/v1/fund/grants', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().fields.map((x: { path: string }) => x.path)).toContain(path);
    }
    const env = await s.admin.request('PUT', '/api/v1/fund/budgets', {
      fiscalYear: 2030,
      envelopePkrMinor: 1e15,
    });
    expect(env.json().fields[0]).toMatchObject({ path: 'envelopePkrMinor', rule: 'too_big' });
    const jv = await s.admin.post('/api/v1/fund/joint-ventures', {
      name: 'Huge',
      managerId: s.investors.foreign,
      commitmentMinor: 1e13,
      foreignRaisedMinor: 1e13,
      committedOn: '2026-11-27',
    });
    expect(jv.json().fields.map((x: { path: string }) => x.path)).toEqual([
      'commitmentMinor',
      'foreignRaisedMinor',
    ]);
    expect(
      (await s.admin.get('/api/v1/fund/budgets'))
        .json()
        .some((b: { fiscalYear: number }) => b.fiscalYear === 2030),
    ).toBe(false);

    const mine = (
      await f.client.post('/api/v1/fund/investors', {
        name: 'Own Angel',
        jurisdiction: 'AE',
        registrationNo: 'OWN-1',
        evidence: 'DIFC register',
        contactEmail: 'own@angel.example',
      })
    ).json();
    const seenBy = async (c: typeof s.admin) =>
      Object.fromEntries(
        ((await c.get('/api/v1/fund/investors')).json() as { id: string; contactEmail: string | null }[]).map(
          (i) => [i.id, i.contactEmail],
        ),
      );
    const founderView = await seenBy(f.client);
    expect(founderView[mine.id]).toBe('own@angel.example');
    expect(founderView[s.investors.foreign]).toBeNull();
    const evaluatorView = await seenBy(s.eval1);
    expect(evaluatorView[mine.id]).toBeNull();
    expect(evaluatorView[s.investors.foreign]).toBeNull();
    const staffView = await seenBy(s.admin);
    expect(staffView[mine.id]).toBe('own@angel.example');
    expect(staffView[s.investors.foreign]).toBe('x@inv.test');
  });
});

// Last: the sessions of the clients above end once the clock leaps to December.
describe('exchange rates', () => {
  it('refuses a rate older than the rules allow, naming the currency and the dates', async () => {
    const { id } = await applied();
    await score(id, 80, 80);
    t.clock.set('2026-12-10T05:00:00Z'); // the latest rate is 27 November's
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const stale = await admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'x',
    });
    expect(stale.statusCode).toBe(400);
    expect(fieldsOf(stale)).toEqual(['decision:stale_exchange_rate']);
    expect(stale.json().fields[0].message).toContain('USD');
    // The latest rate the tests above entered is 29 November's: 11 days old on 10 December.
    expect(stale.json().fields[0].message).toContain('2026-11-29');
    expect(stale.json().fields[0].params).toMatchObject({
      currency: 'USD',
      latestOn: '2026-11-29',
      ageDays: 11,
      maxAgeDays: 7,
    });
    t.clock.set('2026-11-28T05:00:00Z');
    expect(
      (await admin.post(`/api/v1/fund/grants/${id}/decision`, { decision: 'approved', reason: 'x' }))
        .statusCode,
    ).toBe(200);
  });
});

describe('the review rules are the calls’ (src/platform/review.ts)', () => {
  it('refuses a conflict declared without a note, naming the field, and keeps the note of one declared', async () => {
    const { id } = await applied();
    for (const body of [{ conflict: true }, { conflict: true, note: '   ' }]) {
      const res = await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, body);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(['note:required']);
    }
    // Nothing was recorded: the member may still declare, and is then recused.
    const ok = await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, {
      conflict: true,
      note: 'I advised the founders last year',
    });
    expect(ok.statusCode).toBe(204);
    expect((await s.eval1.get(`/api/v1/fund/grants/${id}`)).json().rule).toBe('recused');
    const again = await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again)).toEqual(['conflict:taken']);
    // A member who has not declared cannot score; a score out of range names `score`.
    expect((await s.eval2.post(`/api/v1/fund/grants/${id}/score`, { score: 50 })).json().rule).toBe(
      'declare_first',
    );
  });
});
