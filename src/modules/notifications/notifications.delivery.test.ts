import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendDirectMessage } from '../../platform/direct-message.ts';
import { dispatchEvents, emitEvent } from '../../platform/events/index.ts';
import { createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { applicationDecided } from '../calls/index.ts';
import { deliverNotices } from './deliver.service.ts';
import { EVENT_KINDS } from './kinds.ts';
import { queueNotices } from './queue.service.ts';
import { queueDailyNotices } from './scheduled.job.ts';
import { gatewayFields, startSmsGateway, startSmtpPeer } from './testing/peers.ts';
import { closeSmtpPools } from './transports.ts';

// Every kind through a real SMTP server and a loopback SMS gateway; the crash between sending and
// marking; retries, dead letters and delivery reports.

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let gw: Awaited<ReturnType<typeof startSmsGateway>>;
const CALLBACK_TOKEN = 'callback-token-0123456789';

beforeAll(async () => {
  smtp = await startSmtpPeer();
  gw = await startSmsGateway({ key: 'gw-key' });
  t = await createTestApp({
    smtpUrl: smtp.url,
    sms: {
      url: gw.url,
      key: 'gw-key',
      format: 'json',
      fields: gatewayFields,
      keyHeader: undefined,
      sender: 'MARKAZ',
    },
    smsCallbackToken: CALLBACK_TOKEN,
    publicUrl: 'https://markaz.test',
  });
});
afterAll(async () => {
  closeSmtpPools();
  await t.close();
  await smtp.close();
  await gw.close();
});
beforeEach(() => t.clock.set('2026-11-28T05:00:00Z')); // 10:00 in Karachi

/** A header as it arrived (mailparser folds List-* headers into a structure). */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');

const rowsFor = (userId: string) =>
  t.deps.db.selectFrom('notices').selectAll().where('user_id', '=', userId).orderBy('channel').execute();

describe('an event becomes an inbox notice, an email and an SMS', () => {
  it('application.decided reaches the owner on every channel, once, in their language', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const appId = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
    await t.deps.db.transaction().execute((trx) =>
      emitEvent(trx, t.deps, applicationDecided, {
        applicationId: appId,
        callId: '1b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
        reference: 'APP-2026-0042',
        ownerId: owner.id,
        outcome: 'shortlisted',
        rank: 3,
      }),
    );
    await dispatchEvents(t.deps, t.deps.areas.handlers);
    await dispatchEvents(t.deps, t.deps.areas.handlers); // a second pass adds nothing
    const res = await deliverNotices(t.deps);
    expect(res).toMatchObject({ sent: 2, dead: 0 });

    const rows = await rowsFor(owner.id);
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['email', 'sent'],
      ['inbox', 'sent'],
      ['sms', 'sent'],
    ]);
    const email = rows.find((r) => r.channel === 'email')!;
    const mail = smtp.messages.get(`<${email.id}@notices.markaz.gov.pk>`)!;
    expect(mail.subject).toBe('Application APP-2026-0042: shortlisted');
    expect(mail.text).toContain('APP-2026-0042');
    expect(mail.text).toContain(`https://markaz.test/applications/${appId}`);
    expect(mail.html).toContain(`href="https://markaz.test/applications/${appId}"`);
    const unsub = header(mail, 'list-unsubscribe')!;
    expect(unsub).toMatch(
      /^<https:\/\/markaz\.test\/unsubscribe\?u=.+&k=application\.decided&c=email&t=.+>$/,
    );
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    const sms = gw.messages.get(rows.find((r) => r.channel === 'sms')!.id)!;
    expect(sms).toMatchObject({ to: expect.stringMatching(/^92300\d{7}$/), sender: 'MARKAZ', key: 'gw-key' });
    expect(sms.text).toContain('APP-2026-0042');
    expect(rows.find((r) => r.channel === 'sms')!.provider_ref).toMatch(/^gw-/);

    // Opening the link (a person, a scanner's prefetch) is the web page that asks: nothing changes.
    const path = unsub.slice(1, -1).replace('https://markaz.test', '');
    const opened = await t.app.inject({ method: 'GET', url: path });
    expect(opened.statusCode).not.toBe(500);
    expect(
      await t.deps.db.selectFrom('notice_preferences').selectAll().where('user_id', '=', owner.id).execute(),
    ).toEqual([]);
    // The one-click unsubscribe from the header, as a mail client posts it: no login, a form body.

    const off = await t.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(off.statusCode).toBe(200);
    const prefs = await t.deps.db
      .selectFrom('notice_preferences')
      .selectAll()
      .where('user_id', '=', owner.id)
      .execute();
    expect(prefs).toMatchObject([{ kind: 'application.decided', channel: 'email', enabled: false }]);
    const forged = await t.app.inject({
      method: 'POST',
      url: path.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAA'),
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect(forged.json().fields[0].path).toBe('t');
  });

  it('every kind renders in English and Urdu through both peers; money notices carry no unsubscribe', async () => {
    const en = await makeUser(t.deps, 'owner');
    const ur = await makeUser(t.deps, 'freelancer');
    await t.deps.db.updateTable('users').set({ locale: 'ur' }).where('id', '=', ur.id).execute();
    const params = {
      reference: 'APP-1',
      outcome: 'not_selected',
      number: '4',
      dueDate: '2026-12-01',
      amount: 'Rs 25,000',
      days: '7',
      centre: 'Arfa Tower',
      centre_ur: 'ارفع ٹاور',
      start: '2026-11-28 11:00',
      refund: 'yes',
      km: '4',
      day: '2026-11-28',
      arrears: '2',
      deadNotices: '0',
      deadEvents: '0',
      missingReports: '1',
      deadline: '2026-12-14',
      tenor: '24',
      firstDate: '2027-01-10',
      total: 'Rs 50,000',
      date: '2026-11-27',
      passed: 'no',
      mbps: '40',
      seats: '30',
      month: '2026-10',
      more: '3',
      until: '11:30',
      quarter: '2026-Q3',
      status: 'approved',
      claimed: 'Rs 10,000',
      approved: 'Rs 10,000',
      state: 'soon',
      lateCases: '0',
    };
    // Opt in to the reminder's SMS so that every channel of every kind is exercised.
    for (const u of [en, ur])
      await t.deps.db
        .insertInto('notice_preferences')
        .values({
          user_id: u.id,
          kind: 'booking.reminder',
          channel: 'sms',
          enabled: true,
          updated_at: new Date(),
        })
        .execute();
    await t.deps.db.transaction().execute((trx) =>
      queueNotices(
        trx,
        t.deps,
        EVENT_KINDS.flatMap((kind) =>
          [en, ur].map((u) => ({
            sourceKey: `kinds:${kind}`,
            kind,
            userId: u.id,
            params,
            link: '/dashboard',
          })),
        ),
      ),
    );
    await deliverNotices(t.deps, { limit: 10_000 });
    // More kinds than the hourly limit per person: the rest go out in the next hours.
    for (const hours of [1, 2, 3]) {
      t.clock.set(new Date(Date.parse('2026-11-28T05:00:00Z') + hours * 3600_000).toISOString());
      await deliverNotices(t.deps, { limit: 10_000 });
    }
    for (const u of [en, ur]) {
      const rows = await rowsFor(u.id);
      for (const r of rows.filter((x) => x.channel !== 'inbox')) {
        expect(r.status, `${r.kind} ${r.channel}`).toBe('sent');
        if (r.channel === 'email') {
          const mail = smtp.messages.get(`<${r.id}@notices.markaz.gov.pk>`)!;
          expect(mail.subject).toBe(r.subject);
          expect(mail.text).toBeTruthy();
          expect(mail.html).toContain(u === ur ? 'dir="rtl"' : 'dir="ltr"');
          expect(Boolean(header(mail, 'list-unsubscribe')), r.kind).toBe(!r.mandatory);
        } else {
          expect(gw.messages.get(r.id)!.text).toBe(r.body_text);
          expect(r.sms_segments).toBe(1);
        }
        if (u === ur) expect(r.subject).toMatch(/[\u0600-\u06FF]/);
      }
    }
  });
});

describe('delivery', () => {
  it('a crash between sending and marking resends with the same ids; the peers keep one copy', async () => {
    const owner = await makeUser(t.deps, 'owner');
    await t.deps.db.transaction().execute((trx) =>
      queueNotices(trx, t.deps, [
        {
          sourceKey: 'crash:1',
          kind: 'application.decided',
          userId: owner.id,
          params: { reference: 'X-1', outcome: 'failed' },
          link: null,
        },
      ]),
    );
    const smtpBefore = smtp.received;
    const gwBefore = gw.received;
    const mailsBefore = smtp.arrivals.length;
    const smsBefore = gw.arrivals.length;
    await expect(
      deliverNotices(t.deps, {
        beforeMark: () => {
          throw new Error('process killed');
        },
      }),
    ).rejects.toThrow('process killed');
    expect(smtp.received - smtpBefore).toBe(1);
    expect((await rowsFor(owner.id)).filter((r) => r.status === 'sending')).toHaveLength(2);

    // Another process finds the lease expired and sends again.
    t.clock.advance(121_000);
    expect(await deliverNotices(t.deps)).toMatchObject({ sent: 2 });
    const rows = await rowsFor(owner.id);
    expect(smtp.received - smtpBefore).toBe(2);
    expect(gw.received - gwBefore).toBe(2);
    const email = rows.find((r) => r.channel === 'email')!;
    const sms = rows.find((r) => r.channel === 'sms')!;
    // Every arrival, repeats too: the resend carries the same stable id as the first copy, so the
    // mailbox and the gateway each keep one.
    const mails = smtp.arrivals.slice(mailsBefore).map((m) => m.messageId);
    expect(mails).toEqual([`<${email.id}@notices.markaz.gov.pk>`, `<${email.id}@notices.markaz.gov.pk>`]);
    expect(gw.arrivals.slice(smsBefore).map((m) => m.ref)).toEqual([sms.id, sms.id]);
    expect([...smtp.messages.keys()].filter((k) => k === `<${email.id}@notices.markaz.gov.pk>`)).toHaveLength(
      1,
    );
    expect([...gw.messages.values()].filter((m) => m.ref === sms.id)).toHaveLength(1);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('temporary failures are retried with back-off; a refusal ends dead with its reason; staff retry it', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const admin = await makeUser(t.deps, 'program_admin');
    await t.deps.db.transaction().execute((trx) =>
      queueNotices(trx, t.deps, [
        {
          sourceKey: 'fail:1',
          kind: 'application.decided',
          userId: owner.id,
          params: { reference: 'F-1', outcome: 'failed' },
          link: null,
        },
      ]),
    );
    smtp.refuse(1);
    gw.failWith(400);
    expect(await deliverNotices(t.deps)).toMatchObject({ sent: 0, failed: 1, dead: 1 });
    let rows = await rowsFor(owner.id);
    const email = rows.find((r) => r.channel === 'email')!;
    const sms = rows.find((r) => r.channel === 'sms')!;
    expect(email).toMatchObject({ status: 'pending', attempts: 1 });
    expect(email.last_error).toContain('451');
    expect(email.next_attempt_at.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(4000);
    expect(sms.status).toBe('dead');
    expect(sms.last_error).toContain('invalid number');
    // The server and the gateway name the mailbox and the number they refused; the stored reason,
    // which staff read on the notices log, keeps them masked (issue 22).
    expect(email.last_error).toContain('@test.pk');
    expect(email.last_error).not.toContain(owner.email);
    expect(sms.last_error).toMatch(/invalid number \+92 300 \*\*\*\d{4}/);
    expect(sms.last_error).not.toContain(owner.mobile!.slice(-10));

    expect(await deliverNotices(t.deps)).toMatchObject({ sent: 0 }); // not due yet
    t.clock.advance(10_000);
    expect(await deliverNotices(t.deps)).toMatchObject({ sent: 1 });

    const c = await loginClient(t.app, admin.email);
    const dead = await c.get('/api/v1/notifications/log?status=dead');
    expect(dead.json().items.map((i: { id: string }) => i.id)).toContain(sms.id);
    expect(dead.json().items[0].recipient).toMatch(/^…\d{3}$/);
    expect((await c.post(`/api/v1/notifications/log/${sms.id}/retry`)).json()).toEqual({ retried: 1 });
    expect(await deliverNotices(t.deps)).toMatchObject({ sent: 1 });
    rows = await rowsFor(owner.id);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect((await c.post('/api/v1/notifications/log/zzz/retry')).statusCode).toBe(400);
  });

  it('the gateway’s delivery reports mark SMS delivered or dead; bad ones are refused', async () => {
    const owner = await makeUser(t.deps, 'owner');
    await t.deps.db.transaction().execute((trx) =>
      queueNotices(trx, t.deps, [
        {
          sourceKey: 'dlr:1',
          kind: 'application.decided',
          userId: owner.id,
          params: { reference: 'D-1', outcome: 'failed' },
          link: null,
        },
        {
          sourceKey: 'dlr:2',
          kind: 'application.decided',
          userId: owner.id,
          params: { reference: 'D-2', outcome: 'failed' },
          link: null,
        },
      ]),
    );
    await deliverNotices(t.deps);
    const [a, b] = (await rowsFor(owner.id)).filter((r) => r.channel === 'sms');
    const url = `/api/v1/notifications/sms/delivery-report?token=${CALLBACK_TOKEN}`;
    const ok = await t.app.inject({ method: 'POST', url, payload: { ref: a!.id, status: 'DELIVRD' } });
    expect(ok.json()).toEqual({ status: 'delivered' });
    const form = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `ref=${b!.id}&status=UNDELIV&error=absent+subscriber+923001234567`,
    });
    expect(form.json()).toEqual({ status: 'dead' });
    const after = await t.deps.db
      .selectFrom('notices')
      .select(['id', 'status', 'last_error'])
      .where('id', 'in', [a!.id, b!.id])
      .execute();
    expect(after.find((r) => r.id === a!.id)!.status).toBe('delivered');
    expect(after.find((r) => r.id === b!.id)).toMatchObject({
      status: 'dead',
      last_error: 'gateway reported UNDELIV: absent subscriber +92 300 ***4567',
    });

    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/sms/delivery-report',
      payload: { ref: a!.id, status: 'DELIVRD' },
    });
    expect(noToken.statusCode).toBe(401);
    const bad = await t.app.inject({ method: 'POST', url, payload: { status: 'DELIVRD' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().fields[0].path).toBe('ref');
    const unknown = await t.app.inject({
      method: 'POST',
      url,
      payload: { ref: 'f'.repeat(40), status: 'DELIVRD' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('rules', () => {
  it('quiet hours: an SMS waits for 08:00 Karachi, a one-time code goes at once', async () => {
    t.clock.set('2026-11-28T18:30:00Z'); // 23:30 in Karachi
    const owner = await makeUser(t.deps, 'owner');
    await t.deps.db.transaction().execute(async (trx) => {
      await queueNotices(trx, t.deps, [
        {
          sourceKey: 'quiet:1',
          kind: 'application.decided',
          userId: owner.id,
          params: { reference: 'Q-1', outcome: 'failed' },
          link: null,
        },
      ]);
      await sendDirectMessage(t.deps, trx, {
        kind: 'contact.verify_mobile',
        to: { userId: owner.id },
        channel: 'sms',
        locale: 'en',
        params: { code: '482913' },
        dedupeKey: 'verify-1',
      });
    });
    await deliverNotices(t.deps);
    const sms = (await rowsFor(owner.id)).filter((r) => r.channel === 'sms');
    const code = sms.find((r) => r.kind === 'contact.verify_mobile')!;
    const news = sms.find((r) => r.kind === 'application.decided')!;
    expect(code).toMatchObject({ status: 'sent', mandatory: true, one_time_code: true });
    expect(gw.messages.get(code.id)!.text).toContain('482913');
    expect(news.status).toBe('pending');
    expect(news.next_attempt_at.toISOString()).toBe('2026-11-29T03:00:00.000Z'); // 08:00 Karachi
    t.clock.set('2026-11-29T03:00:00Z');
    await deliverNotices(t.deps);
    expect((await rowsFor(owner.id)).find((r) => r.id === news.id)!.status).toBe('sent');
  });

  it('a security notice to a known person arrives in their profile language, whatever the caller said', async () => {
    const f = await makeUser(t.deps, 'freelancer');
    await t.deps.db.updateTable('users').set({ locale: 'ur' }).where('id', '=', f.id).execute();
    await t.deps.db.transaction().execute((trx) =>
      sendDirectMessage(t.deps, trx, {
        kind: 'security.password_changed',
        to: { userId: f.id },
        channel: 'email',
        locale: 'en',
        params: { at: '2026-11-28 10:00', how: 'profile', resetLink: 'https://markaz.test/forgot-password' },
        dedupeKey: 'pw-1',
      }),
    );
    await deliverNotices(t.deps);
    const rows = await rowsFor(f.id);
    expect(rows.map((r) => r.channel)).toEqual(['email', 'inbox']);
    const mail = smtp.messages.get(`<${rows[0]!.id}@notices.markaz.gov.pk>`)!;
    expect(mail.subject).toBe('آپ کا مرکز پاس ورڈ تبدیل ہو گیا');
    expect(header(mail, 'list-unsubscribe')).toBeUndefined();
  });

  it('preferences: a kind turned off is not sent; money and security cannot be turned off', async () => {
    const owner = await makeUser(t.deps, 'owner');
    const c = await loginClient(t.app, owner.email);
    const put = await c.request('PUT', '/api/v1/notifications/preferences', {
      changes: [{ kind: 'application.decided', channel: 'sms', enabled: false }],
    });
    expect(put.statusCode).toBe(200);
    const decided = put.json().kinds.find((k: { kind: string }) => k.kind === 'application.decided');
    expect(decided.channels).toContainEqual({ channel: 'sms', enabled: false });
    expect(put.json().kinds.find((k: { kind: string }) => k.kind === 'loan.instalment_due').locked).toBe(
      true,
    );

    const locked = await c.request('PUT', '/api/v1/notifications/preferences', {
      changes: [
        { kind: 'application.decided', channel: 'email', enabled: false },
        { kind: 'loan.instalment_overdue', channel: 'sms', enabled: false },
      ],
    });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().fields).toMatchObject([{ path: 'changes.1.kind', rule: 'locked' }]);
    const unknown = await c.request('PUT', '/api/v1/notifications/preferences', {
      changes: [{ kind: 'x.y', channel: 'fax', enabled: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['changes.0.channel', 'changes.0.enabled']),
    );
    // Nothing of the refused requests changed.
    expect(
      await t.deps.db
        .selectFrom('notice_preferences')
        .select(['kind', 'channel', 'enabled'])
        .where('user_id', '=', owner.id)
        .execute(),
    ).toEqual([{ kind: 'application.decided', channel: 'sms', enabled: false }]);

    await t.deps.db.transaction().execute((trx) =>
      queueNotices(trx, t.deps, [
        {
          sourceKey: 'pref:1',
          kind: 'application.decided',
          userId: owner.id,
          params: { reference: 'P-1', outcome: 'failed' },
          link: null,
        },
        {
          sourceKey: 'pref:2',
          kind: 'loan.instalment_overdue',
          userId: owner.id,
          params: { number: '1', dueDate: '2026-11-20', amount: 'Rs 1', days: '7' },
          link: null,
        },
      ]),
    );
    const rows = await rowsFor(owner.id);
    expect(rows.filter((r) => r.kind === 'application.decided').map((r) => r.channel)).toEqual([
      'email',
      'inbox',
    ]);
    expect(rows.filter((r) => r.kind === 'loan.instalment_overdue').map((r) => r.channel)).toEqual([
      'email',
      'inbox',
      'sms',
    ]);
  });

  it('rate limit: beyond the hourly limit a person’s notices wait for later hours, none is dropped', async () => {
    const owner = await makeUser(t.deps, 'owner');
    await deliverNotices(t.deps); // what earlier tests left queued
    const limited = { ...t.deps, config: { ...t.deps.config, notifyPerHour: 2 } };
    await t.deps.db.transaction().execute((trx) =>
      queueNotices(
        trx,
        limited,
        [1, 2, 3, 4, 5].map((n) => ({
          sourceKey: `rate:${n}`,
          kind: 'application.decided' as const,
          userId: owner.id,
          params: { reference: `R-${n}`, outcome: 'failed' },
          link: null,
        })),
      ),
    );
    const emails = (await rowsFor(owner.id)).filter((r) => r.channel === 'email');
    const hours = emails
      .map((r) => (r.next_attempt_at.getTime() - t.clock.now().getTime()) / 3600_000)
      .sort();
    expect(hours).toEqual([0, 0, 1, 1, 2]);
    expect((await deliverNotices(limited)).sent).toBe(4); // two emails and two SMS now
  });

  it('the daily job queues the staff digest once however often it runs', async () => {
    const admin = await makeUser(t.deps, 'program_admin');
    await queueDailyNotices(t.deps, '2026-11-28');
    await queueDailyNotices(t.deps, '2026-11-28');
    const rows = (await rowsFor(admin.id)).filter((r) => r.kind === 'staff.daily_digest');
    expect(rows.map((r) => r.channel)).toEqual(['email', 'inbox']);
    expect(rows[1]!.body_text).toMatch(/Undeliverable notices: \d+/);
  });
});

describe('the inbox', () => {
  it('lists my notices, counts unread, marks one and all read; another person’s is not found', async () => {
    const a = await makeUser(t.deps, 'freelancer');
    const b = await makeUser(t.deps, 'freelancer');
    await t.deps.db.transaction().execute((trx) =>
      queueNotices(
        trx,
        t.deps,
        [a, a, b].map((u, i) => ({
          sourceKey: `inbox:${i}`,
          kind: 'booking.reminder' as const,
          userId: u.id,
          params: { centre: 'Arfa Tower', start: '11:00' },
          link: '/bookings',
        })),
      ),
    );
    const c = await loginClient(t.app, a.email);
    expect((await c.get('/api/v1/notifications/unread')).json()).toEqual({ unread: 2 });
    const page = (await c.get('/api/v1/notifications/inbox?limit=1')).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'booking.reminder', link: '/bookings', readAt: null });
    expect(page.nextBefore).toBeTruthy();
    expect((await c.post(`/api/v1/notifications/inbox/${page.items[0].id}/read`)).json()).toEqual({
      unread: 1,
    });
    const theirs = (await rowsFor(b.id))[0]!;
    expect((await c.post(`/api/v1/notifications/inbox/${theirs.id}/read`)).statusCode).toBe(404);
    expect((await c.post('/api/v1/notifications/inbox/read-all')).json()).toEqual({ unread: 0 });
    expect((await c.get('/api/v1/notifications/inbox?limit=0')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/inbox' })).statusCode).toBe(401);
  });
});
