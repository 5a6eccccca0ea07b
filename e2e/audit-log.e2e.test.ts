/**
 * The citizen who was given a receipt: opens "Is this in the log?" without logging in, pastes the
 * entry number, and sees the proof checked in the browser, in English and Urdu, on a phone. And
 * the auditor, who sees the log's head and its witnesses and opens the proof of any entry.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { axeViolations, DESKTOP, journeyFixture, logIn, PHONE, screenshot } from './harness.ts';

const journey = journeyFixture();

const noOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a citizen checks that an entry is in the log, the proof checked in the browser (English, phone)', async () => {
  const context = await journey.context(PHONE);
  const page = await context.newPage();
  await page.goto('/log');
  await page.getByRole('heading', { level: 1, name: 'Is this in the log?' }).waitFor();
  // The public sees the head of the log and the witnesses who vouch for it.
  await page
    .getByTestId('log-head')
    .getByText(/Digital Rights Observatory .* cosigned this head/)
    .waitFor();
  await page.getByLabel('Entry number or receipt').fill('not a receipt');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText('Enter an entry number or a 64-character receipt').waitFor();
  await page.getByLabel('Entry number or receipt').fill('3');
  await page.getByRole('button', { name: 'Check' }).click();
  const result = page.getByTestId('log-check-result');
  await result.getByText('Entry 3 is in the log.').waitFor();
  expect(await result.locator('li[data-ok="true"]').count()).toBe(2);
  const receipt = (await result.locator('code.hash').first().textContent())!;
  expect(receipt).toMatch(/^[0-9a-f]{64}$/);
  await screenshot(page, 'log-check-en-360');
  expect(await noOverflow(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);

  // The receipt itself works too; an unknown one is said plainly.
  await page.goto(`/log?leaf=${receipt}`);
  await result.getByText('Entry 3 is in the log.').waitFor();
  await page.getByLabel('Entry number or receipt').fill('ab'.repeat(32));
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText('This entry is not in the log under a signed head.').waitFor();
  await context.close();
});

test('the same check in Urdu, right to left, at 360 px and 1280 px', async () => {
  for (const size of [PHONE, DESKTOP]) {
    const context = await journey.context(size);
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
    await page.goto('/log?seq=2');
    await page.getByRole('heading', { level: 1, name: 'کیا یہ لاگ میں درج ہے؟' }).waitFor();
    await page.getByTestId('log-check-result').getByText('لاگ میں موجود ہے').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await noOverflow(page)).toBe(true);
    await screenshot(page, `log-check-ur-${size.width}`);
    await context.close();
  }
});

test("the auditor sees the log's head and witnesses, verifies, and opens an entry's proof", async () => {
  const context = await journey.context(DESKTOP);
  const page = await context.newPage();
  await logIn(page, 'auditor@markaz.pk');
  await page.goto('/audit');
  const head = page.getByTestId('log-head');
  await head.getByRole('heading', { name: 'Head of the log' }).waitFor();
  await head.getByText('Entries under the head').waitFor();
  // The demo's witness, registered by staff, cosigned the demo's head.
  await head.getByText(/Digital Rights Observatory .* cosigned this head/).waitFor();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  const verified = page.getByTestId('verify-result');
  await verified.getByText('The chain is intact.').waitFor();
  await verified.getByText(/Ledger transactions matched their seal: [1-9]/).waitFor();
  await screenshot(page, 'audit-head-en-1280');
  await page.getByRole('link', { name: 'Proof' }).first().click();
  await page
    .getByTestId('log-check-result')
    .getByText(/is in the log\./)
    .waitFor();
  await context.close();
});
