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
  const receipt = (await result.getByTestId('log-receipt').textContent())!;
  expect(receipt).toMatch(/^[0-9a-f]{64}$/);
  await screenshot(page, 'log-check-en-360');
  expect(await noOverflow(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);

  // What the entry says, as the server states it.
  await result.getByTestId('log-entry').getByText('Action').waitFor();
  // The page says what it proves and where to check without this site.
  await page
    .getByText(/scripts\/verify-log\.mjs/)
    .first()
    .waitFor();
  // An entry beyond the log is refused with the reason, not a bare "fix the fields".
  await page.getByLabel('Entry number or receipt').fill('99999999');
  await page.getByRole('button', { name: 'Check' }).click();
  await page
    .getByTestId('log-check-problem')
    .getByText(/There is no entry 9,99,99,999: the log has [\d,]+ entries\./)
    .waitFor();

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

test('an owner keeps a receipt for the committee decision on their application and checks it (English and Urdu, 768 px)', async () => {
  const context = await journey.context({ width: 768, height: 900 });
  const page = await context.newPage();
  await logIn(page, 'owner1@markaz.pk');
  await page.goto('/applications');
  await page.getByRole('heading', { level: 1 }).waitFor();
  const hrefs = await page
    .locator('main a[href^="/applications/"]')
    .evaluateAll((as) =>
      as.map((a) => a.getAttribute('href')!).filter((h) => /^\/applications\/[0-9a-f-]{36}$/.test(h)),
    );
  let found = false;
  for (const href of hrefs) {
    await page.goto(href);
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (await page.getByTestId('result').count()) {
      await page.getByTestId('log-receipts').waitFor();
      found = true;
      break;
    }
  }
  expect(found).toBe(true);
  const receipts = page.getByTestId('log-receipts');
  await receipts.getByRole('heading', { name: 'In the public log' }).waitFor();
  await receipts.getByText('Committee decision').first().waitFor();
  const fits = (l: typeof receipts) => l.evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(await fits(receipts)).toBe(true);
  // The whole application page holds at 768 px, not only its receipts.
  expect(await noOverflow(page)).toBe(true);
  // Checked in the browser from the whole entry: the leaf recomputed, the path, the head's signature.
  const decided = receipts.locator('li[data-seq]').filter({ hasText: 'Committee decision' }).first();
  await decided.getByRole('button', { name: 'Check in my browser' }).click();
  const checked = decided.getByTestId('receipt-result');
  await checked.getByText('Checked in your browser').waitFor();
  expect(await checked.getAttribute('data-ok')).toBe('true');
  expect(await checked.locator('li[data-ok="true"]').count()).toBe(3);
  await screenshot(page, 'log-receipt-en-768');
  await receipts
    .locator('li')
    .filter({ hasText: 'Committee decision' })
    .getByRole('link', { name: 'Check this receipt' })
    .first()
    .click();
  const result = page.getByTestId('log-check-result');
  await result.getByText(/is in the log\./).waitFor();
  await result.getByTestId('log-entry').getByText('application.decided').waitFor();
  expect(await result.locator('li[data-ok="true"]').count()).toBe(2);

  await page.goBack();
  await page.getByTestId('log-receipts').waitFor();
  await page.getByRole('button', { name: 'اردو' }).first().click();
  await page.getByTestId('log-receipts').getByRole('heading', { name: 'عوامی لاگ میں' }).waitFor();
  expect(await fits(page.getByTestId('log-receipts'))).toBe(true);
  expect(await noOverflow(page)).toBe(true);
  await screenshot(page, 'log-receipt-ur-768');
  await context.close();
});
