import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../modules/audit/index.ts';
import { emailIndex } from '../modules/identity/index.ts';
import { refreshFigures, verifySnapshots } from '../modules/transparency/index.ts';
import { addDays, karachiDate } from '../shared/time.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedDemo } from './seed-demo.ts';

// The whole demo programme, loaded the way `npm start` loads it, must be valid data that the
// public portal reads: a living programme, not an empty shell.
let t: TestApp;
let logins: Awaited<ReturnType<typeof seedDemo>>;
beforeAll(async () => {
  t = await createTestApp();
  logins = await seedDemo(t.deps);
  await refreshFigures(t.deps);
}, 180_000);
afterAll(() => t.close());

type Figure = { key: string; total: number | null; available: boolean };

describe('the demo programme', () => {
  it('has people of every role to log in as', () => {
    const roles = new Set(logins.map((l) => l.role));
    for (const r of ['program_admin', 'auditor', 'evaluator', 'bank_officer', 'owner', 'freelancer'])
      expect(roles).toContain(r);
  });

  it('shows on the portal: applications, shortlisted buildings, operational centres, seats, bookings', async () => {
    const figures = (await t.app.inject({ method: 'GET', url: '/api/v1/public/figures' })).json() as Figure[];
    const value = (key: string) => figures.find((f) => f.key === key)?.total ?? null;
    expect(value('centres.applied')).toBeGreaterThan(0);
    expect(value('centres.shortlisted')).toBeGreaterThan(0);
    expect(value('centres.operational')).toBeGreaterThan(0);
    expect(value('seats.total')).toBeGreaterThan(0);
    expect(value('freelancers.registered')).toBeGreaterThan(0);
    expect(value('loans.disbursed_pkr')).toBeGreaterThan(0);
    expect(value('training.trained')).toBeGreaterThan(0);
    // The startup fund's demo pays grants and foreign money arrives alongside them.
    expect(value('startup.grants_pkr')).toBeGreaterThan(0);
    expect(value('startup.foreign_usd')).toBeGreaterThan(0);
  });

  it('fills the funnel with the open call’s waiting application', async () => {
    const funnel = (await t.app.inject({ method: 'GET', url: '/api/v1/public/funnel' })).json();
    const decision = funnel.stages.find((s: { step: string }) => s.step === 'submitted_awaiting_decision');
    expect(decision.available).toBe(true);
    expect(decision.waiting).toBeGreaterThan(0);
    expect(decision.medianDays).not.toBeNull();
  });

  it('promises show delivery against the first-phase quotas', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/public/promises' })).json();
    const phase = body.items.find(
      (p: { target: number; provinceCode: string | null }) => p.target === 250 && !p.provinceCode,
    );
    expect(phase.delivered).toBeGreaterThan(0);
    expect(['on_track', 'behind', 'open', 'met']).toContain(phase.status);
  });

  it('has training certificates, one of them revoked after its completion was annulled', async () => {
    const certs = await t.deps.db.selectFrom('certificates').select(['revoked_at']).execute();
    expect(certs.length).toBeGreaterThan(1);
    expect(certs.filter((c) => c.revoked_at !== null)).toHaveLength(1);
  });

  it('has two banks attesting part of the freelancers’ earnings, a revoked consent and an explained difference', async () => {
    const banks = await t.deps.db
      .selectFrom('remittance_batches as b')
      .innerJoin('organizations as o', 'o.id', 'b.bank_id')
      .select(['o.code', 'b.source'])
      .execute();
    expect(banks.map((b) => `${b.code}:${b.source}`).sort()).toEqual(['HBL:api', 'NBP:csv']);
    const revoked = await t.deps.db
      .selectFrom('remittance_consents')
      .select('id')
      .where('revoked_at', 'is not', null)
      .execute();
    expect(revoked).toHaveLength(1);
    const explained = await t.deps.db.selectFrom('remittance_explanations').select('text').execute();
    expect(explained).toHaveLength(1);
    const figures = (await t.app.inject({ method: 'GET', url: '/api/v1/public/figures' })).json() as Figure[];
    expect(figures.find((f) => f.key === 'earnings.usd_attested_12m')?.total).toBeGreaterThan(0);
    const table = (await t.app.inject({ method: 'GET', url: '/api/v1/public/earnings-evidence' })).json();
    expect(
      table.rows.some(
        (r: { groupKey: string; attested: number | null }) => r.groupKey === 'PB' && r.attested,
      ),
    ).toBe(true);
  });

  it('leaves a verifiable audit chain and snapshot history', async () => {
    expect((await verifyChain(t.deps)).ok).toBe(true);
    expect((await verifySnapshots(t.deps)).ok).toBe(true);
  });

  it('publishes nothing personal: no CNIC, email or phone in any public output', async () => {
    const pkg = (await t.app.inject({ method: 'GET', url: '/api/v1/open-data/datapackage.json' })).json();
    const calls = (await t.app.inject({ method: 'GET', url: '/api/v1/calls' })).json() as
      | { items?: { id: string }[] }
      | { id: string }[];
    const callIds = (Array.isArray(calls) ? calls : (calls.items ?? [])).map((c) => c.id);
    const urls = [
      '/api/v1/public/figures',
      '/api/v1/public/promises',
      '/api/v1/public/funnel',
      ...pkg.resources.flatMap((r: { name: string }) => [
        `/api/v1/open-data/${r.name}.csv`,
        `/api/v1/open-data/${r.name}.json`,
      ]),
      ...callIds.flatMap((id) => [`/api/v1/calls/${id}`, `/api/v1/calls/${id}/results`]),
    ];
    for (const url of urls) {
      const body = (await t.app.inject({ method: 'GET', url })).body;
      expect(body, url).not.toMatch(/\b\d{5}-\d{7}-\d\b/);
      expect(body, url).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
      expect(body, url).not.toMatch(/(\+92|\b0)3\d{2}[\s-]?\d{7}\b/);
    }
  });

  it('shows the Urdu reader her notices in Urdu, with links and dates of its own time and address', async () => {
    const urdu = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('email_bidx', '=', await emailIndex(t.deps, 'freelancer2@markaz.pk'))
      .executeTakeFirstOrThrow();
    const inbox = await t.deps.db
      .selectFrom('notices')
      .select(['kind', 'locale', 'source_key', 'body_text'])
      .where('user_id', '=', urdu.id)
      .where('channel', '=', 'inbox')
      .execute();
    // Notices from the demo's events (not only the examples queued at the end) reach her too.
    expect(inbox.filter((r) => r.source_key.startsWith('event:')).length).toBeGreaterThan(0);
    for (const r of inbox) expect(r.locale, r.kind).toBe('ur');
    // The examples: the instalment due three days from today, links at the configured address.
    const due = await t.deps.db
      .selectFrom('notices')
      .select(['body_text'])
      .where('source_key', '=', 'demo:due')
      .where('channel', '=', 'inbox')
      .executeTakeFirstOrThrow();
    expect(due.body_text).toContain(addDays(karachiDate(t.clock.now()), 3));
    const mails = await t.deps.db
      .selectFrom('notices')
      .select(['body_text'])
      .where('channel', '=', 'email')
      .execute();
    const base = t.deps.config.publicUrl ?? `http://localhost:${t.deps.config.port}`;
    const signIn = mails.filter((m) => m.body_text.includes('203.0.113.7'));
    expect(signIn.length).toBeGreaterThan(0);
    for (const m of signIn) expect(m.body_text).toContain(`${base}/forgot-password`);
  });
});
