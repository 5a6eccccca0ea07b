/**
 * The booking journey in Chromium on a 360px phone: a new freelancer searches near Lahore, books
 * a hot desk for tomorrow 09:00–17:00 (Asia/Karachi), sees it with its QR code in "my bookings";
 * the owner of that centre checks them in by the code shown on the freelancer's page.
 *
 * Check-in only works from 15 minutes before a booking's start until its end, so the check-in
 * part books a second, short window starting at the next quarter hour. So that this works at any
 * hour (the demo centres open 09:00–21:00, 10:00–18:00 on Sundays), the owner first opens the
 * Lahore centre round the clock through the API; everything else goes through the pages.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  ADMIN_EMAIL,
  axeViolations,
  DEMO_PASSWORD,
  journeyFixture,
  logIn,
  navLink,
  PHONE,
  screenshot,
  sentCode,
} from './harness.ts';
import { selectClips } from './layout-check.ts';

const journey = journeyFixture();

const OWNER = 'owner1@markaz.pk';
const CENTRE = 'Gulberg e-Rozgar Centre';
const unique = Date.now().toString().slice(-7);
const freelancer = {
  name: 'Bilal Ahmed',
  email: `bilal.${unique}@example.pk`,
  mobile: `0333 ${unique}`,
  cnic: `36302-${unique}-3`,
  password: 'desk by the window',
};

/** A calendar day and wall-clock time in Pakistan. */
function karachi(at: Date): { date: string; time: string } {
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Karachi',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Karachi',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return { date, time };
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Nothing sticks out sideways on a 360px phone (tables scroll inside their own region). */
async function fitsPhone(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function csrf(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/v1/me');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

describe('a freelancer books a desk and the owner checks them in', () => {
  test(
    'search near Lahore → book tomorrow 09:00–17:00 → my bookings with QR → check-in by code',
    async () => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (m) => {
          if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
        });
        page.on('pageerror', (e) => errors.push(e.message));
      };

      // The owner opens the Lahore centre round the clock (see the note at the top).
      const ownerCtx = await journey.context(PHONE);
      const owner = await ownerCtx.newPage();
      watch(owner);
      await logIn(owner, OWNER);
      const mine = (await (await ownerCtx.request.get('/api/v1/centers?mine=true')).json()) as {
        items: { id: string; nameEn: string }[];
      };
      const centre = mine.items.find((c) => c.nameEn === CENTRE);
      expect(centre).toBeDefined();
      const centreId = centre!.id;
      const hours = await ownerCtx.request.put(`/api/v1/centers/${centreId}/hours`, {
        headers: { 'x-csrf-token': await csrf(ownerCtx.request) },
        data: {
          days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' })),
        },
      });
      expect(hours.status(), await hours.text()).toBe(200);

      // A new freelancer registers.
      const ctx = await journey.context(PHONE);
      const page = await ctx.newPage();
      watch(page);
      await page.goto('/register');
      await page.getByLabel('Full name').fill(freelancer.name);
      await page.getByLabel('Email').fill(freelancer.email);
      await page.getByLabel('Mobile number').fill(freelancer.mobile);
      await page.getByLabel('CNIC').fill(freelancer.cnic);
      await page.getByLabel('Password').fill(freelancer.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.waitForURL('**/verify-mobile?mobile=*');
      await page.getByLabel('Code').fill(await sentCode(journey.baseUrl, freelancer.mobile));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.waitForURL('**/dashboard?welcome=1');

      // Search near Lahore for a hot desk tomorrow 09:00–17:00.
      const today = karachi(new Date()).date;
      const tomorrow = addDays(today, 1);
      await (await navLink(page, 'Find a desk')).click();
      await page.getByRole('heading', { level: 1, name: 'Find a desk' }).waitFor();
      await page.getByLabel('City', { exact: true }).selectOption({ label: 'Lahore' });
      await page.getByLabel('Seat', { exact: true }).selectOption('hot_desk');
      await page.getByLabel('Date', { exact: true }).fill(tomorrow);
      await page.getByLabel('From', { exact: true }).selectOption('09:00');
      await page.getByLabel('To', { exact: true }).selectOption('17:00');
      await page.getByRole('button', { name: 'Search' }).click();
      const result = page.locator('.centre-card', { hasText: CENTRE });
      await result.waitFor();
      expect(await result.textContent()).toMatch(/\d+ free/);
      expect(await result.textContent()).toContain('km away');
      await screenshot(page, 'booking-search-en-phone');
      expect(await fitsPhone(page), 'booking-search-en-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page), 'find a desk').toEqual([]);

      // The map draws offline from the bundled atlas.
      await page.getByRole('button', { name: 'Show on a map' }).click();
      await page.getByRole('img', { name: /Map of Pakistan/ }).waitFor();
      expect(await page.locator('.map-box circle').count()).toBeGreaterThan(1);

      // The centre page, then book.
      await result.getByRole('link', { name: CENTRE }).click();
      await page.getByRole('heading', { level: 1, name: CENTRE }).waitFor();
      await page.getByRole('heading', { name: 'Opening hours' }).waitFor();
      await screenshot(page, 'booking-centre-en-phone');
      expect(await fitsPhone(page), 'booking-centre-en-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page), 'centre page').toEqual([]);
      await page.getByRole('link', { name: 'Book a seat' }).click();
      await page.getByRole('heading', { level: 1, name: `Book at ${CENTRE}` }).waitFor();
      await page.getByLabel('Plan', { exact: true }).selectOption('hourly');
      await page.getByLabel('Date', { exact: true }).fill(tomorrow);
      await page.getByLabel('Start', { exact: true }).selectOption('09:00');
      await page.getByLabel('End', { exact: true }).selectOption('17:00');
      await expect.poll(() => page.locator('#book-seat-hint').textContent()).toMatch(/Free seats then: \d+/);
      await screenshot(page, 'booking-form-en-phone');
      expect(await fitsPhone(page), 'booking-form-en-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await selectClips(page, '#book-seat'), 'seat select clipped (en)').toBe(0);
      expect(await axeViolations(page), 'book').toEqual([]);
      await page.getByRole('button', { name: 'Book', exact: true }).click();
      await page.getByText('Booked. Show the code').waitFor();
      expect(await page.getByRole('status').first().textContent()).toContain('09:00–17:00');

      // My bookings: the booking with its QR code and code.
      await page.getByRole('link', { name: 'Go to my bookings' }).click();
      await page.getByRole('heading', { level: 1, name: 'My bookings' }).waitFor();
      const card = page.locator('.booking-card', { hasText: '09:00–17:00' });
      await card.waitFor();
      expect(await card.textContent()).toContain(CENTRE);
      expect(await card.textContent()).toContain('Confirmed');
      expect(await card.textContent()).toContain('Owed: Rs');
      await card.getByRole('button', { name: 'Show check-in code' }).click();
      await card.getByRole('img', { name: 'QR code for checking in' }).waitFor();
      expect(await card.getByTestId('check-in-code').textContent()).toMatch(/^[0-9a-f-]{36}\.\d+\./);
      await screenshot(page, 'booking-mine-en-phone');
      expect(await fitsPhone(page), 'booking-mine-en-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page), 'my bookings').toEqual([]);

      // Two people want the same seat: the one who sends second gets the server's alternatives
      // and books one of them in one tap.
      const later = addDays(today, 2);
      await page.goto(`/centres/${centreId}/book`);
      await page.getByLabel('Date', { exact: true }).fill(later);
      await page.getByLabel('Start', { exact: true }).selectOption('10:00');
      await page.getByLabel('End', { exact: true }).selectOption('12:00');
      await expect.poll(() => page.locator('#book-seat-hint').textContent()).toMatch(/Free seats then: \d+/);
      await page.getByLabel('Seat', { exact: true }).selectOption({ label: 'H5' });
      const seatId = await page.getByLabel('Seat', { exact: true }).inputValue();
      const rivalCtx = await journey.context(PHONE);
      const login2 = await rivalCtx.request.post('/api/v1/auth/login', {
        data: { email: 'freelancer2@markaz.pk', password: DEMO_PASSWORD },
      });
      expect(login2.status()).toBe(200);
      const rival = await rivalCtx.request.post('/api/v1/bookings', {
        headers: { 'x-csrf-token': ((await login2.json()) as { csrfToken: string }).csrfToken },
        data: { centerId: centreId, plan: 'hourly', seatId, date: later, from: '10:00', to: '12:00' },
      });
      expect(rival.status(), await rival.text()).toBe(201);
      await rivalCtx.close();
      await page.getByRole('button', { name: 'Book', exact: true }).click();
      await page.getByText('That seat was just taken.').waitFor();
      await screenshot(page, 'booking-conflict-en-phone');
      await page
        .getByRole('button', { name: /^Book H\d+$/ })
        .first()
        .click();
      await page.getByText('Booked. Show the code').waitFor();

      // Cancelling explains the centre's window first.
      await page.getByRole('link', { name: 'Go to my bookings' }).click();
      const laterCard = page.locator('.booking-card', { hasText: '10:00–12:00' });
      await laterCard.getByRole('button', { name: 'Cancel' }).click();
      await laterCard.getByText(/Cancelling is free until/).waitFor();
      await laterCard.getByRole('button', { name: 'Yes, cancel' }).click();
      await page.getByText('Booking cancelled.').waitFor();
      await expect
        .poll(() => page.locator('.booking-card', { hasText: '10:00–12:00' }).first().textContent())
        .toContain('Cancelled');

      // A booking that has started (or starts within 15 minutes), so the owner can check it in.
      // Slots end by 23:45 and never cross midnight, so between 23:30 and 23:45 in Pakistan there
      // is no window that starts within 15 minutes. Then the journey waits (at most a quarter of an
      // hour) until tomorrow's 00:00 slot opens for check-in, rather than fail by the clock.
      if (karachi(new Date(Date.now() + 30_000)).time >= '23:30' && karachi(new Date()).time < '23:45') {
        const q = 900_000;
        const wait = Math.ceil(Date.now() / q) * q - Date.now() + 5_000;
        console.warn(`booking e2e: waiting ${Math.round(wait / 1000)} s for the 23:45 PKT check-in window`);
        await new Promise((r) => setTimeout(r, wait));
        await page.reload();
      }
      const next = new Date(Math.ceil((Date.now() + 30_000) / 900_000) * 900_000);
      const start = karachi(next);
      const endAt = new Date(next.getTime() + 60 * 60_000);
      const end = karachi(endAt).date === start.date ? karachi(endAt).time : '23:45';
      expect(
        end > start.time,
        'no bookable window before midnight in Pakistan; run again after 00:00 PKT',
      ).toBe(true);
      await page.goto(`/centres/${centreId}/book`);
      await page.getByLabel('Date', { exact: true }).fill(start.date);
      await page.getByLabel('Start', { exact: true }).selectOption(start.time);
      await page.getByLabel('End', { exact: true }).selectOption(end);
      await page.getByRole('button', { name: 'Book', exact: true }).click();
      await page.getByText('Booked. Show the code').waitFor();
      // Check-in opens 15 minutes before the start: at most a few seconds' wait.
      const opensIn = next.getTime() - 15 * 60_000 - Date.now() + 2_000;
      if (opensIn > 0) await page.waitForTimeout(opensIn);
      await page.goto('/bookings');
      const nowCard = page.locator('.booking-card', { hasText: `${start.time}–${end}` });
      await nowCard.getByRole('button', { name: 'Show check-in code' }).click();
      const code = (await nowCard.getByTestId('check-in-code').textContent())?.trim() ?? '';
      expect(code).toMatch(/^[0-9a-f-]{36}\./);

      // The owner checks the freelancer in by that code; a wrong code fails clearly first.
      await (await navLink(owner, 'My centres')).click();
      await owner.getByRole('heading', { level: 1, name: 'My centres' }).waitFor();
      await owner
        .locator('.centre-card', { hasText: CENTRE })
        .getByRole('link', { name: 'Check in' })
        .click();
      await owner.getByRole('heading', { level: 1, name: `Check in at ${CENTRE}` }).waitFor();
      await owner.getByLabel('Check-in code').fill('not-a-code');
      await owner.getByRole('button', { name: 'Check in', exact: true }).click();
      await owner.locator('#checkin-code-error').waitFor();
      expect(await owner.locator('#checkin-code-error').textContent()).toContain(
        'not a Markaz check-in code',
      );
      await owner.getByLabel('Check-in code').fill(code);
      await owner.getByRole('button', { name: 'Check in', exact: true }).click();
      const ok = owner.getByText(/^Checked in: /);
      await ok.waitFor();
      expect(await ok.textContent()).toContain(`${start.time}–${end}`);
      await screenshot(owner, 'booking-checkin-en-phone');
      expect(await fitsPhone(owner), 'booking-checkin-en-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(owner), 'check-in').toEqual([]);

      // What the centre owes back shows on its card without opening anything (the demo data has
      // a paid booking the centre cancelled), with who to pay; marking it refunded clears it.
      await owner.goto('/owner/centres');
      const desk = owner.locator('.centre-card', { hasText: CENTRE });
      const refunds = desk.locator('.refunds-due');
      await refunds.getByRole('heading', { name: /^Refunds due \(1\)$/ }).waitFor();
      const owed = refunds.locator('tbody tr').first();
      // Who (name, masked mobile) and how much; the full number only on request, for the refund.
      expect(await owed.textContent()).toMatch(/\+92 3\d{2} \*\*\*\d{4}.*Rs\s800/);
      expect(await owed.locator('a[href^="tel:"]').count()).toBe(0);
      await owed.getByRole('button', { name: /^Show number: .+$/ }).click();
      await owed.locator('a[href^="tel:"]').waitFor();
      expect(await owed.textContent()).toMatch(/0\d{3}\s\d{7}Rs\s800/);
      await owed.getByRole('button', { name: 'Mark refunded' }).click();
      await refunds.waitFor({ state: 'detached' });

      // The owner's front desk (that day's bookings) names who booked.
      await desk.getByRole('button', { name: 'Today’s bookings' }).click();
      await desk.getByLabel('Date', { exact: true }).fill(start.date);
      const deskRows = desk.locator('tbody tr', { hasText: `${start.time}–${end}` });
      await deskRows.first().waitFor();
      expect(await deskRows.allTextContents()).toContainEqual(expect.stringContaining(freelancer.name));
      // Their number is masked until the desk opens it; the freelancer then sees who looked and why.
      const ours = deskRows.filter({ hasText: freelancer.name }).first();
      expect(await ours.textContent()).toContain(`+92 333 ***${unique.slice(-4)}`);
      await ours.getByRole('button', { name: `Show number: ${freelancer.name}` }).click();
      await ours.locator(`a[href="tel:+92${freelancer.mobile.replace(/\D/g, '').slice(1)}"]`).waitFor();
      expect(await ours.textContent()).toContain(freelancer.mobile);
      await screenshot(owner, 'booking-desk-number-en-phone');
      expect(await fitsPhone(owner), 'front desk width').toBeLessThanOrEqual(PHONE.width);
      const looks = await page.context().newPage();
      await looks.goto('/me/data-access');
      const look = looks.locator('tbody tr', { hasText: `Front desk of ${CENTRE}` });
      await look.waitFor();
      expect(await look.textContent()).toContain('Helping with a booking');
      await looks.close();

      // The freelancer sees it checked in.
      await page.reload();
      await page
        .locator('.booking-card', { hasText: `${start.time}–${end}` })
        .getByText('Checked in')
        .waitFor();

      // The owner's occupancy table counts it.
      await owner.goto(`/owner/occupancy?centre=${centreId}`);
      await owner.getByRole('heading', { level: 1, name: 'Occupancy' }).waitFor();
      const table = owner.getByRole('region', { name: 'Occupancy' });
      await table.waitFor();
      expect(Number(await table.locator('tr.total-row td').nth(3).textContent())).toBeGreaterThanOrEqual(1);
      await screenshot(owner, 'booking-occupancy-en-phone');
      expect(await fitsPhone(owner), 'booking-occupancy-en-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(owner), 'occupancy').toEqual([]);

      // The owner's set-up page shows the hours set above; saving the rules works.
      await owner.goto(`/owner/centres/${centreId}/setup`);
      await owner.getByRole('heading', { level: 1, name: `Set up ${CENTRE}` }).waitFor();
      expect(await owner.getByLabel('Opens (Sunday)').inputValue()).toBe('00:00');
      const rules = owner.getByRole('form', { name: 'Booking rules' });
      await rules.getByLabel('No-show grace (minutes)').fill('20');
      await rules.getByRole('button', { name: 'Save' }).click();
      await rules.getByText('Saved.').waitFor();
      await screenshot(owner, 'booking-setup-en-phone', false);
      expect(await fitsPhone(owner), 'set-up width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(owner), 'set-up').toEqual([]);

      // A power cut: the owner closes the centre on a day the freelancer has booked. The form says
      // how many bookings the closure cancels before it is added; the freelancer sees why.
      const cutDay = addDays(today, 3);
      await page.goto(`/centres/${centreId}/book`);
      await page.getByLabel('Date', { exact: true }).fill(cutDay);
      await page.getByLabel('Start', { exact: true }).selectOption('13:00');
      await page.getByLabel('End', { exact: true }).selectOption('15:00');
      await page.getByRole('button', { name: 'Book', exact: true }).click();
      await page.getByText('Booked. Show the code').waitFor();
      const closures = owner.getByRole('form', { name: 'Closures' });
      await closures.getByLabel('From').fill(cutDay);
      await closures.getByLabel('To').fill(cutDay);
      await closures.getByLabel('Reason', { exact: true }).fill('Power cut: transformer repair');
      await closures.getByLabel('Reason in Urdu (optional)').fill('بجلی کی بندش: ٹرانسفارمر کی مرمت');
      await closures
        .getByTestId('closure-impact')
        .getByText(/cancels [1-9]\d* booking/)
        .waitFor();
      await screenshot(owner, 'booking-closure-impact-en-phone', false);
      await closures.getByRole('button', { name: /Add closure and cancel/ }).click();
      await closures.getByText('Power cut: transformer repair').waitFor();
      await page.goto('/bookings');
      const cutCard = page.locator('.booking-card', { hasText: '13:00–15:00' });
      await cutCard.getByText(/Cancelled by the centre: it is closed then \(Power cut/).waitFor();
      expect(await cutCard.textContent()).toContain('Cancelled');
      expect(await cutCard.textContent()).not.toContain('Late cancellation');
      // Nothing is owed for a booking the centre cancelled.
      expect(await cutCard.textContent()).toContain('Nothing owed: cancelled by the centre');
      expect(await cutCard.textContent()).not.toContain('Owed:');
      expect(await cutCard.textContent()).not.toContain('Not paid yet');
      await screenshot(page, 'booking-closure-mine-en-phone');
      expect(await axeViolations(page), 'my bookings with a closure').toEqual([]);

      // The freelancer declares last month's earnings.
      await page.goto('/bookings/earnings');
      await page.getByRole('heading', { level: 1, name: 'My earnings' }).waitFor();
      await page.getByLabel('Amount (USD)').fill('1250.50');
      await page.getByRole('button', { name: 'Declare' }).click();
      await page.getByRole('region', { name: 'Declared so far' }).getByText('1,250.50').waitFor();

      // The same pages in Urdu, right to left.
      await page.goto('/bookings');
      await page.getByRole('heading', { level: 1, name: 'My bookings' }).waitFor();
      await page.getByRole('button', { name: /Switch language/ }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.getByRole('heading', { level: 1, name: 'میری بکنگز' }).waitFor();
      await page
        .locator('.booking-card', { hasText: '09:00–17:00' })
        .getByRole('button', { name: 'حاضری کا کوڈ دکھائیں' })
        .click();
      await page.getByRole('img', { name: 'حاضری کے لیے کیو آر کوڈ' }).waitFor();
      await page
        .locator('.booking-card', { hasText: '13:00–15:00' })
        .locator('.cancel-reason', { hasText: /مرکز نے منسوخ کی/ })
        .waitFor();
      // The closure's reason as the owner wrote it in Urdu, not the English.
      const cutReason = await page
        .locator('.booking-card', { hasText: '13:00–15:00' })
        .locator('.cancel-reason')
        .textContent();
      expect(cutReason).toContain('بجلی کی بندش: ٹرانسفارمر کی مرمت');
      expect(cutReason).not.toContain('Power cut');
      await screenshot(page, 'booking-mine-ur-phone');
      expect(await fitsPhone(page), 'booking-mine-ur-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page), 'my bookings (ur)').toEqual([]);
      await page.goto(
        `/centres?cityId=${await lahoreId(page)}&radiusKm=25&kind=hot_desk&date=${tomorrow}&from=09:00&to=17:00`,
      );
      await page.getByRole('heading', { level: 1, name: 'ڈیسک تلاش کریں' }).waitFor();
      await page.locator('.centre-card', { hasText: 'گلبرگ' }).waitFor();
      await screenshot(page, 'booking-search-ur-phone');
      expect(await fitsPhone(page), 'booking-search-ur-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await axeViolations(page), 'find a desk (ur)').toEqual([]);
      await page.goto(`/centres/${centreId}/book`);
      await page.getByRole('heading', { level: 1, name: /میں بکنگ/ }).waitFor();
      await screenshot(page, 'booking-form-ur-phone');
      expect(await fitsPhone(page), 'booking-form-ur-phone width').toBeLessThanOrEqual(PHONE.width);
      expect(await selectClips(page, '#book-seat'), 'seat select clipped (ur)').toBe(0);

      // "Near my location": the phone's position (here, central Lahore) instead of a city.
      await ctx.grantPermissions(['geolocation']);
      await ctx.setGeolocation({ latitude: 31.5497, longitude: 74.3436 });
      await page.goto('/centres');
      await page.getByRole('radio', { name: 'میرے مقام کے قریب' }).check();
      await page.locator('.centre-card', { hasText: 'گلبرگ' }).waitFor();
      expect(page.url()).toContain('lat=31.5497');

      await ctx.close();
      await ownerCtx.close();
      expect(errors).toEqual([]);
    },
    20 * 60_000,
  );
});

describe('the programme admin', () => {
  test('registers a running centre, inspects it and makes it operational, with reasons', async () => {
    const ctx = await journey.context(PHONE);
    const page = await ctx.newPage();
    await logIn(page, ADMIN_EMAIL);
    await (await navLink(page, 'Centres', { exact: true })).click();
    await page.getByRole('link', { name: 'Register a centre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register a centre' }).waitFor();
    // Owners are listed by name with their email masked (staff lists never show it whole).
    const ownerValue = await page
      .locator('#rc-owner option', { hasText: 'Zainab Hussain (o*****' })
      .getAttribute('value');
    await page.getByLabel('Owner account ID').selectOption(ownerValue ?? '');
    await page.getByLabel('Name (English)').fill('Cantt Freelance Point');
    await page.getByLabel('Address').fill('12 Mall Road, Cantt');
    await page.getByLabel('City', { exact: true }).selectOption({ label: 'Multan' });
    expect(await page.getByLabel('Latitude').inputValue()).not.toBe('');
    await page.getByRole('button', { name: 'Register centre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Set up Cantt Freelance Point' }).waitFor();
    expect(await axeViolations(page), 'set-up (admin)').toEqual([]);

    const status = page.getByRole('form', { name: 'Status' });
    await status.getByText('Now: Approved').waitFor();
    await status.getByLabel('New status').selectOption('under_setup');
    await status.getByLabel('Reason').fill('Fit-out started');
    await status.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('form', { name: 'Status' }).getByText('Now: Under set-up').waitFor();

    const inspection = page.getByRole('form', { name: 'Inspections' });
    await inspection.getByLabel('Internet measured (Mbps)').fill('60');
    await inspection.getByLabel('Backup power tested').check();
    // A centre with no seats cannot pass (the form starts from the seats set up: none yet).
    await inspection.getByLabel('Seats counted').fill('0');
    await inspection.getByRole('button', { name: 'Record inspection' }).click();
    await inspection
      .getByText(/a centre with no seats cannot pass/)
      .first()
      .waitFor();
    await inspection.getByLabel('Seats counted').fill('24');
    await inspection.getByRole('button', { name: 'Record inspection' }).click();
    await page.getByRole('form', { name: 'Status' }).getByText('Now: Inspected').waitFor();
    expect(await inspection.textContent()).toContain('Passed');

    const again = page.getByRole('form', { name: 'Status' });
    await again.getByLabel('New status').selectOption('operational');
    await again.getByLabel('Reason').fill('Inspection passed; opening day');
    await again.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('form', { name: 'Status' }).getByText('Now: Operational').waitFor();
    await screenshot(page, 'booking-admin-setup-en-phone', false);
    await ctx.close();
  });
});

async function lahoreId(page: Page): Promise<number> {
  const cities = (await (await page.request.get('/api/v1/geo/cities?q=Lahore')).json()) as {
    id: number;
    nameEn: string;
  }[];
  return cities.find((c) => c.nameEn === 'Lahore')!.id;
}
