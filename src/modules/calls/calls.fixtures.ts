import type { TestApp } from '../../testing/test-app.ts';
import { type Client, loginClient, makeUser } from '../../testing/test-app.ts';

/** Shared set-up for the calls area's module tests: people, a city, a call, applications. */
export type World = {
  admin: Client;
  auditor: Client;
  owners: Client[];
  ownerIds: string[];
  evaluators: Client[];
  evaluatorIds: string[];
  evaluatorEmails: string[];
  cities: Record<string, { id: number; provinceCode: string; lat: number; lng: number }>;
  /** Logs everyone in again: sessions expire when a test moves the clock weeks ahead. */
  relogin(): Promise<void>;
};

export async function makeWorld(t: TestApp, owners = 2, evaluators = 3): Promise<World> {
  const admin = await makeUser(t.deps, 'program_admin');
  const auditor = await makeUser(t.deps, 'auditor');
  const o: Awaited<ReturnType<typeof makeUser>>[] = [];
  for (let i = 0; i < owners; i++) o.push(await makeUser(t.deps, 'owner'));
  const e: Awaited<ReturnType<typeof makeUser>>[] = [];
  for (let i = 0; i < evaluators; i++) e.push(await makeUser(t.deps, 'evaluator'));
  const cities: World['cities'] = {};
  for (const [name, lat, lng] of [
    ['Lahore', 31.5204, 74.3587],
    ['Karachi', 24.8607, 67.0011],
    ['Peshawar', 34.0151, 71.5249],
    ['Islamabad', 33.6844, 73.0479],
  ] as const) {
    const c = await t.deps.db
      .selectFrom('cities')
      .select(['id', 'province_code'])
      .where('name_en', '=', name)
      .executeTakeFirstOrThrow();
    cities[name] = { id: c.id, provinceCode: c.province_code, lat, lng };
  }
  const world: World = {
    admin: await loginClient(t.app, admin.email),
    auditor: await loginClient(t.app, auditor.email),
    owners: await Promise.all(o.map((u) => loginClient(t.app, u.email))),
    ownerIds: o.map((u) => u.id),
    evaluators: await Promise.all(e.map((u) => loginClient(t.app, u.email))),
    evaluatorIds: e.map((u) => u.id),
    cities,
    relogin: async () => {
      world.admin = await loginClient(t.app, admin.email);
      world.auditor = await loginClient(t.app, auditor.email);
      world.owners = await Promise.all(o.map((u) => loginClient(t.app, u.email)));
      world.evaluators = await Promise.all(world.evaluatorEmails.map((m) => loginClient(t.app, m)));
    },
    evaluatorEmails: e.map((u) => u.email),
  };
  return world;
}

export const CALL = {
  titleEn: 'Test call',
  titleUr: 'آزمائشی اعلان',
  opensAt: '2026-11-27T04:00:00Z',
  closesAt: '2026-12-15T12:00:00Z',
};

/** A published call open on the test clock (2026-11-28), with small quotas unless given. */
export async function openCall(w: World, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await w.admin.post('/api/v1/calls', { ...CALL, ...extra });
  if (res.statusCode !== 201) throw new Error(`create call: ${res.body}`);
  const id = res.json().id as string;
  const pub = await w.admin.post(`/api/v1/calls/${id}/publish`);
  if (pub.statusCode !== 200) throw new Error(`publish: ${pub.body}`);
  return id;
}

let n = 0;
export function building(
  w: World,
  city: keyof World['cities'] & string,
  extra: Record<string, unknown> = {},
) {
  const c = w.cities[city]!;
  n++;
  return {
    buildingName: `Tower ${n}`,
    address: `${n} Main Boulevard, ${city}`,
    provinceCode: c.provinceCode,
    cityId: c.id,
    latitude: c.lat,
    longitude: c.lng,
    coveredAreaSqft: 5000,
    hotDesks: 40,
    cabins: 4,
    meetingRooms: 1,
    trainingRooms: 1,
    internetMbps: 200,
    internetProvider: 'PTCL',
    fibre: true,
    backupKva: 30,
    backupHours: 8,
    facilities: ['ups', 'prayer room'],
    readinessDate: '2027-02-01',
    loanRequestedMinor: 500_000_000,
    ...extra,
  };
}

/** Creates and submits an application; returns its id. */
export async function apply(owner: Client, callId: string, body: Record<string, unknown>): Promise<string> {
  const res = await owner.post('/api/v1/applications', { callId, ...body });
  if (res.statusCode !== 201) throw new Error(`apply: ${res.body}`);
  const id = res.json().id as string;
  const sub = await owner.post(`/api/v1/applications/${id}/submit`);
  if (sub.statusCode !== 200) throw new Error(`submit: ${sub.body}`);
  return id;
}

/** Each evaluator declares no conflict and scores every criterion with `score` (or a function), then submits. */
export async function scoreAll(
  w: World,
  appId: string,
  score: number | ((criterion: string, evaluator: number) => number),
): Promise<void> {
  for (const [i, ev] of w.evaluators.entries()) {
    const inbox = (await ev.get('/api/v1/evaluations')).json() as {
      id: string;
      applicationId: string;
      status: string;
    }[];
    const a = inbox.find((x) => x.applicationId === appId);
    if (!a || a.status === 'submitted' || a.status === 'recused') continue;
    await ev.post(`/api/v1/evaluations/${a.id}/declaration`, { hasConflict: false });
    const detail = (await ev.get(`/api/v1/evaluations/${a.id}`)).json();
    const scores = (detail.criteria as { key: string }[]).map((c) => ({
      criterionKey: c.key,
      score: typeof score === 'number' ? score : score(c.key, i),
      comment: 'ok',
    }));
    const s = await ev.request('PUT', `/api/v1/evaluations/${a.id}/scores`, { scores });
    if (s.statusCode !== 200) throw new Error(`scores: ${s.body}`);
    const sub = await ev.post(`/api/v1/evaluations/${a.id}/submit`);
    if (sub.statusCode !== 200) throw new Error(`submit evaluation: ${sub.body}`);
  }
}

export async function countRows(
  t: TestApp,
  table:
    | 'applications'
    | 'calls'
    | 'evaluation_scores'
    | 'appeals'
    | 'application_documents'
    | 'evaluation_assignments'
    | 'audit_log',
) {
  const { c } = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('c'))
    .executeTakeFirstOrThrow();
  return Number(c);
}

export function expectProblemShape(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): { status: number };
}) {
  if (!String(res.headers['content-type']).includes('application/problem+json'))
    throw new Error(`not problem+json: ${res.statusCode}`);
  if (res.json().status !== res.statusCode) throw new Error('status mismatch');
}
