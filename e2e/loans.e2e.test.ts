/**
 * A loan's life in the web app: the bank sanctions and disburses, the owner sees the schedule,
 * the bank posts a repayment, and the programme sees the loan in its portfolio.
 */
import { expect, test } from 'vitest';
import { ADMIN_EMAIL, DEMO_PASSWORD, journeyFixture, logIn, screenshot } from './harness.ts';

const journey = journeyFixture();

/** Who owns the demo's loan request at NBP, asked the way an admin's tool would. */
async function requestedLoan(): Promise<{ reference: string; ownerEmail: string }> {
  const login = await fetch(`${journey.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const loans = (await (await fetch(`${journey.baseUrl}/api/v1/loans`, { headers: { cookie } })).json()) as {
    items?: { status: string; bankCode: string; applicationReference: string; ownerId: string }[];
  };
  const list = Array.isArray(loans) ? loans : (loans.items ?? []);
  const loan = list.find((l) => l.status === 'requested' && l.bankCode === 'NBP')!;
  const owner = await (
    await fetch(`${journey.baseUrl}/api/v1/users/${loan.ownerId}`, { headers: { cookie } })
  ).json();
  return { reference: loan.applicationReference, ownerEmail: owner.email };
}

function karachiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' }).format(new Date());
}

test('bank sanctions and disburses, the owner sees the schedule, the bank posts a repayment', async () => {
  const { reference, ownerEmail } = await requestedLoan();
  const today = karachiToday();
  const [y, m] = today.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-10` : `${y}-${String(m + 1).padStart(2, '0')}-10`;

  const bank = await journey.newPage();
  await logIn(bank, 'officer@nbp.demo.pk');
  await bank.goto('/loans');
  await bank.getByRole('link', { name: reference }).click();
  await bank.getByRole('heading', { level: 1, name: `Loan ${reference}` }).waitFor();
  await bank.getByLabel('Tenor (months)').fill('24');
  await bank.getByLabel('Repayment day of the month').fill('10');
  await bank.getByLabel('First repayment date').fill(next);
  await bank.getByRole('button', { name: 'Sanction the loan' }).click();
  await bank.getByText('Record a disbursement').waitFor();

  await bank.getByLabel('Date disbursed').fill(today);
  await bank
    .locator('form[aria-labelledby$="title"]')
    .filter({ hasText: 'Record a disbursement' })
    .getByLabel('Amount (rupees)')
    .fill('2,400,000');
  await bank
    .locator('form[aria-labelledby$="title"]')
    .filter({ hasText: 'Record a disbursement' })
    .getByLabel('Bank reference')
    .fill('NBP-TR-0001');
  await bank.getByRole('button', { name: 'Record the disbursement' }).click();
  await bank.getByText('Disbursement recorded; the schedule is updated.').waitFor();
  await screenshot(bank, 'loan-bank');

  const owner = await journey.newPage();
  await logIn(owner, ownerEmail);
  await owner.goto('/loans');
  await owner.getByRole('link', { name: reference }).click();
  await owner.getByRole('heading', { name: 'Repayment schedule' }).waitFor();
  // 24 months, no grace: 24 equal instalments of Rs 100,000.
  await expect.poll(() => owner.locator('main table').first().locator('tbody tr').count()).toBe(24);
  await owner.getByText('Rs 100,000').first().waitFor();
  // The owner cannot act for the bank.
  expect(await owner.getByRole('button', { name: 'Post the repayment' }).count()).toBe(0);
  await screenshot(owner, 'loan-owner');

  await bank.reload();
  await bank.getByLabel('Date paid').fill(today);
  await bank
    .locator('form[aria-labelledby$="title"]')
    .filter({ hasText: 'Post a repayment' })
    .getByLabel('Amount (rupees)')
    .fill('100000');
  await bank
    .locator('form[aria-labelledby$="title"]')
    .filter({ hasText: 'Post a repayment' })
    .getByLabel('Bank reference')
    .fill('NBP-RP-0001');
  await bank.getByRole('button', { name: 'Post the repayment' }).click();
  await bank.getByText('Repayment posted.').waitFor();

  const admin = await journey.newPage();
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto('/loans/portfolio');
  await admin.getByRole('heading', { level: 1, name: 'Loan portfolio' }).waitFor();
  await admin.getByText('NBP').first().waitFor();
});
