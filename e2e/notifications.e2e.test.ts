/**
 * Notifications (issue 14) in Chromium: something happens to a person (a demo freelancer books a
 * seat, through the API as the booking journey covers the pages), the bell in the header shows
 * the unread count, the inbox lists the notice, marking it read clears the count, and its link
 * opens the thing concerned. The admin reads the confirmation email in the local outbox (the demo
 * has no SMTP server), and the email's unsubscribe link, opened in a browser, only asks until the
 * person confirms, in Urdu on a phone. At phone width too: the bell, the inbox, mark read, and a
 * preference changed on the preferences page.
 */
import type { APIRequestContext } from 'playwright-core';
import { expect, test } from 'vitest';
import { ADMIN_EMAIL, DESKTOP, journeyFixture, logIn, navLink, PHONE, screenshot } from './harness.ts';

const journey = journeyFixture();
const FREELANCER = 'freelancer1@markaz.pk';
const CENTRE = 'Gulberg e-Rozgar Centre';

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get('/api/v1/me')).json()) as { csrfToken: string }).csrfToken;
}

/**
 * A working day (not a Sunday, when Gulberg closes at 18:00) at least `ahead` days from now in
 * Pakistan. The demo books this person's desk for five weekdays from tomorrow, which can reach a
 * week ahead, so journeys book from the eighth day on, well inside the 30-day horizon.
 */
function dayInKarachi(ahead: number): string {
  for (let n = ahead; ; n++) {
    const d = new Date(Date.now() + n * 86_400_000);
    const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Karachi', weekday: 'short' }).format(
      d,
    );
    if (weekday !== 'Sun') return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' }).format(d);
  }
}

test('a booking becomes a notice: bell, inbox, mark read, open; the outbox; unsubscribe asks first', async () => {
  const ctx = await journey.context(DESKTOP);
  const page = await ctx.newPage();
  await logIn(page, FREELANCER);
  const token = await csrf(ctx.request);
  // Start from an empty bell: whatever the demo told this person is read.
  await ctx.request.post('/api/v1/notifications/inbox/read-all', { headers: { 'x-csrf-token': token } });
  const centres = (await (await ctx.request.get('/api/v1/centers')).json()) as {
    items: { id: string; nameEn: string }[];
  };
  const centre = centres.items.find((c) => c.nameEn === CENTRE)!;
  const booked = await ctx.request.post('/api/v1/bookings', {
    headers: { 'x-csrf-token': token },
    data: { centerId: centre.id, plan: 'hourly', date: dayInKarachi(9), from: '16:00', to: '17:00' },
  });
  expect(booked.status(), await booked.text()).toBe(201);

  // The dispatcher (every 2 s in the server) turns the event into the notice; the bell shows it.
  await expect
    .poll(
      async () => {
        await page.goto('/dashboard');
        return page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).count();
      },
      { timeout: 60_000, interval: 2_000 },
    )
    .toBe(1);
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  const notice = page.locator('[data-notice="booking.confirmed"]').first();
  await notice.getByText(`Booked: ${CENTRE}`).waitFor();
  await screenshot(page, 'notifications-inbox-en-desktop');
  await notice.getByRole('button', { name: 'Mark read' }).click();
  await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  await notice.getByRole('link', { name: 'Open' }).click();
  await page.getByRole('heading', { level: 1, name: 'My bookings' }).waitFor();

  // The admin reads the email as it was sent, in the local outbox.
  const staffCtx = await journey.context(DESKTOP);
  const staff = await staffCtx.newPage();
  await logIn(staff, ADMIN_EMAIL);
  await staff.goto('/admin/notifications');
  await staff.getByRole('heading', { level: 1, name: 'Notices sent' }).waitFor();
  type Outbox = { items: { recipient: string; subject: string | null; headers: Record<string, string> }[] };
  let mail: Outbox['items'][number] | undefined;
  await expect
    .poll(
      async () => {
        const box = (await (
          await staffCtx.request.get('/api/v1/notifications/outbox?limit=200')
        ).json()) as Outbox;
        mail = box.items.find((m) => m.recipient === FREELANCER && m.subject?.startsWith('Booked:'));
        return Boolean(mail);
      },
      { timeout: 60_000, interval: 2_000 },
    )
    .toBe(true);
  await staff.reload();
  await staff.getByText(mail!.subject!).first().waitFor();
  await screenshot(staff, 'notifications-outbox-en-desktop');

  // The unsubscribe link from the email's header, opened on a phone in Urdu: it asks, then acts.
  const link = /<([^>]+)>/.exec(
    mail!.headers['list-unsubscribe'] ?? mail!.headers['List-Unsubscribe'] ?? '',
  )![1]!;
  const url = new URL(link);
  const anon = await journey.context(PHONE);
  const phone = await anon.newPage();
  await phone.goto('/');
  await phone.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
  await phone.goto(`${url.pathname}${url.search}`);
  await phone.getByRole('heading', { level: 1 }).waitFor();
  await screenshot(phone, 'notifications-unsubscribe-ur-phone');
  const prefs = async () =>
    (
      (await (await ctx.request.get('/api/v1/notifications/preferences')).json()) as {
        kinds: { kind: string; channels: { channel: string; enabled: boolean }[] }[];
      }
    ).kinds
      .find((k) => k.kind === 'booking.confirmed')!
      .channels.find((c) => c.channel === 'email')!.enabled;
  expect(await prefs()).toBe(true); // opening the page changed nothing
  await phone.locator('main button.btn--primary').click();
  await phone.locator('main [role=status]').waitFor();
  expect(await prefs()).toBe(false);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});

test('at phone width: the bell shows a new notice, the inbox marks it read, a preference changes', async () => {
  const ctx = await journey.context(PHONE);
  const page = await ctx.newPage();
  await logIn(page, FREELANCER); // freelancer2 holds a monthly desk, so one more seat would clash
  const token = await csrf(ctx.request);
  await ctx.request.post('/api/v1/notifications/inbox/read-all', { headers: { 'x-csrf-token': token } });
  const centres = (await (await ctx.request.get('/api/v1/centers')).json()) as {
    items: { id: string; nameEn: string }[];
  };
  const centre = centres.items.find((c) => c.nameEn === CENTRE)!;
  const day = dayInKarachi(12);
  const booked = await ctx.request.post('/api/v1/bookings', {
    headers: { 'x-csrf-token': token },
    data: { centerId: centre.id, plan: 'hourly', date: day, from: '18:00', to: '19:00' },
  });
  expect(booked.status(), await booked.text()).toBe(201);

  const bell = () => page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await expect
    .poll(
      async () => {
        await page.goto('/dashboard');
        return bell().count();
      },
      { timeout: 60_000, interval: 2_000 },
    )
    .toBeGreaterThan(0);
  if (await bell().first().isVisible()) await bell().first().click();
  else await (await navLink(page, 'Notifications, 1 unread')).click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  const notice = page.locator('[data-notice="booking.confirmed"]').first();
  await notice.getByText(`Booked: ${CENTRE}`).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, 'notifications-inbox-en-phone');
  await notice.getByRole('button', { name: 'Mark read' }).click();
  await expect.poll(() => bell().count(), { timeout: 10_000 }).toBe(0);

  await page.getByRole('link', { name: 'Choose what you get and how' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notification preferences' }).waitFor();
  const box = page.getByRole('checkbox', { name: 'Reminder an hour before my booking: SMS' });
  await box.check(); // opt-in: off until chosen
  await page.getByRole('button', { name: 'Save' }).first().click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await screenshot(page, 'notifications-preferences-en-phone');
  const prefs = (await (await ctx.request.get('/api/v1/notifications/preferences')).json()) as {
    kinds: { kind: string; channels: { channel: string; enabled: boolean }[] }[];
  };
  const sms = prefs.kinds
    .find((k) => k.kind === 'booking.reminder')!
    .channels.find((c) => c.channel === 'sms')!;
  expect(sms.enabled).toBe(true);
});
