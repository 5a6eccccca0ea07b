/**
 * A reschedule in the web app: the bank asks for one (previewing the new schedule first), the
 * programme's admin approves it from the queue, and the loan page shows the new schedule and the
 * one it replaced, in English and in Urdu.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  ADMIN_EMAIL,
  axeViolations,
  DESKTOP,
  journeyFixture,
  logIn,
  screenshot,
  staffCookie,
} from './harness.ts';

const journey = journeyFixture();

/**
 * An HBL loan of the demo's in its grace period (disbursed, nothing repaid, no request yet), with
 * the number of instalments in its schedule: the schedule the reschedule will replace.
 */
async function graceLoan(): Promise<{ id: string; reference: string; instalments: number }> {
  const cookie = await staffCookie(journey.baseUrl);
  const loans = (await (await fetch(`${journey.baseUrl}/api/v1/loans`, { headers: { cookie } })).json()) as {
    id: string;
    status: string;
    bankCode: string;
    repaidMinor: number;
    applicationReference: string;
  }[];
  const loan = loans.find((l) => l.status === 'active' && l.bankCode === 'HBL' && l.repaidMinor === 0)!;
  const detail = (await (
    await fetch(`${journey.baseUrl}/api/v1/loans/${loan.id}`, { headers: { cookie } })
  ).json()) as { instalments: unknown[] };
  expect(detail.instalments.length).toBeGreaterThan(0);
  return { id: loan.id, reference: loan.applicationReference, instalments: detail.instalments.length };
}

/** The 15th of the month after next, on the programme's clock. */
function firstDate(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  const month = m + 2;
  const yy = month > 12 ? y + 1 : y;
  const mm = month > 12 ? month - 12 : month;
  return `${yy}-${String(mm).padStart(2, '0')}-15`;
}

async function toUrdu(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH'),
    page.getByRole('button', { name: /Switch language/ }).click(),
  ]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
}

test('the bank asks for a reschedule, the admin approves it, the loan page shows the new schedule and the history', async () => {
  const { id, reference, instalments } = await graceLoan();

  const bank = await journey.newPage(DESKTOP);
  await logIn(bank, 'officer@hbl.demo.pk');
  await bank.goto(`/loans/${id}`);
  await bank.getByRole('heading', { level: 2, name: 'Reschedule or write off' }).waitFor();
  await bank.getByLabel('New tenor (monthly instalments)').fill('36');
  await bank.getByLabel('New first repayment date').fill(firstDate());
  await bank.getByLabel('Repayment day of the month').last().fill('15');
  // Sending needs a preview of exactly these terms first.
  expect(await bank.getByRole('button', { name: 'Send the reschedule request' }).isDisabled()).toBe(true);
  await bank.getByRole('button', { name: 'Preview the new schedule' }).click();
  await bank.getByRole('heading', { name: /The new schedule \(36 instalments/ }).waitFor();
  await bank
    .getByLabel('Reason', { exact: true })
    .first()
    .fill('Fit-out delayed by the landlord; start later');
  await screenshot(bank, 'loan-actions-bank');
  expect(await axeViolations(bank)).toEqual([]);
  await bank.getByRole('button', { name: 'Send the reschedule request' }).click();
  await bank.getByText('Request sent to the programme.').waitFor();
  await bank.getByText(/A request is waiting for the programme: Reschedule/).waitFor();

  const admin = await journey.newPage(DESKTOP);
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto('/loans/requests');
  await admin.getByRole('heading', { level: 1, name: 'Reschedule and write-off requests' }).waitFor();
  const item = admin.locator('li.card').filter({ hasText: reference });
  await item.getByText('Show the proposed schedule').click();
  await item.getByRole('heading', { name: /The new schedule \(36 instalments/ }).waitFor();
  await screenshot(admin, 'loan-actions-queue');
  expect(await axeViolations(admin)).toEqual([]);
  await item.getByRole('button', { name: 'Approve' }).click();
  await admin.getByText('Approved. The loan has been updated.').waitFor();
  // The queue reloads after the answer: wait for the decided request to leave it.
  await expect.poll(() => admin.locator('li.card').filter({ hasText: reference }).count()).toBe(0);

  await admin.goto(`/loans/${id}`);
  await admin.getByRole('heading', { name: 'Repayment schedule' }).waitFor();
  // Nothing was repaid, so the new schedule is exactly the 36 new instalments, from the new date.
  await expect
    .poll(() => admin.locator('main section[aria-labelledby="loan-schedule"] tbody tr').count())
    .toBe(36);
  const history = admin.locator('section[aria-labelledby="loan-history"]');
  await history.getByRole('heading', { name: 'Reschedule — Approved' }).waitFor();
  await history.getByText('Fit-out delayed by the landlord; start later').waitFor();
  // The schedule it replaced, every instalment of it (none was paid).
  await history.getByText(`Schedule before this change (${instalments} instalments)`).click();
  expect(await history.locator('tbody tr').count()).toBe(instalments);
  await screenshot(admin, 'loan-actions-loan-en');

  // Partner banks and rates: register a bank with its terms, enter today's benchmark rate.
  await admin.goto('/loans/banks');
  await admin.getByRole('heading', { level: 1, name: 'Partner banks and rates' }).waitFor();
  await admin.locator('#bank-name').fill('Muslim Commercial Test Bank');
  await admin.locator('#bank-code').fill('MCBT');
  await admin.locator('#bank-spreadBps').fill('475');
  await admin.getByRole('button', { name: 'Register the bank' }).click();
  await admin.getByText('Bank registered.').waitFor();
  await admin.getByRole('rowheader', { name: 'Muslim Commercial Test Bank' }).waitFor();
  await admin.locator('#rate-rateBps').fill('1100');
  await admin.locator('#rate-source').fill('SBP KIBOR fixing, entered by hand');
  await admin.getByRole('button', { name: 'Enter the rate' }).click();
  await admin.getByText('Rate entered.').waitFor();
  await admin.getByRole('cell', { name: 'SBP KIBOR fixing, entered by hand' }).waitFor();
  await screenshot(admin, 'loan-banks-en');
  expect(await axeViolations(admin)).toEqual([]);

  await admin.goto(`/loans/${id}`);
  await admin.getByRole('heading', { name: 'Repayment schedule' }).waitFor();
  await toUrdu(admin);
  await admin.getByRole('heading', { name: 'نئے شیڈول اور رائٹ آف' }).waitFor();
  await screenshot(admin, 'loan-actions-loan-ur');
  await admin.goto('/loans/settings');
  await admin.getByRole('heading', { level: 1, name: 'قرضوں کی ترتیبات' }).waitFor();
  await screenshot(admin, 'loan-settings-ur');
  expect(await axeViolations(admin)).toEqual([]);
});
