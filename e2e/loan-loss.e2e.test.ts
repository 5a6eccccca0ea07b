/**
 * Classifying a loan as loss in the web app: the programme's admin picks a date inside a quarter
 * whose claim was already paid, confirms after reading what follows, and the loan page shows the
 * loss and its date; the clawback waits for the bank's next claim. In English and in Urdu. Then a
 * bank uploads a bad claim file on an Urdu page and reads each row's problem in Urdu.
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

type Claim = { id: string; status: string; bankCode: string; periodEnd: string; lines: { loanId: string }[] };

async function adminGet<T>(path: string): Promise<T> {
  const cookie = await staffCookie(journey.baseUrl);
  return (await (await fetch(`${journey.baseUrl}${path}`, { headers: { cookie } })).json()) as T;
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function toUrdu(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH'),
    page.getByRole('button', { name: /Switch language/ }).click(),
  ]);
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
}

test('the admin classifies a loan as loss from a day inside a paid quarter; the page shows the loss and date', async () => {
  // The demo's paid HBL claim, and a loan on it.
  const claims = await adminGet<Claim[]>('/api/v1/loans/claims');
  const paid = claims.find((c) => c.status === 'paid')!;
  const { lines } = await adminGet<Claim>(`/api/v1/loans/claims/${paid.id}`);
  const loanId = lines[0]!.loanId;
  const lossOn = shiftDay(paid.periodEnd, -9);

  const admin = await journey.newPage(DESKTOP);
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto(`/loans/${loanId}`);
  const section = admin.locator('section[aria-labelledby="loan-loss-title"]');
  await section.getByRole('heading', { level: 2, name: 'Classify as loss' }).waitFor();

  // A date before the disbursement is refused beside the field, before anything is sent.
  await admin.getByLabel('Loss from').fill('2000-01-01');
  await admin.getByLabel('Reason', { exact: true }).fill('HBL reported a default found late');
  await section.getByRole('button', { name: 'Classify as loss…' }).click();
  await section.getByText(/Must be after the first disbursement/).waitFor();

  await admin.getByLabel('Loss from').fill(lossOn);
  await section.getByRole('button', { name: 'Classify as loss…' }).click();
  const confirm = section.locator('section[aria-labelledby="loan-loss-confirm"]');
  await confirm.getByRole('heading', { name: /Classify this loan as loss from/ }).waitFor();
  await confirm
    .getByText(/Subsidy stops from .*becomes a clawback, deducted from the bank’s next claim/)
    .waitFor();
  await screenshot(admin, 'loan-loss-confirm-en');
  expect(await axeViolations(admin)).toEqual([]);
  await confirm.getByRole('button', { name: 'Yes, classify as loss' }).click();
  await section
    .getByText(/Classified loss from .* 1 clawback was raised against the bank’s next claim\./)
    .waitFor();

  // The facts now say so, with the date.
  const facts = admin.locator('dl.facts');
  await expect.poll(() => facts.locator('dd').first().textContent()).toBe('Classified loss');
  await facts.getByText('Classified loss on').waitFor();
  await section.getByText(/This loan is classified loss from/).waitFor();
  await screenshot(admin, 'loan-loss-done-en');

  // The clawback is on the paid claim, waiting for HBL's next claim.
  const after = await adminGet<Claim & { clawedBack: { loanId: string; ineligibleFrom: string }[] }>(
    `/api/v1/loans/claims/${paid.id}`,
  );
  expect(after.clawedBack).toMatchObject([{ loanId, ineligibleFrom: lossOn }]);

  // In Urdu: the loss shows, and moving the date earlier asks again in Urdu.
  await toUrdu(admin);
  await section.getByRole('heading', { level: 2, name: 'نقصان قرار دیں' }).waitFor();
  await expect.poll(() => facts.locator('dd').first().textContent()).toBe('نقصان قرار');
  await facts.getByText('نقصان قرار دینے کی تاریخ').waitFor();
  await admin.locator('#loss-effectiveOn').fill(shiftDay(lossOn, -5));
  await admin.locator('#loss-reason').fill('بینک نے نادہندگی کی تاریخ درست کی');
  await section.getByRole('button', { name: 'نقصان قرار دیں…' }).click();
  await confirm.getByRole('heading', { name: /کیا اس قرضے کو .* سے نقصان قرار دیا جائے؟/ }).waitFor();
  await screenshot(admin, 'loan-loss-confirm-ur');
  expect(await axeViolations(admin)).toEqual([]);
});

test('a bank’s bad claim file is refused with each row’s problem in Urdu', async () => {
  const bank = await journey.newPage(DESKTOP);
  await logIn(bank, 'officer@nbp.demo.pk');
  await bank.goto('/loans/claims');
  await bank.getByRole('heading', { level: 2, name: 'File a claim' }).waitFor();
  await toUrdu(bank);
  await bank.getByRole('heading', { level: 2, name: 'دعویٰ جمع کرائیں' }).waitFor();
  await bank.locator('#quarter').selectOption({ index: 1 });
  const dup = '11111111-1111-4111-8111-111111111111';
  const csv = ['loan_id,claimed_pkr', `${dup},100`, `${dup},100`, 'not-a-loan,-5', `${dup},1.234`].join('\n');
  await bank
    .locator('#csv')
    .setInputFiles({ name: 'claim.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await bank.getByRole('button', { name: 'دعویٰ جمع کرائیں' }).click();
  const problems = bank.getByRole('alert').filter({ hasText: 'کچھ جمع نہیں ہوا' });
  await problems.waitFor();
  expect(await problems.locator('li').allTextContents()).toEqual([
    'سطر 3، کالم loan_id: یہ قرضہ سطر 2 میں پہلے آ چکا ہے',
    'سطر 4، کالم loan_id: مرکز کے قرضے کی شناخت (UUID) ہونی چاہیے',
    'سطر 4، کالم claimed_pkr: رقم منفی نہیں ہو سکتی',
    'سطر 5، کالم loan_id: یہ قرضہ سطر 2 میں پہلے آ چکا ہے',
    'سطر 5، کالم claimed_pkr: رقم روپوں میں لکھیں، زیادہ سے زیادہ دو اعشاریہ کے ساتھ اور بغیر کاما کے، جیسے \u2066415890.41\u2069',
    // Then the ids that are no loan of this bank.
    'سطر 2، کالم loan_id: یہ اس بینک کا قرضہ نہیں',
    'سطر 3، کالم loan_id: یہ اس بینک کا قرضہ نہیں',
  ]);
  // Nothing is left in English for these known rules.
  expect(await problems.locator('[lang="en"]').count()).toBe(0);
  await screenshot(bank, 'claim-file-problems-ur');
  expect(await axeViolations(bank)).toEqual([]);
});
