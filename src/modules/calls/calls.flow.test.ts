import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { apply, building, CALL, countRows, makeWorld, scoreAll, type World } from './calls.fixtures.ts';
import { rankApplications } from './ranking.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp({ uploadDir: mkdtempSync(join(tmpdir(), 'markaz-calls-')) });
  w = await makeWorld(t, 3, 3);
});
afterAll(() => t.close());

describe('a call from opening to decision', () => {
  let callId: string;
  const appIds: string[] = [];

  it('the admin creates a draft with the first-phase defaults; the public cannot see it', async () => {
    const res = await w.admin.post('/api/v1/calls', { ...CALL, passMark: 60 });
    expect(res.statusCode).toBe(201);
    const call = res.json();
    callId = call.id;
    expect(call).toMatchObject({
      status: 'draft',
      phase: 'draft',
      evaluatorsPerApplication: 3,
      appealWindowDays: 10,
    });
    expect(call.loanCapMinor).toBe(1_000_000_000);
    expect(call.totalSeats).toBe(250);
    expect(
      call.quotas.map((q: { provinceCode: string; seats: number }) => `${q.provinceCode}:${q.seats}`),
    ).toEqual(['PB:149', 'SD:51', 'KP:28', 'ICT:11', 'BA:6', 'AJK:3', 'GB:2']);
    expect(call.criteria).toHaveLength(7);
    expect((await t.app.inject({ url: `/api/v1/calls/${callId}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/calls' })).json()).toEqual([]);
    expect((await w.owners[0]!.post('/api/v1/calls', CALL)).statusCode).toBe(403);
  });

  it('the admin edits quotas and criteria in draft, then publishes; the public sees it open', async () => {
    const q = await w.admin.request('PUT', `/api/v1/calls/${callId}/quotas`, {
      quotas: [
        { provinceCode: 'PB', seats: 1 },
        { provinceCode: 'SD', seats: 1 },
        { provinceCode: 'KP', seats: 1 },
      ],
    });
    expect(q.statusCode).toBe(200);
    expect(q.json().totalSeats).toBe(3);
    const c = await w.admin.request('PUT', `/api/v1/calls/${callId}/criteria`, {
      criteria: [
        { key: 'covered_area', labelEn: 'Covered area', labelUr: 'رقبہ', weight: 40, maxScore: 10 },
        { key: 'internet', labelEn: 'Internet', labelUr: 'انٹرنیٹ', weight: 60, maxScore: 20 },
      ],
    });
    expect(c.statusCode).toBe(200);
    const pub = await w.admin.post(`/api/v1/calls/${callId}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', phase: 'open' });
    expect((await w.admin.post(`/api/v1/calls/${callId}/publish`)).statusCode).toBe(409);
    const list = await t.app.inject({ url: '/api/v1/calls' });
    expect(list.json().map((x: { id: string; phase: string }) => [x.id, x.phase])).toEqual([
      [callId, 'open'],
    ]);
    expect((await t.app.inject({ url: `/api/v1/calls/${callId}` })).statusCode).toBe(200);
  });

  it('owners save drafts and submit; criteria and quotas then freeze with a clear reason', async () => {
    const draft = await w.owners[0]!.post('/api/v1/applications', {
      callId,
      buildingName: 'Arfa Tower',
      address: '346-B Ferozepur Road, Lahore',
      provinceCode: 'PB',
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ status: 'draft', reference: 'EOI-2026-0001' });
    // No city yet: no name in either language.
    expect(draft.json()).toMatchObject({ cityName: null, cityNameUr: null });
    const id = draft.json().id;
    const incomplete = await w.owners[0]!.post(`/api/v1/applications/${id}/submit`);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields.map((f: { path: string }) => f.path)).toContain('cityId');
    const { buildingName: _b, address: _a, ...rest } = building(w, 'Lahore');
    const saved = await w.owners[0]!.patch(`/api/v1/applications/${id}`, rest);
    expect(saved.statusCode).toBe(200);
    // The city in both languages, so an Urdu page need not print the English name.
    expect(saved.json()).toMatchObject({ cityName: 'Lahore', cityNameUr: 'لاہور' });
    const sub = await w.owners[0]!.post(`/api/v1/applications/${id}/submit`);
    expect(sub.statusCode).toBe(200);
    expect(sub.json().submittedAt).toBe('2026-11-28T05:00:00.000Z');
    expect((await w.owners[0]!.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(409);
    expect((await w.owners[0]!.patch(`/api/v1/applications/${id}`, { hotDesks: 1 })).statusCode).toBe(409);
    appIds.push(id);

    t.clock.advance(60_000);
    appIds.push(await apply(w.owners[1]!, callId, building(w, 'Lahore')));
    t.clock.advance(60_000);
    appIds.push(await apply(w.owners[2]!, callId, building(w, 'Karachi')));

    const frozen = await w.admin.request('PUT', `/api/v1/calls/${callId}/quotas`, {
      quotas: [{ provinceCode: 'PB', seats: 5 }],
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().detail).toMatch(/frozen: the first application was submitted/);
    expect((await w.admin.patch(`/api/v1/calls/${callId}`, { passMark: 10 })).statusCode).toBe(409);
    const earlier = await w.admin.patch(`/api/v1/calls/${callId}`, { closesAt: '2026-12-10T12:00:00Z' });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().fields[0].path).toBe('closesAt');
    const corrigendum = await w.admin.patch(`/api/v1/calls/${callId}`, {
      descriptionEn: 'Corrigendum: the deadline is unchanged.',
      closesAt: '2026-12-15T12:00:00Z',
    });
    expect(corrigendum.statusCode).toBe(200);
    expect((await w.admin.get(`/api/v1/calls/${callId}`)).json().rulesLocked).toBe(true);
  });

  it('owners see only their own applications; admins and auditors see all', async () => {
    const mine = (await w.owners[1]!.get('/api/v1/applications')).json();
    expect(mine.map((a: { id: string }) => a.id)).toEqual([appIds[1]]);
    expect(mine[0]).toMatchObject({ cityName: 'Lahore', cityNameUr: 'لاہور' });
    const board = (await w.admin.get(`/api/v1/calls/${callId}/applications`)).json();
    expect(board).toHaveLength(3);
    expect(board.find((a: { id: string }) => a.id === appIds[2])).toMatchObject({
      cityName: 'Karachi',
      cityNameUr: 'کراچی',
    });
    expect((await w.auditor.get(`/api/v1/applications/${appIds[0]}`)).statusCode).toBe(200);
  });

  it('the admin auto-assigns evaluators up to three per application, balanced', async () => {
    const res = await w.admin.post(`/api/v1/calls/${callId}/assignments/auto`);
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(9);
    expect(res.json().shortfalls).toEqual([]);
    const again = await w.admin.post(`/api/v1/calls/${callId}/assignments/auto`);
    expect(again.json().created).toBe(0);
    const board = (await w.admin.get(`/api/v1/calls/${callId}/applications`)).json();
    expect(board.every((a: { activeEvaluators: number }) => a.activeEvaluators === 3)).toBe(true);
  });

  it('an evaluator cannot read details before declaring, and scores lock on submit', async () => {
    const ev = w.evaluators[0]!;
    const inbox = (await ev.get('/api/v1/evaluations')).json();
    expect(inbox).toHaveLength(3);
    const a = inbox.find((x: { applicationId: string }) => x.applicationId === appIds[0]);
    expect(a.applicantName).toBeTruthy();
    expect(a).toMatchObject({ cityName: 'Lahore', cityNameUr: 'لاہور' });
    const before = (await ev.get(`/api/v1/evaluations/${a.id}`)).json();
    expect(before.application).toBeNull();
    expect((await ev.get(`/api/v1/applications/${appIds[0]}`)).statusCode).toBe(409);
    expect(
      (await ev.post(`/api/v1/evaluations/${a.id}/declaration`, { hasConflict: false })).statusCode,
    ).toBe(200);
    expect(
      (await ev.post(`/api/v1/evaluations/${a.id}/declaration`, { hasConflict: true, note: 'x' })).statusCode,
    ).toBe(409);
    const after = (await ev.get(`/api/v1/evaluations/${a.id}`)).json();
    expect(after.application.buildingName).toBe('Arfa Tower');
    expect((await ev.get(`/api/v1/applications/${appIds[0]}`)).statusCode).toBe(200);
    const draftScores = await ev.request('PUT', `/api/v1/evaluations/${a.id}/scores`, {
      scores: [{ criterionKey: 'covered_area', score: 5, comment: 'adequate' }],
    });
    expect(draftScores.statusCode).toBe(200);
    expect(draftScores.json().weightedScoreMilli).toBeNull();
    const notAll = await ev.post(`/api/v1/evaluations/${a.id}/submit`);
    expect(notAll.statusCode).toBe(400);
    await ev.request('PUT', `/api/v1/evaluations/${a.id}/scores`, {
      scores: [
        { criterionKey: 'covered_area', score: 10, comment: 'large' },
        { criterionKey: 'internet', score: 20, comment: 'fibre' },
      ],
    });
    const sub = await ev.post(`/api/v1/evaluations/${a.id}/submit`);
    expect(sub.statusCode).toBe(200);
    expect(sub.json().weightedScoreMilli).toBe(100_000);
    const locked = await ev.request('PUT', `/api/v1/evaluations/${a.id}/scores`, {
      scores: [{ criterionKey: 'covered_area', score: 1, comment: '' }],
    });
    expect(locked.statusCode).toBe(409);
    const stored = await t.deps.db
      .selectFrom('evaluation_scores')
      .select('score')
      .where('assignment_id', '=', a.id)
      .where('criterion_key', '=', 'covered_area')
      .executeTakeFirstOrThrow();
    expect(stored.score).toBe(10);
  });

  it('a declared conflict recuses the evaluator and flags the application for reassignment', async () => {
    const ev = w.evaluators[1]!;
    const a = (await ev.get('/api/v1/evaluations'))
      .json()
      .find((x: { applicationId: string }) => x.applicationId === appIds[2]);
    const noNote = await ev.post(`/api/v1/evaluations/${a.id}/declaration`, { hasConflict: true });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().fields[0].path).toBe('note');
    const res = await ev.post(`/api/v1/evaluations/${a.id}/declaration`, {
      hasConflict: true,
      note: 'The owner is my cousin',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().assignment.status).toBe('recused');
    expect(res.json().application).toBeNull();
    expect((await ev.get(`/api/v1/applications/${appIds[2]}`)).statusCode).toBe(403);
    const board = (await w.admin.get(`/api/v1/calls/${callId}/applications`)).json();
    const flagged = board.find((x: { id: string }) => x.id === appIds[2]);
    expect(flagged).toMatchObject({ needsReassignment: true, recusals: 1, activeEvaluators: 2 });
    // Only three evaluators exist and one is recused: the same evaluator is never assigned twice.
    const auto = (await w.admin.post(`/api/v1/calls/${callId}/assignments/auto`)).json();
    expect(auto.shortfalls).toEqual([{ applicationId: appIds[2], reference: flagged.reference, missing: 1 }]);
    const twice = await w.admin.post(`/api/v1/applications/${appIds[2]}/assignments`, {
      evaluatorIds: [w.evaluatorIds[1]],
    });
    expect(twice.statusCode).toBe(409);
    const { makeUser, loginClient } = await import('../../testing/test-app.ts');
    const fourth = await makeUser(t.deps, 'evaluator');
    const manual = await w.admin.post(`/api/v1/applications/${appIds[2]}/assignments`, {
      evaluatorIds: [fourth.id],
    });
    expect(manual.statusCode).toBe(200);
    expect(manual.json()).toHaveLength(4);
    w.evaluators.push(await loginClient(t.app, fourth.email));
    w.evaluatorIds.push(fourth.id);
    w.evaluatorEmails.push(fourth.email);
  });

  it('a decision is refused while the call is open, then the ranking is previewed and confirmed', async () => {
    await scoreAll(w, appIds[0]!, (k) => (k === 'internet' ? 20 : 10));
    await scoreAll(w, appIds[1]!, (k) => (k === 'internet' ? 14 : 8));
    await scoreAll(w, appIds[2]!, (k) => (k === 'internet' ? 4 : 2));
    const evalsRes = await w.auditor.get(`/api/v1/applications/${appIds[2]}/assignments`);
    expect(evalsRes.statusCode).toBe(200);
    const evals = evalsRes.json();
    expect(
      evals
        .map(
          (e: { status: string; weightedScoreMilli: number | null }) => `${e.status}:${e.weightedScoreMilli}`,
        )
        .sort(),
    ).toEqual(['recused:null', 'submitted:20000', 'submitted:20000', 'submitted:20000']);
    expect(evals.find((e: { status: string }) => e.status === 'recused').conflictNote).toBe(
      'The owner is my cousin',
    );
    const early = await w.admin.post(`/api/v1/calls/${callId}/decision`);
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/only after it closes/);

    t.clock.set('2026-12-16T00:00:00Z');
    await w.relogin();
    const late = await w.owners[0]!.post('/api/v1/applications', { callId, ...building(w, 'Peshawar') });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/not open/);

    const preview = await w.admin.get(`/api/v1/calls/${callId}/ranking`);
    expect(preview.statusCode).toBe(200);
    const r = preview.json();
    expect(r.status).toBe('preview');
    expect(r.incomplete).toBe(0);
    const outcome = Object.fromEntries(
      r.applications.map((a: { applicationId: string; outcome: string; score: string }) => [
        a.applicationId,
        `${a.outcome} ${a.score}`,
      ]),
    );
    expect(outcome[appIds[0]!]).toBe('shortlisted 100.000');
    expect(outcome[appIds[1]!]).toBe('not_selected 74.000');
    expect(outcome[appIds[2]!]).toBe('failed 20.000');
    expect((await w.owners[0]!.get(`/api/v1/calls/${callId}/ranking`)).statusCode).toBe(403);

    const ok = await w.admin.post(`/api/v1/calls/${callId}/decision`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('confirmed');
    const again = await w.admin.post(`/api/v1/calls/${callId}/decision`);
    expect(again.statusCode).toBe(409);

    // Each decided application is a domain event, once (the refused second decision adds none),
    // and the portal's figures are refreshed by its handler when the dispatcher delivers it.
    const events = await t.deps.db
      .selectFrom('domain_events')
      .select(['id', 'payload'])
      .where('name', '=', 'application.decided')
      .execute();
    expect(events.map((e) => (e.payload as { outcome: string }).outcome).sort()).toEqual([
      'failed',
      'not_selected',
      'shortlisted',
    ]);
    // Every subscriber of application.decided (the portal's refresh, the owner's notice) takes each of the three.
    const perDecision = t.deps.areas.handlers.filter((h) => h.event.name === 'application.decided').length;
    expect(perDecision).toBeGreaterThan(0);
    // Submissions and assignments recorded events too (their notices); all are delivered, none fails.
    const pending = await t.deps.db
      .selectFrom('event_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(Number(pending.n)).toBeGreaterThanOrEqual(3 * perDecision);
    expect(await dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 })).toEqual({
      delivered: Number(pending.n),
      failed: 0,
      dead: 0,
    });
    const done = await t.deps.db
      .selectFrom('event_deliveries')
      .select(['handler_id', 'status'])
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    expect(done).toHaveLength(3 * perDecision);
    expect(done.every((d) => d.status === 'done')).toBe(true);
    expect(done.filter((d) => d.handler_id === 'transparency.figures-after-decision')).toHaveLength(3);
  });

  it('the owner sees result, score, rank and reason; the public ranking has no personal data', async () => {
    const mine = (await w.owners[0]!.get(`/api/v1/applications/${appIds[0]}`)).json();
    expect(mine.status).toBe('shortlisted');
    expect(mine.result).toMatchObject({ score: '100.000', rank: 1 });
    expect(mine.result.reason).toMatch(/rank 1 of 2 passing in PB/);
    const other = (await w.owners[1]!.get(`/api/v1/applications/${appIds[1]}`)).json();
    expect(other.status).toBe('not_selected');
    expect(other.result.reason).toMatch(/beyond the quota of 1/);
    const pub = await t.app.inject({ url: `/api/v1/calls/${callId}/results` });
    expect(pub.statusCode).toBe(200);
    const body = pub.json();
    const pb = body.provinces.find((p: { provinceCode: string }) => p.provinceCode === 'PB');
    expect(pb.items.map((i: { rank: number; result: string }) => `${i.rank} ${i.result}`)).toEqual([
      '1 shortlisted',
      '2 not_selected',
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Arfa|Main Boulevard|Test owner/);
    // Anyone can recompute the published ranking from the published data alone.
    const items = body.provinces.flatMap(
      (p: {
        provinceCode: string;
        items: {
          reference: string;
          districtId: number | null;
          submittedAt: string;
          evaluations: Record<string, number>[];
        }[];
      }) => p.items.map((i) => ({ ...i, provinceCode: p.provinceCode })),
    );
    const again = rankApplications({
      passMark: body.passMark,
      requiredEvaluations: body.evaluatorsPerApplication,
      criteria: body.criteria,
      quotas: body.quotas,
      releases: body.releases,
      applications: items.map(
        (i: {
          reference: string;
          provinceCode: string;
          districtId: number | null;
          submittedAt: string;
          evaluations: Record<string, number>[];
        }) => ({
          id: i.reference,
          reference: i.reference,
          provinceCode: i.provinceCode,
          districtId: i.districtId,
          submittedAt: Date.parse(i.submittedAt),
          evaluations: i.evaluations,
        }),
      ),
    });
    for (const r of again.applications) {
      const published = items.find((i: { reference: string }) => i.reference === r.reference);
      expect([r.scoreMilli, r.rank, r.outcome]).toEqual([
        published.scoreMilli,
        published.rank,
        published.result,
      ]);
    }
  });

  it('an applicant appeals once within the window; the admin resolves it with a reason', async () => {
    const audits = await countRows(t, 'audit_log');
    const appeal = await w.owners[1]!.post(`/api/v1/applications/${appIds[1]}/appeal`, {
      text: 'Our internet was upgraded to 1 Gbps fibre before the deadline.',
    });
    expect(appeal.statusCode).toBe(201);
    const second = await w.owners[1]!.post(`/api/v1/applications/${appIds[1]}/appeal`, {
      text: 'Another try at appealing this.',
    });
    expect(second.statusCode).toBe(409);
    expect(
      (await w.owners[0]!.post(`/api/v1/applications/${appIds[1]}/appeal`, { text: 'not mine at all' }))
        .statusCode,
    ).toBe(404);
    const resolved = await w.admin.post(`/api/v1/appeals/${appeal.json().id}/resolve`, {
      outcome: 'rejected',
      reason: 'The upgrade was after the closing date.',
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'rejected',
      resolutionReason: 'The upgrade was after the closing date.',
    });
    expect(
      (
        await w.admin.post(`/api/v1/appeals/${appeal.json().id}/resolve`, {
          outcome: 'upheld',
          reason: 'changed mind',
        })
      ).statusCode,
    ).toBe(409);
    expect((await w.owners[1]!.get(`/api/v1/applications/${appIds[1]}`)).json().appeal.status).toBe(
      'rejected',
    );
    expect(await countRows(t, 'audit_log')).toBe(audits + 2);

    t.clock.set('2026-12-30T00:00:00Z');
    await w.relogin();
    const late = await w.owners[2]!.post(`/api/v1/applications/${appIds[2]}/appeal`, {
      text: 'Please look again at it.',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/appeal window closed on 2026-12-26/);
  });

  it('every state change left an audit entry', async () => {
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    for (const a of [
      'call.created',
      'call.quotas_set',
      'call.criteria_set',
      'call.published',
      'application.created',
      'application.updated',
      'application.submitted',
      'evaluation.assigned',
      'evaluation.no_conflict_declared',
      'evaluation.recused',
      'evaluation.scores_saved',
      'evaluation.submitted',
      'application.decided',
      'call.decided',
      'appeal.filed',
      'appeal.rejected',
    ])
      expect(actions).toContain(a);
  });
});
