import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, makeUser, type TestApp } from '../../testing/test-app.ts';
import { createOrganization } from '../identity/index.ts';
import {
  apply,
  building,
  countRows,
  expectProblemShape,
  makeWorld,
  openCall,
  type World,
} from './calls.fixtures.ts';

let t: TestApp;
let w: World;
let callId: string;
let appA: string; // owner 0's submitted application
let draftB: string; // owner 1's draft
let assignmentOf: string[]; // assignment id per evaluator, for appA

const tables = ['applications', 'calls', 'evaluation_scores', 'appeals', 'evaluation_assignments'] as const;
async function snapshot() {
  const out: Record<string, number> = {};
  for (const tb of tables) out[tb] = await countRows(t, tb);
  const apps = await t.deps.db
    .selectFrom('applications')
    .select(['id', 'status', 'updated_at'])
    .orderBy('id')
    .execute();
  const evals = await t.deps.db
    .selectFrom('evaluation_assignments')
    .select(['id', 'status'])
    .orderBy('id')
    .execute();
  const scores = await t.deps.db
    .selectFrom('evaluation_scores')
    .selectAll()
    .orderBy('assignment_id')
    .execute();
  return JSON.stringify({ out, apps, evals, scores });
}

type Res = Awaited<ReturnType<World['admin']['get']>>;
async function refused(send: () => Promise<Res>, status: number, field?: string) {
  const before = await snapshot();
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expectProblemShape(res);
  if (field) expect(res.json().fields.map((f: { path: string }) => f.path)).toContain(field);
  expect(await snapshot()).toBe(before);
  return res.json() as { code: string; detail: string };
}

beforeAll(async () => {
  t = await createTestApp({ uploadDir: mkdtempSync(join(tmpdir(), 'markaz-calls-')) });
  w = await makeWorld(t, 3, 4);
  callId = await openCall(w, { quotas: [{ provinceCode: 'PB', seats: 2 }] });
  appA = await apply(w.owners[0]!, callId, building(w, 'Lahore'));
  const d = await w.owners[1]!.post('/api/v1/applications', { callId, ...building(w, 'Lahore') });
  draftB = d.json().id;
  await w.admin.post(`/api/v1/applications/${appA}/assignments`, {
    evaluatorIds: w.evaluatorIds.slice(0, 3),
  });
  assignmentOf = [];
  for (const ev of w.evaluators) {
    const inbox = (await ev.get('/api/v1/evaluations')).json();
    assignmentOf.push(inbox[0]?.id);
  }
});
afterAll(() => t.close());

describe('bad input to applications: a clear 4xx and nothing changes', () => {
  it('coordinates in the Arabian Sea', async () => {
    await refused(
      () =>
        w.owners[2]!.post('/api/v1/applications', {
          callId,
          ...building(w, 'Karachi', { latitude: 23.5, longitude: 64.5 }),
        }),
      400,
      'latitude',
    );
    await refused(
      () => w.owners[1]!.patch(`/api/v1/applications/${draftB}`, { latitude: 40.7, longitude: -74 }),
      400,
      'latitude',
    );
  });

  it('a loan above the call’s cap', async () => {
    const p = await refused(
      () =>
        w.owners[2]!.post('/api/v1/applications', {
          callId,
          ...building(w, 'Karachi', { loanRequestedMinor: 1_000_000_001 }),
        }),
      400,
      'loanRequestedMinor',
    );
    expect(p.detail).toMatch(/Rs 10,000,000.00/);
  });

  it('a city outside the chosen province, and fields of the wrong type', async () => {
    await refused(
      () =>
        w.owners[2]!.post('/api/v1/applications', {
          callId,
          ...building(w, 'Karachi', { provinceCode: 'PB' }),
        }),
      400,
      'cityId',
    );
    await refused(
      () =>
        w.owners[2]!.post('/api/v1/applications', { callId, ...building(w, 'Karachi', { hotDesks: -1 }) }),
      400,
      'hotDesks',
    );
    await refused(
      () =>
        w.owners[2]!.post('/api/v1/applications', {
          callId,
          ...building(w, 'Karachi', { provinceCode: 'XX' }),
        }),
      400,
      'provinceCode',
    );
  });

  it('a second application for the same building in the same call', async () => {
    const a = await t.deps.db
      .selectFrom('applications')
      .select('address')
      .where('id', '=', appA)
      .executeTakeFirstOrThrow();
    const p = await refused(
      () =>
        w.owners[2]!.post('/api/v1/applications', {
          callId,
          ...building(w, 'Lahore'),
          address: `  ${a.address.toUpperCase()}. `,
        }),
      409,
      'address',
    );
    expect(p.code).toBe('already_exists');
  });

  it('an owner reading, editing or submitting another owner’s application gets 404', async () => {
    await refused(() => w.owners[1]!.get(`/api/v1/applications/${appA}`), 404);
    await refused(() => w.owners[0]!.patch(`/api/v1/applications/${draftB}`, { hotDesks: 99 }), 404);
    await refused(() => w.owners[0]!.post(`/api/v1/applications/${draftB}/submit`), 404);
    await refused(() => w.evaluators[3]!.get(`/api/v1/applications/${appA}`), 404);
    await refused(() => t.app.inject({ url: `/api/v1/applications/${appA}` }), 401);
  });

  it('only owners apply, only admins run calls', async () => {
    await refused(
      () => w.evaluators[0]!.post('/api/v1/applications', { callId, ...building(w, 'Karachi') }),
      403,
    );
    await refused(() => w.auditor.post(`/api/v1/calls/${callId}/close`), 403);
    await refused(() => w.owners[0]!.post(`/api/v1/calls/${callId}/assignments/auto`), 403);
    await refused(() => w.owners[0]!.post(`/api/v1/calls/${callId}/decision`), 403);
  });
});

describe('bad input to evaluation: a clear 4xx and nothing changes', () => {
  const scores = (s: number) => ({
    scores: [
      { criterionKey: 'covered_area', score: 5, comment: '' },
      { criterionKey: 'seats_offered', score: 5, comment: '' },
      { criterionKey: 'internet_bandwidth', score: s, comment: 'too high' },
    ],
  });

  it('scoring without declaring a conflict of interest', async () => {
    const p = await refused(
      () => w.evaluators[0]!.request('PUT', `/api/v1/evaluations/${assignmentOf[0]}/scores`, scores(5)),
      409,
    );
    expect(p.detail).toMatch(/conflict of interest/);
  });

  it('scoring someone else’s assignment', async () => {
    await refused(
      () => w.evaluators[1]!.request('PUT', `/api/v1/evaluations/${assignmentOf[0]}/scores`, scores(5)),
      404,
    );
    await refused(
      () =>
        w.evaluators[3]!.post(`/api/v1/evaluations/${assignmentOf[0]}/declaration`, { hasConflict: false }),
      404,
    );
    await refused(
      () => w.owners[0]!.request('PUT', `/api/v1/evaluations/${assignmentOf[0]}/scores`, scores(5)),
      403,
    );
  });

  it('a score above the maximum names the field path', async () => {
    await w.evaluators[0]!.post(`/api/v1/evaluations/${assignmentOf[0]}/declaration`, { hasConflict: false });
    await refused(
      () => w.evaluators[0]!.request('PUT', `/api/v1/evaluations/${assignmentOf[0]}/scores`, scores(11)),
      400,
      'scores.2.score',
    );
    await refused(
      () => w.evaluators[0]!.request('PUT', `/api/v1/evaluations/${assignmentOf[0]}/scores`, scores(-1)),
      400,
      'scores.2.score',
    );
    await refused(
      () =>
        w.evaluators[0]!.request('PUT', `/api/v1/evaluations/${assignmentOf[0]}/scores`, {
          scores: [{ criterionKey: 'charm', score: 1, comment: '' }],
        }),
      400,
      'scores.0.criterionKey',
    );
  });

  it('assigning an evaluator from the owner’s own organisation, or a non-evaluator', async () => {
    await refused(
      () => w.admin.post(`/api/v1/applications/${appA}/assignments`, { evaluatorIds: [w.ownerIds[1]] }),
      400,
      'evaluatorIds.0',
    );
    const org = await createOrganization(t.deps, systemActor('test'), {
      kind: 'owner_company',
      code: 'ACME',
      name: 'Acme Estates',
    });
    await t.deps.db
      .updateTable('users')
      .set({ organization_id: org.id })
      .where('id', '=', w.ownerIds[0]!)
      .execute();
    const colleague = await makeUser(t.deps, 'evaluator', { organizationId: org.id });
    const p = await refused(
      () => w.admin.post(`/api/v1/applications/${appA}/assignments`, { evaluatorIds: [colleague.id] }),
      400,
      'evaluatorIds.0',
    );
    expect(p.detail).toMatch(/own organisation/);
    await refused(
      () => w.admin.post(`/api/v1/applications/${draftB}/assignments`, { evaluatorIds: [w.evaluatorIds[3]] }),
      409,
    );
    await refused(
      () => w.admin.post(`/api/v1/applications/${appA}/assignments`, { evaluatorIds: [w.evaluatorIds[3]] }),
      409,
    );
  });
});

describe('the call’s rules and dates', () => {
  it('criteria and quotas cannot change after the first submission', async () => {
    const p = await refused(
      () =>
        w.admin.request('PUT', `/api/v1/calls/${callId}/criteria`, {
          criteria: [{ key: 'only', labelEn: 'Only', labelUr: 'صرف', weight: 1, maxScore: 1 }],
        }),
      409,
    );
    expect(p.code).toBe('invalid_state');
    expect(p.detail).toMatch(/frozen/);
  });

  it('bad call definitions are refused with field paths', async () => {
    const base = {
      titleEn: 'x',
      titleUr: 'y',
      opensAt: '2026-12-01T00:00:00Z',
      closesAt: '2026-12-20T00:00:00Z',
    };
    await refused(
      () => w.admin.post('/api/v1/calls', { ...base, closesAt: '2026-11-01T00:00:00Z' }),
      400,
      'closesAt',
    );
    await refused(
      () =>
        w.admin.post('/api/v1/calls', {
          ...base,
          quotas: [
            { provinceCode: 'PB', seats: 1 },
            { provinceCode: 'PB', seats: 2 },
          ],
        }),
      400,
      'quotas.1',
    );
    await refused(
      () =>
        w.admin.post('/api/v1/calls', {
          ...base,
          criteria: [
            { key: 'a', labelEn: 'A', labelUr: 'A', weight: 1, maxScore: 1 },
            { key: 'a', labelEn: 'A', labelUr: 'A', weight: 1, maxScore: 1 },
          ],
        }),
      400,
      'criteria.1.key',
    );
    await refused(() => w.admin.post('/api/v1/calls', { ...base, opensAt: 'tomorrow' }), 400, 'opensAt');
  });

  it('after the closing date: no new application, no submission, no upload', async () => {
    t.clock.set('2026-12-15T12:00:00Z');
    await w.relogin();
    const p = await refused(
      () => w.owners[2]!.post('/api/v1/applications', { callId, ...building(w, 'Karachi') }),
      409,
    );
    expect(p.detail).toMatch(/closed on 2026-12-15T12:00:00.000Z/);
    await refused(() => w.owners[1]!.post(`/api/v1/applications/${draftB}/submit`), 409);
    await refused(() => w.owners[1]!.patch(`/api/v1/applications/${draftB}`, { hotDesks: 3 }), 409);
    expect((await t.app.inject({ url: `/api/v1/calls/${callId}` })).json().phase).toBe('closed');
  });

  it('an appeal before any decision, and a decision with evaluations missing', async () => {
    await refused(
      () => w.owners[0]!.post(`/api/v1/applications/${appA}/appeal`, { text: 'I want to appeal this now' }),
      409,
    );
    const p = await refused(() => w.admin.post(`/api/v1/calls/${callId}/decision`), 409);
    expect(p.detail).toMatch(/wait for evaluations/);
    const results = await refused(() => t.app.inject({ url: `/api/v1/calls/${callId}/results` }), 409);
    expect(results.code).toBe('invalid_state');
  });
});
