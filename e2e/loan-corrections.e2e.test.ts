/**
 * A correction in the web app (issue 19): the bank posts a repayment dated yesterday (before the
 * last close of business, so the subsidy is recomputed), finds it was the wrong loan and asks to
 * reverse it; above the threshold it waits for a second person; the programme's admin approves it
 * on the loan page; the statement shows the repayment and its reversal on their value date, in
 * English and in Urdu, at phone and desktop widths.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  ADMIN_EMAIL,
  axeViolations,
  DESKTOP,
  journeyFixture,
  logIn,
  PHONE,
  screenshot,
  staffCookie,
} from './harness.ts';

const journey = journeyFixture();

/** The demo's HBL loan with nothing repaid yet. */
async function openLoan(): Promise<string> {
  const cookie = await staffCookie(journey.baseUrl);
  const loans = (await (await fetch(`${journey.baseUrl}/api/v1/loans`, { headers: { cookie } })).json()) as {
    id: string;
    status: string;
    bankCode: string;
    repaidMinor: number;
  }[];
  return loans.find((l) => l.status === 'active' && l.bankCode === 'HBL' && l.repaidMinor === 0)!.id;
}

function yesterday(): string {
  const d = new Date(Date.now() - 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' }).format(d);
}

async function toUrdu(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH'),
    page.getByRole('button', { name: /Switch language/ }).click(),
  ]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
}

test('a back-dated repayment is reversed with maker–checker, and the statement shows both', async () => {
  const id = await openLoan();
  const bank = await journey.newPage(DESKTOP);
  await logIn(bank, 'officer@hbl.demo.pk');
  await bank.goto(`/loans/${id}`);
  await bank.getByLabel('Date paid').fill(yesterday());
  const repay = bank.locator('form[aria-labelledby$="title"]').filter({ hasText: 'Post a repayment' });
  await repay.getByLabel('Amount (rupees)').fill('200000');
  await repay.getByLabel('Bank reference').fill('HBL-RP-WRONG');
  await bank.getByRole('button', { name: 'Post the repayment' }).click();
  await bank.getByText('Repayment posted.').waitFor();

  // The maker: Rs 2,00,000 is above the Rs 1,00,000 threshold, so it waits for a second person.
  const row = bank.getByRole('row', { name: /HBL-RP-WRONG/ });
  await row.getByRole('button', { name: 'Reverse…' }).click();
  await bank.getByLabel(/Why is the repayment of/).fill('Posted to the wrong loan by the branch');
  await bank.getByRole('button', { name: 'Reverse it' }).click();
  await bank.getByText('Asked. A second person must approve it before anything changes.').waitFor();
  await screenshot(bank, 'loan-correction-asked');
  expect(await axeViolations(bank)).toEqual([]);

  // The checker: the programme's admin approves it on the loan page.
  const admin = await journey.newPage(DESKTOP);
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto(`/loans/${id}`);
  const corrections = admin.locator('section[aria-labelledby="loan-corrections"]');
  await corrections
    .getByText(/Waiting for a second person/)
    .first()
    .waitFor();
  await corrections.getByRole('button', { name: 'Approve' }).first().click();
  await corrections
    .getByText(/Applied by/)
    .first()
    .waitFor();

  // The statement: the repayment and its reversal, both on yesterday's value date.
  await admin.reload();
  const statement = admin.locator('section[aria-labelledby="loan-statement"]');
  await statement.getByText('Repayment reversed').first().waitFor();
  await screenshot(admin, 'loan-correction-statement-en');
  expect(await axeViolations(admin)).toEqual([]);
  await toUrdu(admin);
  await admin.getByRole('heading', { name: 'گوشوارہ' }).waitFor();
  await screenshot(admin, 'loan-correction-statement-ur');

  const phone = await journey.newPage(PHONE);
  await logIn(phone, 'officer@hbl.demo.pk');
  await phone.goto(`/loans/${id}`);
  await phone
    .locator('section[aria-labelledby="loan-statement"]')
    .getByText('Repayment reversed')
    .first()
    .waitFor();
  await screenshot(phone, 'loan-correction-phone');
});
