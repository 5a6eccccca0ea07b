/**
 * People's rights over their data (issue 22, decision 0058) in Chromium: a freelancer finds "My
 * data" from the profile, downloads their data, asks to correct their CNIC (a bad value is refused
 * at the field); the admin opens the request with a purpose and approves the demo's name
 * correction; the closures page shows the demo's closed account; retention periods. On a phone in
 * Urdu: My data with a closure refused for a wrong password, and the privacy notice's links.
 */
import { expect, test } from 'vitest';
import { ADMIN_EMAIL, axeViolations, DESKTOP, journeyFixture, logIn, PHONE, screenshot } from './harness.ts';

const journey = journeyFixture();
const FREELANCER = 'freelancer1@markaz.pk';

test('download my data, ask for a correction; staff review corrections, closures and retention', async () => {
  const ctx = await journey.context(DESKTOP);
  const page = await ctx.newPage();
  await logIn(page, FREELANCER);
  await page.goto('/profile');
  await page.getByRole('link', { name: 'My data: download it, or close my account' }).click();
  await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'rights-my-data-en-desktop');
  const json = await ctx.request.get('/api/v1/me/data-export.json');
  expect(json.status()).toBe(200);
  expect(await json.text()).toContain(FREELANCER);
  const pdf = await ctx.request.get('/api/v1/me/data-export.pdf?lang=ur');
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  await page.getByRole('link', { name: 'Ask for a correction' }).click();
  await page.getByRole('heading', { level: 1, name: 'Correct my data' }).waitFor();
  // The demo's pending request to correct the name is listed.
  await page.getByText('Ali Raza Khan').waitFor();
  await page.locator('#corr-field').selectOption('cnic');
  await page.locator('#corr-value').fill('12345');
  await page.locator('#corr-reason').fill('A digit was typed wrong');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.locator('#corr-value-error').waitFor();
  await page.locator('#corr-value').fill('36302-1111111-4');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.getByText('Request sent.').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'rights-corrections-en-desktop');

  const staffCtx = await journey.context(DESKTOP);
  const staff = await staffCtx.newPage();
  await logIn(staff, ADMIN_EMAIL);
  await staff.goto('/admin/corrections');
  await staff.getByRole('heading', { level: 1, name: 'Correction requests' }).waitFor();
  await staff.getByText('36302-*****11-4').waitFor();
  const nameCard = staff.locator('li.card', { hasText: 'Asked for: Ali Raza Khan' });
  await nameCard.getByRole('button', { name: 'Open in full' }).click();
  await nameCard.getByText('Ali Raza', { exact: true }).waitFor();
  await nameCard.getByLabel('Reason (the person is told)').fill('Matches the CNIC shown at the desk');
  await nameCard.getByRole('button', { name: /Approve and correct/ }).click();
  await nameCard.waitFor({ state: 'detached' });
  expect(await axeViolations(staff)).toEqual([]);
  await screenshot(staff, 'rights-corrections-review-en-desktop');
  const me = await (await ctx.request.get('/api/v1/me')).json();
  expect(me.user.name).toBe('Ali Raza Khan');

  await staff.goto('/admin/closures');
  await staff.getByRole('heading', { level: 1, name: 'Account closures' }).waitFor();
  await staff.getByText('Closed account').first().waitFor();
  await screenshot(staff, 'rights-closures-en-desktop');
  await staff.goto('/admin/retention');
  await staff.getByText('one_time_tokens').waitFor();
  expect(await axeViolations(staff)).toEqual([]);
  await screenshot(staff, 'rights-retention-en-desktop');
});

test('in Urdu on a phone: my data, a closure refused for a wrong password, the privacy notice', async () => {
  const ctx = await journey.context(PHONE);
  const page = await ctx.newPage();
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
  await logIn(page, 'freelancer2@markaz.pk');
  await page.goto('/me/data');
  await page.getByRole('heading', { level: 1, name: 'میرا ڈیٹا' }).waitFor();
  await page.locator('#close-password').fill('not-my-password');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'میرا اکاؤنٹ بند کریں' }).click();
  await page.locator('#close-password[aria-invalid="true"]').waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'rights-my-data-ur-phone');
  expect((await ctx.request.get('/api/v1/me')).status()).toBe(200);

  await page.goto('/privacy');
  await page.getByRole('link', { name: 'میرے ڈیٹا کی درستی کی درخواست' }).waitFor();
  await screenshot(page, 'rights-privacy-ur-phone');
});
