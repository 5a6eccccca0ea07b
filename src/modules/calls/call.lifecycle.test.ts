import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { apply, building, CALL, makeWorld, openCall, type World } from './calls.fixtures.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await makeWorld(t, 1, 1);
});
afterAll(() => t.close());

describe('call lifecycle and who may do what', () => {
  it('drafts are seen by admins and auditors only; edits in draft are audited', async () => {
    const id = (await w.admin.post('/api/v1/calls', CALL)).json().id;
    expect((await w.auditor.get(`/api/v1/calls/${id}`)).statusCode).toBe(200);
    expect((await w.auditor.get('/api/v1/calls?status=draft')).json()).toHaveLength(1);
    expect((await w.owners[0]!.get(`/api/v1/calls/${id}`)).statusCode).toBe(404);
    expect((await w.evaluators[0]!.get('/api/v1/calls?status=draft')).json()).toEqual([]);
    const res = await w.admin.patch(`/api/v1/calls/${id}`, {
      titleEn: 'Renamed',
      passMark: 65,
      loanCapMinor: 500_000_000,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ titleEn: 'Renamed', passMark: 65, loanCapMinor: 500_000_000 });
    expect((await w.auditor.patch(`/api/v1/calls/${id}`, { titleEn: 'x' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/calls', payload: CALL })).statusCode).toBe(
      401,
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['call.created', 'call.updated']);
  });

  it('a call cannot be published with its closing date past, nor without seats', async () => {
    const past = (await w.admin.post('/api/v1/calls', { ...CALL, closesAt: '2026-11-28T04:00:00Z' })).json()
      .id;
    const res = await w.admin.post(`/api/v1/calls/${past}/publish`);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('closesAt');
    const empty = (await w.admin.post('/api/v1/calls', { ...CALL, quotas: [] })).json().id;
    expect((await w.admin.post(`/api/v1/calls/${empty}/publish`)).statusCode).toBe(400);
  });

  it('an upcoming call takes no applications and cannot be closed; criteria still change after publishing', async () => {
    const id = (await w.admin.post('/api/v1/calls', { ...CALL, opensAt: '2026-12-01T04:00:00Z' })).json().id;
    expect((await w.admin.post(`/api/v1/calls/${id}/publish`)).json().phase).toBe('upcoming');
    const early = await w.owners[0]!.post('/api/v1/applications', { callId: id, ...building(w, 'Lahore') });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/opens on 2026-12-01/);
    expect((await w.admin.post(`/api/v1/calls/${id}/close`)).statusCode).toBe(409);
    const q = await w.admin.request('PUT', `/api/v1/calls/${id}/quotas`, {
      quotas: [{ provinceCode: 'GB', seats: 4 }],
    });
    expect(q.statusCode).toBe(200);
  });

  it('the admin closes an open call early; applications stop and the ranking shows who still waits for evaluations', async () => {
    const id = await openCall(w);
    const appId = await apply(w.owners[0]!, id, building(w, 'Islamabad'));
    t.clock.advance(3600_000);
    const closed = await w.admin.post(`/api/v1/calls/${id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      phase: 'closed',
      closesAt: '2026-11-28T06:00:00.000Z',
    });
    expect((await w.admin.post(`/api/v1/calls/${id}/close`)).statusCode).toBe(409);
    expect(
      (await w.owners[0]!.post('/api/v1/applications', { callId: id, ...building(w, 'Lahore') })).statusCode,
    ).toBe(409);
    expect((await w.admin.patch(`/api/v1/calls/${id}`, { titleEn: 'Too late' })).statusCode).toBe(409);
    const assign = await w.admin.post(`/api/v1/applications/${appId}/assignments`, {
      evaluatorIds: w.evaluatorIds,
    });
    expect(assign.statusCode).toBe(200);
    const ranking = (await w.admin.get(`/api/v1/calls/${id}/ranking`)).json();
    expect(ranking.incomplete).toBe(1);
    expect(ranking.applications[0]).toMatchObject({
      outcome: 'incomplete',
      reason: '0 of 3 evaluations submitted',
    });
  });

  it('only evaluators have an inbox; only admins assign', async () => {
    expect((await w.owners[0]!.get('/api/v1/evaluations')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/evaluations' })).statusCode).toBe(401);
    const any = (await w.admin.get('/api/v1/applications')).json()[0];
    expect(
      (await w.auditor.post(`/api/v1/applications/${any.id}/assignments`, { evaluatorIds: w.evaluatorIds }))
        .statusCode,
    ).toBe(403);
    expect((await w.auditor.get(`/api/v1/applications/${any.id}/assignments`)).statusCode).toBe(200);
  });
});
