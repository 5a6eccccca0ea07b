/**
 * The sceptical journalist: opens the public portal without logging in, in English and Urdu,
 * downloads the figures as CSV and checks a headline figure against it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { DESKTOP, journeyFixture, PHONE, screenshot } from './harness.ts';

const journey = journeyFixture();

test('the portal shows promises against delivery, and a headline figure matches the downloaded CSV', async () => {
  const context = await journey.context(DESKTOP);
  const page = await context.newPage();
  await page.goto('/portal');
  await page.getByRole('heading', { level: 1, name: 'Promises and delivery' }).waitFor();
  const figure = page.getByTestId('figure-freelancers.registered');
  await figure.waitFor();
  const shown = (await figure.textContent())!.replace(/[^\d]/g, '');
  expect(Number(shown)).toBeGreaterThan(0);
  // Areas that are not built say so instead of showing a zero.
  await expect.poll(() => page.getByText('No data yet').count()).toBeGreaterThan(0);
  // The promise register names its sources.
  await page.getByText('ProPakistani, April 2024').first().waitFor();
  await screenshot(page, 'portal-en-desktop');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href="/api/v1/open-data/figures.csv"]').click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  const row = csv.split('\n').find((l) => l.startsWith('freelancers.registered,'));
  expect(row, 'the CSV has the figure').toBeTruthy();
  expect(row!.split(',')).toContain(shown);
  await context.close();
});

test('the portal in Urdu is right-to-left and readable on a phone', async () => {
  const context = await journey.context(PHONE);
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
  await page.goto('/portal');
  await page.getByRole('heading', { level: 1, name: 'وعدے اور ان کی تکمیل' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page.getByText('وعدوں کا رجسٹر').waitFor();
  await screenshot(page, 'portal-ur-phone');
  await context.close();
});
