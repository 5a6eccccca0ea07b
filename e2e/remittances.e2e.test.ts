/**
 * Bank-attested earnings, from each side: a freelancer gives and withdraws a bank's consent and
 * reads their months; a bank officer uploads a file in Urdu, sees each bad line named, then a
 * good one accepted; the programme admin sees the outliers only after giving a purpose; the
 * public reads declared beside attested. Every page at 360 px without sideways scrolling.
 */
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ADMIN_EMAIL, axeViolations, DESKTOP, journeyFixture, logIn, PHONE, screenshot } from './harness.ts';

const journey = journeyFixture();

async function fitsWidth(page: Page) {
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'no sideways scrolling').toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function toUrdu(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
}

/** The last month that has ended, in Pakistan. */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Karachi',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

test('a freelancer sees their months declared beside attested, gives a consent and withdraws it', async () => {
  const page = await journey.newPage(PHONE);
  await logIn(page, 'freelancer1@markaz.pk');
  await page.goto('/earnings/evidence');
  await page.getByRole('heading', { level: 1, name: 'Earnings my bank confirms' }).waitFor();
  await expect.poll(() => page.locator('[data-consent="active"]').count()).toBe(1);
  await expect.poll(() => page.locator('tr[data-outcome="differs"]').count()).toBeGreaterThan(0);
  await page.getByText('A large Upwork payment').first().waitFor();
  await fitsWidth(page);
  await screenshot(page, 'remittances-freelancer-phone');

  await page.locator('#bankId').selectOption({ label: 'National Bank of Pakistan' });
  await page.locator('#iban').fill('PK36 NBPA 0000 0000 0000 9999');
  await page.locator('#expiresOn').fill('2028-06-30');
  await page.getByRole('button', { name: 'Give consent' }).click();
  await expect.poll(() => page.locator('[data-consent="active"]').count()).toBe(2);
  const card = page.locator('[data-consent="active"]', { hasText: 'National Bank of Pakistan' });
  await card.getByRole('button', { name: 'Withdraw consent' }).click();
  await card.getByLabel('Why (for your record)').fill('Testing the consent');
  await card.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await expect.poll(() => page.locator('[data-consent="revoked"]').count()).toBe(1);

  // Ali disputes one month's bank figure: the dispute waits for the bank.
  const row = page.locator('tr[data-outcome="differs"]').first();
  await row.getByText("Dispute the bank's figure").click();
  await row.getByLabel('What the bank credited, in US dollars').fill('1800');
  await row.getByLabel('Explain (the bank reads this)').fill('A second payment arrived on the last day.');
  await row.getByRole('button', { name: 'Send to the bank' }).click();
  await row.getByText('Sent.', { exact: false }).waitFor();
  await expect.poll(() => page.locator('[data-dispute="open"]').count()).toBe(1);
  await fitsWidth(page);
  expect(await axeViolations(page)).toEqual([]);
});

test('a bank officer uploads a file in Urdu: each bad line is named, then a correction is accepted', async () => {
  const page = await journey.newPage(PHONE);
  await logIn(page, 'officer@nbp.demo.pk');
  await page.goto('/earnings/bank');
  await page.getByRole('button', { name: 'اردو' }).click();
  await page.getByRole('heading', { level: 1, name: 'تصدیق شدہ ترسیلات' }).waitFor();
  // Whom the bank may report: the consents given to it, the account masked.
  await page.getByRole('heading', { level: 2, name: 'اجازت دینے والے صارفین' }).waitFor();
  await expect.poll(() => page.locator('tr[data-consent]').count()).toBeGreaterThan(0);
  expect(await page.locator('tr[data-consent]').first().textContent()).toContain('…');
  const header =
    'month,iban,purpose_code,usd_credited,remittances,retained_usd,converted_usd,prc_ref,holder_hash';
  const month = lastMonth();
  // The bank's key for the holder hash, shown on request; the demo's Ayesha Noor holds this account.
  await page.getByRole('button', { name: 'ہماری کلید دکھائیں' }).click();
  const key = (await page.getByTestId('holder-key').textContent())!.trim();
  const holder = createHmac('sha256', Buffer.from(key, 'hex')).update('4220188800033').digest('hex');
  await page
    .locator('#csvText')
    .fill(`${header}\n${month},PK90NBPA4000000000000020,99A9,abc,2,,,,${holder}\n`);
  await page.getByRole('button', { name: 'اپ لوڈ کریں' }).click();
  const alert = page.getByRole('alert');
  await alert.getByText('سطر 2: مقصد کوڈ چار ہندسوں کا ہونا چاہیے').waitFor();
  await alert.getByText(/سطر 2: صفر سے زیادہ ڈالر/).waitFor();
  await fitsWidth(page);
  await screenshot(page, 'remittances-bank-problems-phone-ur');

  await page
    .locator('#csvText')
    .fill(`${header}\r\n${month},PK90NBPA4000000000000020,9184,1111.00,2,388.85,722.15,,${holder}\r\n`);
  await page.getByRole('button', { name: 'اپ لوڈ کریں' }).click();
  await page
    .getByRole('status')
    .getByText(/قبول|پہلے اپ لوڈ/)
    .waitFor();
  await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);

  // Ayesha Noor's dispute from the demo: the bank corrects its figure, in Urdu.
  const dispute = page.locator('tr[data-dispute="open"]').first();
  await dispute.getByLabel('آپ کا جواب').selectOption('correct');
  await dispute.getByLabel(/درست رقم/).fill('1330');
  await dispute.getByLabel(/وضاحت/).fill('The second credit was missed; corrected.');
  await dispute.getByRole('button', { name: 'جواب بھیجیں' }).click();
  await expect.poll(() => page.locator('tr[data-dispute="corrected"]').count()).toBe(1);
  await fitsWidth(page);
  await screenshot(page, 'remittances-bank-phone-ur');
});

test('a freelancer escalates a figure the bank confirmed, in Urdu; staff close it with a note', async () => {
  // Fahad Sheikh's dispute from the demo: NBP confirmed its figure, and he still disagrees.
  const page = await journey.newPage(PHONE);
  await logIn(page, 'remitter5@markaz.pk');
  await page.goto('/earnings/evidence');
  await page.getByRole('button', { name: 'اردو' }).click();
  const confirmed = page.locator('tr[data-dispute="confirmed"]');
  await confirmed.getByText('اب بھی متفق نہیں؟ پروگرام سے جائزہ لینے کو کہیں').click();
  await confirmed.getByRole('button', { name: 'پروگرام کے عملے کو بھیجیں' }).click();
  await confirmed.getByText(/کم از کم 5 حروف/).waitFor();
  await confirmed
    .getByLabel(/آپ اب بھی کیوں متفق نہیں/)
    .fill('The client paid for software work; the bank chose the code.');
  await confirmed.getByRole('button', { name: 'پروگرام کے عملے کو بھیجیں' }).click();
  await expect.poll(() => page.locator('tr[data-dispute="escalated"]').count()).toBe(1);
  await fitsWidth(page);
  await screenshot(page, 'remittances-escalated-phone-ur');

  const admin = await journey.newPage(DESKTOP);
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto('/earnings/staff');
  // Disputes show freelancers' figures: staff say why first (on the person's data-access record).
  await admin.locator('#dispute-purpose').selectOption('complaint');
  await admin.locator('form:has(#dispute-purpose)').getByRole('button', { name: 'Show' }).click();
  await admin.getByText('Escalated to you by freelancers: 1.').waitFor();
  const escalated = admin.locator('tr[data-dispute="escalated"]');
  await escalated.getByText('To programme staff: The client paid for software work').waitFor();
  await escalated.getByText('Close this dispute').click();
  await escalated
    .getByLabel(/What you found or agreed/)
    .fill('The credit advice shows code 9299 for the $180; ask the bank to re-code it.');
  await escalated.getByRole('button', { name: 'Close and tell both sides' }).click();
  await admin.getByText("Programme's note: The credit advice shows code 9299").waitFor();
  await expect.poll(() => admin.locator('tr[data-dispute="escalated"]').count()).toBe(0);
  await screenshot(admin, 'remittances-staff-escalation-desktop');
});

test('staff see the outliers only after giving a purpose; the public reads declared beside attested', async () => {
  const admin = await journey.newPage(DESKTOP);
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto('/earnings/staff');
  await admin.getByRole('heading', { level: 1, name: 'Earnings: declared and attested' }).waitFor();
  const outliers = admin.locator('form:has(#purpose)');
  await outliers.getByRole('button', { name: 'Show' }).click();
  await admin.getByText('Why you need to see individuals').first().waitFor();
  await admin.locator('#purpose').selectOption('audit');
  // Ali's explained month is the oldest of the demo's three.
  const months = await admin.locator('#month option').allTextContents();
  await admin.locator('#month').selectOption(months.at(-1)!);
  await outliers.getByRole('button', { name: 'Show' }).click();
  await admin.getByRole('rowheader', { name: 'Ali Raza' }).waitFor();
  await admin.getByText('A large Upwork payment').waitFor();
  await screenshot(admin, 'remittances-staff-desktop');

  const page = await journey.newPage(PHONE);
  await page.goto('/portal');
  await page.getByRole('link', { name: 'Export earnings: declared and bank-attested' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Export earnings: declared and bank-attested' })
    .waitFor();
  await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(3);
  await fitsWidth(page);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'remittances-public-phone');
  await toUrdu(page);
  await page.goto('/portal/earnings');
  await page
    .getByRole('heading', { level: 1, name: 'برآمدی آمدن: اعلان کردہ اور بینک سے تصدیق شدہ' })
    .waitFor();
  await page.locator('#by').selectOption('district');
  await page.waitForLoadState('networkidle');
  await fitsWidth(page);
  await screenshot(page, 'remittances-public-phone-ur');
});
