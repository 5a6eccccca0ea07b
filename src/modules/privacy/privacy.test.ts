import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvents } from '../../platform/events/index.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { contactsOf } from '../identity/index.ts';
import { EXPORTS_PER_DAY } from './export.service.ts';
import { retentionLines } from './privacy.cli.ts';
import { runRetention } from './retention.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('downloading everything Markaz holds about me', () => {
  it('gives JSON with every area’s part and the person’s contacts in clear, a PDF in English and Urdu, audited and limited', async () => {
    const me = await makeUser(t.deps, 'freelancer');
    const other = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, me.email);
    const res = await c.get('/api/v1/me/data-export.json');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.userId).toBe(me.id);
    const account = data.sections.find((s: { section: string }) => s.section === 'account');
    expect(account.rows[0]).toMatchObject({
      email: me.email,
      mobile: me.mobile,
      cnic: me.cnic,
      name: me.name,
    });
    const keys = data.sections.map((s: { section: string }) => s.section);
    for (const k of [
      'sessions',
      'bookings',
      'freelancer_profile',
      'training',
      'loans',
      'notices',
      'data_access',
    ])
      expect(keys).toContain(k);
    // Nobody else's data.
    expect(res.body).not.toContain(other.email);
    expect(res.body).not.toContain(other.cnic!);

    for (const lang of ['en', 'ur']) {
      const pdf = await c.get(`/api/v1/me/data-export.pdf?lang=${lang}`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const bad = await c.get('/api/v1/me/data-export.pdf?lang=fr');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('lang');

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', me.id)
      .where('action', '=', 'privacy.exported')
      .execute();
    expect(audit).toHaveLength(3);
    for (let i = 3; i < EXPORTS_PER_DAY; i++)
      expect((await c.get('/api/v1/me/data-export.json')).statusCode).toBe(200);
    const limited = await c.get('/api/v1/me/data-export.json');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeTruthy();

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/data-export.json' })).statusCode).toBe(401);
  });
});

describe('asking to correct my data', () => {
  it('refuses bad input naming the field, and changes nothing until staff approve; the person is told', async () => {
    const me = await makeUser(t.deps, 'freelancer');
    const other = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, me.email);
    const fields = (await c.get('/api/v1/me/correctable-fields')).json();
    expect(fields.items.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['name', 'cnic', 'date_of_birth', 'district', 'home_city']),
    );
    expect(fields.items.find((f: { field: string }) => f.field === 'cnic').current).toBe(me.cnic);

    for (const [body, field] of [
      [{ field: 'shoe_size', value: '9', reason: 'it is wrong' }, 'field'],
      [{ field: 'cnic', value: '123', reason: 'it is wrong' }, 'value'],
      [{ field: 'cnic', value: '35202-7777777-1', reason: 'no' }, 'reason'],
      [{ field: 'name', value: me.name, reason: 'it is wrong' }, 'value'],
    ] as const) {
      const r = await c.post('/api/v1/me/corrections', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().errors?.[0]?.path ?? r.body).toContain(field);
    }
    expect((await c.get('/api/v1/me/corrections')).json().items).toEqual([]);

    const asked = await c.post('/api/v1/me/corrections', {
      field: 'cnic',
      value: '35202 7777777 1',
      reason: 'One digit was typed wrong at registration',
      evidence: 'CNIC copy at the centre desk',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', requested: '35202-7777777-1' });
    expect(
      (
        await c.post('/api/v1/me/corrections', {
          field: 'cnic',
          value: '35202-7777777-2',
          reason: 'again please',
        })
      ).statusCode,
    ).toBe(409);
    // The value asked for is sealed at rest.
    const raw = await t.deps.db
      .selectFrom('correction_requests')
      .select('requested')
      .where('id', '=', asked.json().id)
      .executeTakeFirstOrThrow();
    expect(raw.requested).not.toContain('7777777');

    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    expect((await c.get('/api/v1/corrections')).statusCode).toBe(403);
    const queue = (await admin.get('/api/v1/corrections?status=pending')).json();
    const mine = queue.items.find((r: { id: string }) => r.id === asked.json().id);
    expect(mine.requested).toBe('35202-*****77-1');
    expect((await admin.get(`/api/v1/corrections/${mine.id}`)).statusCode).toBe(400);
    const full = await admin.get(`/api/v1/corrections/${mine.id}?purpose=complaint`);
    expect(full.json()).toMatchObject({ requested: '35202-7777777-1', current: me.cnic });
    const looked = (await c.get('/api/v1/me/data-access')).json();
    expect(looked.items[0]).toMatchObject({ purpose: 'complaint', fields: ['cnic'] });

    const noReason = await admin.post(`/api/v1/corrections/${mine.id}/decision`, {
      decision: 'approved',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('reason');
    const ok = await admin.post(`/api/v1/corrections/${mine.id}/decision`, {
      decision: 'approved',
      reason: 'Matches the CNIC copy',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await contactsOf(t.deps, [me.id])).get(me.id)!.cnic).toBe('35202-7777777-1');
    expect(
      (await admin.post(`/api/v1/corrections/${mine.id}/decision`, { decision: 'rejected', reason: 'twice' }))
        .statusCode,
    ).toBe(409);
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.correction_approved')
      .where('entity_id', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(entry.before_digest).not.toBe(entry.after_digest);

    // A CNIC already someone else's is refused at approval, and the request stays pending.
    const c2 = await c.post('/api/v1/me/corrections', {
      field: 'cnic',
      value: other.cnic!,
      reason: 'Trying another one',
    });
    expect(c2.statusCode).toBe(201);
    const clash = await admin.post(`/api/v1/corrections/${c2.json().id}/decision`, {
      decision: 'approved',
      reason: 'Looks right',
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('another account');
    expect(
      (await c.get('/api/v1/me/corrections')).json().items.find((r: { id: string }) => r.id === c2.json().id)
        .status,
    ).toBe('pending');
    const no = await admin.post(`/api/v1/corrections/${c2.json().id}/decision`, {
      decision: 'rejected',
      reason: 'That CNIC belongs to someone else',
    });
    expect(no.statusCode).toBe(200);

    // A request not yet decided can be withdrawn by the person, and only by them.
    const third = await c.post('/api/v1/me/corrections', {
      field: 'name',
      value: 'Another Name',
      reason: 'Trying it out',
    });
    expect(third.statusCode).toBe(201);
    const stranger = await loginClient(t.app, other.email);
    expect((await stranger.post(`/api/v1/me/corrections/${third.json().id}/withdraw`)).statusCode).toBe(404);
    const withdrawn = await c.post(`/api/v1/me/corrections/${third.json().id}/withdraw`);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await c.post(`/api/v1/me/corrections/${third.json().id}/withdraw`)).statusCode).toBe(409);
    expect(
      (
        await admin.post(`/api/v1/corrections/${third.json().id}/decision`, {
          decision: 'approved',
          reason: 'Looks right',
        })
      ).statusCode,
    ).toBe(409);

    await dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
    const inbox = (await c.get('/api/v1/notifications/inbox')).json();
    const kinds = inbox.items.map((n: { kind: string }) => n.kind);
    expect(kinds.filter((k: string) => k === 'privacy.correction_decided')).toHaveLength(2);
  });
});

describe('closing an account: password guesses', () => {
  it('allows a few tries an hour, then answers 429 without checking the password', async () => {
    const me = await makeUser(t.deps, 'freelancer');
    const c = await loginClient(t.app, me.email);
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/v1/me/closure', { password: `guess-${i}` });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain('password');
    }
    const limited = await c.post('/api/v1/me/closure', { password: 'correct-horse-battery' });
    expect(limited.statusCode).toBe(429);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });
});

describe('retention', () => {
  it('counts in a dry run, deletes in a real one, and periods are settings staff change', async () => {
    const admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const list = (await admin.get('/api/v1/retention')).json();
    expect(list.items.map((s: { kind: string }) => s.kind)).toEqual(
      expect.arrayContaining([
        'one_time_tokens',
        'unconfirmed_registrations',
        'data_access_log',
        'old_notices',
      ]),
    );
    const bad = await admin.request('PUT', '/api/v1/retention/old_notices', { days: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('days');
    expect((await admin.request('PUT', '/api/v1/retention/nothing', { days: 5 })).statusCode).toBe(400);
    // Below a kind's floor is refused: one admin cannot wipe the record of who looked at whom.
    const wipe = await admin.request('PUT', '/api/v1/retention/data_access_log', { days: 1 });
    expect(wipe.statusCode).toBe(400);
    expect(wipe.body).toContain('days');
    expect((await admin.request('PUT', '/api/v1/retention/old_notices', { days: 30 })).statusCode).toBe(400);
    const set = await admin.request('PUT', '/api/v1/retention/old_notices', { days: 100 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ kind: 'old_notices', days: 100, defaultDays: 365, minDays: 90 });

    const u = await makeUser(t.deps, 'freelancer');
    const base = {
      channel: 'inbox' as const,
      locale: 'en' as const,
      subject: 's',
      body_text: 't',
      body_html: null,
      link: null,
      mandatory: false,
      sms_segments: null,
      next_attempt_at: t.clock.now(),
      last_error: null,
      transport: null,
      provider_ref: null,
      sent_at: null,
      read_at: null,
      address: null,
    };
    await t.deps.db
      .insertInto('notices')
      .values([
        {
          ...base,
          id: 'old-sent',
          source_key: 'r1',
          kind: 'booking.confirmed',
          user_id: u.id,
          status: 'sent',
          created_at: new Date(t.clock.now().getTime() - 120 * 86_400_000),
        },
        {
          ...base,
          id: 'old-pending',
          source_key: 'r2',
          kind: 'booking.confirmed',
          user_id: u.id,
          status: 'pending',
          created_at: new Date(t.clock.now().getTime() - 120 * 86_400_000),
        },
        {
          ...base,
          id: 'new-sent',
          source_key: 'r3',
          kind: 'booking.confirmed',
          user_id: u.id,
          status: 'sent',
          created_at: t.clock.now(),
        },
      ])
      .execute();
    const dry = await runRetention(t.deps, { dryRun: true });
    expect(dry.find((r) => r.kind === 'old_notices')).toMatchObject({ days: 100, rows: 1 });
    const printed = retentionLines(dry, true);
    expect(printed.find((l) => l.startsWith('old_notices'))).toMatch(
      /kept +100 days .*: 1 would be deleted$/,
    );
    expect(printed.at(-1)).toBe('Dry run: nothing was deleted.');
    const ids = async () =>
      (await t.deps.db.selectFrom('notices').select('id').where('user_id', '=', u.id).execute())
        .map((r) => r.id)
        .sort();
    expect(await ids()).toEqual(['new-sent', 'old-pending', 'old-sent']);
    const real = await runRetention(t.deps, { dryRun: false });
    expect(real.find((r) => r.kind === 'old_notices')!.rows).toBe(1);
    expect(await ids()).toEqual(['new-sent', 'old-pending']);
  });
});
