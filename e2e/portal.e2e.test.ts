/**
 * The sceptical journalist: opens the public portal without logging in, in English and Urdu,
 * downloads the figures as CSV and checks a headline figure against it; sees the provinces on the
 * map and the figures month by month; opens the centre directory and a centre. And the programme
 * admin who records an announcement and corrects it in the open.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ADMIN_EMAIL, axeViolations, DESKTOP, journeyFixture, logIn, screenshot } from './harness.ts';

const journey = journeyFixture();
/** The phone the brief names: 360 × 740. */
const PHONE_740 = { width: 360, height: 740 };

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

async function toUrdu(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
}

test('the portal shows promises against delivery, and a headline figure matches the downloaded CSV', async () => {
  const context = await journey.context(DESKTOP);
  const page = await context.newPage();
  await page.goto('/portal');
  await page.getByRole('heading', { level: 1, name: 'Promises and delivery' }).waitFor();
  const figure = page.getByTestId('figure-freelancers.registered');
  await figure.waitFor();
  const shownNow = async () => (await figure.textContent())!.replace(/[^\d]/g, '');
  expect(Number(await shownNow())).toBeGreaterThan(0);
  // Areas that are not built say so instead of showing a zero.
  await expect.poll(() => page.getByText('No data yet').count()).toBeGreaterThan(0);
  // The promise register names its sources.
  await page.getByText('ProPakistani, April 2024').first().waitFor();

  // The figure on the page is in the CSV. Other journeys register freelancers meanwhile and the
  // public figures are cached for up to 5 s, so the two agree once both are read after the last
  // registration: read the page, download, compare, and try again on a fresh page if they moved.
  const agree = async () => {
    const shown = await shownNow();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href="/api/v1/open-data/figures.csv"]').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const row = csv.split('\r\n').find((l) => l.startsWith('freelancers.registered,'));
    expect(row, 'the CSV has the figure').toBeTruthy();
    if (row!.split(',').includes(shown)) return true;
    await page.reload();
    await figure.waitFor();
    return false;
  };
  await expect.poll(agree, { timeout: 60_000, interval: 2_000 }).toBe(true);
  await context.close();
});

test('the province map shades provinces by a chosen figure, with a legend, a table and the centres', async () => {
  const context = await journey.context(DESKTOP);
  const page = await context.newPage();
  await page.goto('/portal');
  const map = page.getByTestId('province-map');
  await map.waitFor();
  // Seven provinces and territories, shaded; operational centres as dots.
  await expect.poll(() => map.locator('svg path[data-province]').count()).toBe(7);
  await expect.poll(() => map.locator('svg circle').count()).toBeGreaterThan(0);
  const punjabQuota = await map.locator('svg path[data-province="PB"]').getAttribute('fill');
  // The table says the same as the colours: Punjab's share of its first-phase quota.
  const quotaCell = map.locator('tr[data-province="PB"] td');
  expect(await quotaCell.textContent()).toMatch(/^\d+%$/);
  // Shade by seats instead: the table and the legend follow.
  await page.getByLabel('Shade provinces by').selectOption('seats.total');
  await expect.poll(() => map.locator('tr[data-province="PB"] td').textContent()).not.toMatch(/%$/);
  await map.getByRole('list', { name: 'Legend: Seats' }).waitFor();
  const seatsPunjab = Number((await quotaCell.textContent())!.replace(/[^\d]/g, ''));
  expect(seatsPunjab).toBeGreaterThan(0);
  // The darkest class goes to the province with most seats.
  const fills = await map
    .locator('svg path[data-province]')
    .evaluateAll((ps) => ps.map((p) => [p.getAttribute('data-province'), p.getAttribute('fill')]));
  expect(fills.length).toBe(7);
  expect(punjabQuota).toMatch(/^#/);
  // The licence's attribution stays under the map.
  await map.getByRole('link', { name: 'amCharts' }).waitFor();

  // Month by month: one chart per figure, each with its numbers and a CSV.
  const chart = page.locator('[data-chart="centres.operational"]');
  await chart.locator('svg').waitFor();
  expect(await chart.locator('svg circle').count()).toBeGreaterThan(1);
  await chart.getByText('Show the numbers').click();
  expect(await chart.locator('tbody tr').count()).toBeGreaterThan(1);
  const csvHref = await chart.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  const csv = await (await fetch(`${journey.baseUrl}${csvHref}`)).text();
  expect(csv.split('\r\n')[0]).toBe('key,month,total');
  expect(csv).toContain('centres.operational,');
  await settle(page);
  expect(await axeViolations(page), '/portal with map and charts').toEqual([]);
  await screenshot(page, 'portal-en-desktop');
  await context.close();
});

test('the centre directory and a centre page show occupancy band and uptime, and nothing personal', async () => {
  const context = await journey.context(PHONE_740);
  const page = await context.newPage();
  await page.goto('/portal/centres');
  await page.getByRole('heading', { level: 1, name: 'Centre directory' }).waitFor();
  const first = page.locator('main .centre-card').first();
  await first.waitFor();
  expect(await first.textContent()).toMatch(/Under 25%|25–50%|50–75%|Over 75%/);
  expect(await first.textContent()).toMatch(/Internet \d+(\.\d)?%, power \d+(\.\d)?%|No monthly report yet/);
  await settle(page);
  expect(await axeViolations(page), '/portal/centres').toEqual([]);
  await screenshot(page, 'portal-centres-en-phone');
  await first.getByRole('link').click();
  await page.locator('main .centre-public').getByText('Reported uptime', { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Opening hours' }).waitFor();
  await settle(page);
  expect(await axeViolations(page), '/portal/centres/:id').toEqual([]);
  await screenshot(page, 'portal-centre-en-phone');
  const id = page.url().split('/').pop()!;
  const json = await (await fetch(`${journey.baseUrl}/api/v1/public/centres/${id}`)).text();
  expect(json).not.toMatch(/owner|email|cnic|mobile/i);
  await context.close();
});

test('the admin records a promise, corrects it, and the portal shows the correction', async () => {
  const context = await journey.context(PHONE_740);
  const page = await context.newPage();
  await logIn(page, ADMIN_EMAIL);
  await page.goto('/portal/promises');
  await page.getByRole('heading', { level: 1, name: 'Record promises' }).waitFor();
  await page.getByRole('button', { name: 'Record an announcement' }).click();
  // An empty form: each problem is named beside its field.
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.locator('#pr-announcedBy-error').waitFor();
  await page.locator('#pr-target-error').waitFor();
  expect(await axeViolations(page), 'promise form with errors').toEqual([]);
  await screenshot(page, 'portal-admin-errors-en-phone');

  await page.locator('#pr-announcedOn').fill('2025-06-01');
  await page.locator('#pr-announcedBy').fill('Federal Minister for IT');
  await page.locator('#pr-sourceName').fill('Dawn, June 2025');
  await page.locator('#pr-sourceUrl').fill('https://www.dawn.com/news/example');
  await page.locator('#pr-titleEn').fill('500 e-working centres in Sindh');
  await page.locator('#pr-titleUr').fill('سندھ میں 500 ای-ورکنگ مراکز');
  await page.locator('#pr-target').fill('500');
  await page.locator('#pr-figureKey').selectOption('centres.operational');
  await page.locator('#pr-provinceCode').selectOption('SD');
  await page.locator('#pr-deadline').fill('2026-12-31');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const saved = page.getByText(/^Recorded as P-\d+\.$/);
  await saved.waitFor();
  const ref = (await saved.textContent())!.match(/P-\d+/)![0];

  await page.getByRole('button', { name: `Correct ${ref}` }).click();
  await page.locator('#pr-target').fill('450');
  await page
    .locator('#pr-correctionNote')
    .fill('The minister said 450, not 500; corrected from the transcript.');
  await page.getByRole('button', { name: 'Record the correction' }).click();
  await page.getByText(/^Recorded as P-\d+\.$/).waitFor();
  await expect.poll(() => page.locator(`tr[data-ref="${ref}"]`).textContent()).toContain('Superseded');
  // On a phone the register is one card a promise: nothing scrolls sideways.
  const overflow = await page.locator('.table-scroll').evaluate((el) => ({
    table: el.scrollWidth - el.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(overflow.table).toBeLessThanOrEqual(0);
  expect(overflow.page).toBeLessThanOrEqual(PHONE_740.width);
  expect(await axeViolations(page), 'promise register on a phone').toEqual([]);
  await screenshot(page, 'portal-admin-en-phone');

  // The public sees both: the old entry struck through, the new one saying what changed and why.
  const visitor = await journey.context(DESKTOP);
  const pub = await visitor.newPage();
  await pub.goto('/portal');
  await pub.getByText('Correction: The minister said 450, not 500; corrected from the transcript.').waitFor();
  const old = pub.locator('.promise-card--superseded', { hasText: ref });
  await old.getByText('Superseded by a later entry').waitFor();
  await visitor.close();
  await context.close();
});

test('in Urdu on a phone: right-to-left, the map, the charts and the directory', async () => {
  const context = await journey.context(PHONE_740);
  const page = await context.newPage();
  await toUrdu(page);
  await page.goto('/portal');
  await page.getByRole('heading', { level: 1, name: 'وعدے اور ان کی تکمیل' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.getByRole('heading', { name: 'وعدوں کا رجسٹر' }).waitFor();
  await page.getByTestId('province-map').locator('svg path[data-province="PB"]').waitFor();
  await page.locator('[data-chart="seats.total"] svg').waitFor();
  await screenshot(page, 'portal-ur-phone-top', false);
  await settle(page);
  expect(await axeViolations(page), '/portal (ur)').toEqual([]);
  await screenshot(page, 'portal-ur-phone');
  await page.goto('/portal/centres');
  await page.getByRole('heading', { level: 1, name: 'مراکز کی فہرست' }).waitFor();
  await page.locator('main .centre-card').first().waitFor();
  await settle(page);
  expect(await axeViolations(page), '/portal/centres (ur)').toEqual([]);
  await screenshot(page, 'portal-centres-ur-phone');
  await page.locator('main .centre-card a').first().click();
  // The directory's cards carry the same label: wait for the centre's own page.
  await page.locator('main .centre-public').getByText('رپورٹ کردہ اپ ٹائم', { exact: true }).waitFor();
  await settle(page);
  expect(await axeViolations(page), '/portal/centres/:id (ur)').toEqual([]);
  await screenshot(page, 'portal-centre-ur-phone');
  await context.close();
});
