/**
 * The owner's monthly centre report: submitted in the web app, listed, and gone from the
 * programme's list of centres that have not reported.
 */
import { expect, test } from 'vitest';
import { ADMIN_EMAIL, journeyFixture, logIn, screenshot } from './harness.ts';

const journey = journeyFixture();

test('an owner files last month’s missing report and the programme sees it is no longer missing', async () => {
  const admin = await journey.newPage();
  await logIn(admin, ADMIN_EMAIL);
  await admin.goto('/owner/reports/missing');
  await admin.getByRole('heading', { level: 1, name: 'Centres that have not reported' }).waitFor();
  // The demo's Quetta centre (owner2) has not filed last month's report.
  const missing = admin.getByRole('link', { name: 'Jinnah Road e-Rozgar Centre' });
  await missing.waitFor();
  const href = (await missing.getAttribute('href'))!;

  const owner = await journey.newPage();
  await logIn(owner, 'owner2@markaz.pk');
  await owner.goto('/owner/centres');
  await owner.getByRole('link', { name: 'Monthly reports' }).first().waitFor();
  await owner.goto(href);
  await owner.getByRole('heading', { level: 1, name: 'Monthly centre reports' }).waitFor();
  // A bad percentage is refused beside its field, and nothing is saved.
  await owner.locator('#rep-internet').fill('120');
  await owner.locator('#rep-power').fill('97.5');
  await owner.getByRole('button', { name: 'Submit report' }).click();
  await owner.locator('#rep-internet-error').waitFor();
  await owner.locator('#rep-internet').fill('99.2');
  await owner.locator('#rep-trainer').fill('Asma Nadeem');
  await owner.locator('#rep-sessions').fill('6');
  await owner.locator('#rep-trained').fill('48');
  await owner.getByRole('button', { name: 'Submit report' }).click();
  await owner.getByText('Report saved.').waitFor();
  await owner.getByRole('cell', { name: '48', exact: true }).waitFor();
  await screenshot(owner, 'reports-owner');

  await admin.reload();
  await admin.getByRole('heading', { level: 1, name: 'Centres that have not reported' }).waitFor();
  await expect.poll(() => admin.getByRole('link', { name: 'Jinnah Road e-Rozgar Centre' }).count()).toBe(0);
});
