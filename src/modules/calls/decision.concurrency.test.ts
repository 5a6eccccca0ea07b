import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/actor.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createOrganization } from '../identity/index.ts';
import { apply, building, makeWorld, openCall, scoreAll, type World } from './calls.fixtures.ts';

let t: TestApp;
let w: World;
let callId: string;
const ids: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ uploadDir: mkdtempSync(join(tmpdir(), 'markaz-calls-')) });
  w = await makeWorld(t, 4, 4);
  callId = await openCall(w, {
    quotas: [
      { provinceCode: 'PB', seats: 1 },
      { provinceCode: 'SD', seats: 2 },
    ],
  });
  // Owner 0 and evaluator 0 work for the same company: they must never meet.
  const org = await createOrganization(t.deps, systemActor('test'), {
    kind: 'owner_company',
    code: 'SAMECO',
    name: 'Same Co',
  });
  await t.deps.db
    .updateTable('users')
    .set({ organization_id: org.id })
    .where('id', 'in', [w.ownerIds[0]!, w.evaluatorIds[0]!])
    .execute();
  ids.push(await apply(w.owners[0]!, callId, building(w, 'Lahore')));
  ids.push(await apply(w.owners[1]!, callId, building(w, 'Lahore')));
  ids.push(await apply(w.owners[2]!, callId, building(w, 'Karachi')));
  ids.push(await apply(w.owners[3]!, callId, building(w, 'Karachi')));
});
afterAll(() => t.close());

describe('automatic assignment', () => {
  it('balances load, skips the owner’s colleague, and never repeats an evaluator', async () => {
    const res = await w.admin.post(`/api/v1/calls/${callId}/assignments/auto`);
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBe(12);
    const rows = await t.deps.db
      .selectFrom('evaluation_assignments')
      .select(['application_id', 'evaluator_id'])
      .execute();
    expect(rows.filter((r) => r.application_id === ids[0] && r.evaluator_id === w.evaluatorIds[0])).toEqual(
      [],
    );
    const per = new Map<string, number>();
    for (const r of rows) per.set(r.evaluator_id, (per.get(r.evaluator_id) ?? 0) + 1);
    expect([...per.values()].sort()).toEqual([3, 3, 3, 3]);
    const pairs = new Set(rows.map((r) => `${r.application_id}/${r.evaluator_id}`));
    expect(pairs.size).toBe(rows.length);
  });
});

describe('two admins confirming at once', () => {
  it('exactly one decision is made; the other gets 409', async () => {
    await scoreAll(w, ids[0]!, 9);
    await scoreAll(w, ids[1]!, 8);
    await scoreAll(w, ids[2]!, 7);
    await scoreAll(w, ids[3]!, 3);
    t.clock.set('2026-12-16T00:00:00Z');
    await w.relogin();
    // Sindh leaves one seat unfilled; the admin moves it to Punjab with a reason.
    const tooMany = await w.admin.post(`/api/v1/calls/${callId}/quota-releases`, {
      fromProvince: 'SD',
      toProvince: 'PB',
      seats: 2,
      reason: 'Sindh has seats unfilled',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().fields[0].path).toBe('seats');
    const released = await w.admin.post(`/api/v1/calls/${callId}/quota-releases`, {
      fromProvince: 'SD',
      toProvince: 'PB',
      seats: 1,
      reason: 'Sindh has one seat unfilled; Punjab has a passing applicant waiting',
    });
    expect(released.statusCode).toBe(200);
    const pb = released.json().areas.find((a: { key: string }) => a.key === 'PB');
    expect(pb).toMatchObject({ seats: 2, shortlisted: 2 });
    const call = (await w.admin.get(`/api/v1/calls/${callId}`)).json();
    expect(call.releases).toHaveLength(1);
    const audits = async () =>
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', '=', 'call.decided')
          .execute()
      ).length;
    const results = await Promise.all([
      w.admin.post(`/api/v1/calls/${callId}/decision`),
      w.admin.post(`/api/v1/calls/${callId}/decision`),
      w.admin.post(`/api/v1/calls/${callId}/decision`),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    expect(await audits()).toBe(1);
    const statuses = await t.deps.db
      .selectFrom('applications')
      .select(['id', 'status', 'rank'])
      .where('call_id', '=', callId)
      .execute();
    const by = Object.fromEntries(statuses.map((s) => [s.id, `${s.status}:${s.rank}`]));
    expect(by[ids[0]!]).toBe('shortlisted:1');
    expect(by[ids[1]!]).toBe('shortlisted:2');
    expect(by[ids[2]!]).toBe('shortlisted:1');
    expect(by[ids[3]!]).toBe('failed:null');
    const decided = (
      await t.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'application.decided')
        .execute()
    ).length;
    expect(decided).toBe(4);
  });

  it('quota cannot be released after the decision', async () => {
    const res = await w.admin.post(`/api/v1/calls/${callId}/quota-releases`, {
      fromProvince: 'SD',
      toProvince: 'PB',
      seats: 1,
      reason: 'Sindh has one seat unfilled',
    });
    expect(res.statusCode).toBe(409);
  });
});
