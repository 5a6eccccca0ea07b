/**
 * The startup fund from application to public record, through the real web app in Chromium: a
 * founder registers a startup and applies (first with an unverified lead, refused with the rule's
 * reason, then with a verified foreign lead), the admin's decision is refused without the committee's
 * quorum, a committee member declares no conflict and scores, the admin approves, the founder shows that half the foreign money arrived, the admin accepts it
 * and pays what is due (half the grant), and the public page lists the startup as part-paid, in
 * English and Urdu. Screenshots at 360x780 go to e2e/screenshots/.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  ADMIN_EMAIL,
  DEMO_PASSWORD,
  journeyFixture,
  PHONE,
  passSecondFactor,
  screenshot,
} from './harness.ts';

const journey = journeyFixture();

async function loggedIn(email: string, errors: string[]): Promise<Page> {
  const context = await journey.context(PHONE);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.locator('main').getByRole('button', { name: 'Log in' }).click();
  await passSecondFactor(page, email);
  return page;
}

/** The card of the startup's grant on the current page. */
const grantCard = (page: Page, name: string): Locator =>
  page.locator('[data-testid="fund-grant"]', { hasText: name });

async function optionValue(select: Locator, text: string): Promise<string> {
  return (await select.locator('option', { hasText: text }).first().getAttribute('value'))!;
}

describe('startup fund', () => {
  test('a founder applies, the committee scores, staff approve and pay pro rata, the public sees it', async () => {
    const errors: string[] = [];
    const founder = await loggedIn('founder1@markaz.pk', errors);
    await founder.goto('/fund/mine');
    await founder.getByText('Register a startup').click();
    await founder.locator('#fund-startup-name').fill('Journey Labs');
    await founder.locator('#fund-startup-incorporationNo').fill('0999001');
    await founder.locator('#fund-startup-founders-0-name').fill('Hira Baloch');
    await founder.locator('#fund-startup-founders-0-cnic').fill('bad');
    await founder.locator('[data-testid="fund-startup"]').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => founder.locator('#fund-startup-founders-0-cnic-error').textContent())
      .toContain('CNIC');
    await founder.locator('#fund-startup-founders-0-cnic').fill('42101-7770000-0');
    await founder.locator('[data-testid="fund-startup"]').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => founder.locator('#fund-apply-form-startupId').textContent())
      .toContain('Journey Labs');

    const form = founder.locator('[data-testid="fund-apply-form"]');
    const lead = founder.locator('#fund-apply-form-investors-0-investorId');
    // Several investors: a row is added and removed again.
    const rows = form.locator('[data-testid="fund-apply-investor-row"]');
    await form.getByRole('button', { name: 'Add an investor' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await form.getByRole('button', { name: 'Remove (Investor 2)' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await founder
      .locator('#fund-apply-form-startupId')
      .selectOption(await optionValue(founder.locator('#fund-apply-form-startupId'), 'Journey Labs'));
    await lead.selectOption(await optionValue(lead, 'Atlas Growth'));
    await founder.locator('#fund-apply-form-investors-0-amountMinor').fill('700000');
    await founder.locator('#fund-apply-form-roundMinor').fill('1000000');
    await founder.locator('#fund-apply-form-requestedMinor').fill('300000');
    await founder.locator('#fund-apply-form-documents-0-reference').fill('TS-J1');
    await founder.locator('#fund-apply-form-documents-1-reference').fill('SA-J1');
    await form.getByRole('button', { name: 'Send application' }).click();
    await expect
      .poll(() => founder.locator('[data-testid="fund-refusals"]').textContent())
      .toContain('must be verified');
    await screenshot(founder, 'fund-refused-en-360');
    await lead.selectOption(await optionValue(lead, 'Crescent'));
    await form.getByRole('button', { name: 'Send application' }).click();
    await expect
      .poll(() => grantCard(founder, 'Journey Labs').locator('[data-testid="grant-stage"]').textContent())
      .toBe('Applied');

    // Before any committee member has scored, the decision is refused, naming the quorum.
    const admin = await loggedIn(ADMIN_EMAIL, errors);
    await admin.goto('/fund/manage');
    const staffCard = grantCard(admin, 'Journey Labs');
    await staffCard.locator('input[id$="-reason"]').fill('Too early');
    await staffCard.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => staffCard.locator('[id$="-decision-error"]').textContent()).toContain('quorum');
    await expect.poll(() => admin.locator('[data-testid="fund-rules"]').textContent()).toContain('quorum 1');

    const evaluator = await loggedIn('evaluator1@markaz.pk', errors);
    await evaluator.goto('/fund/committee');
    const item = evaluator.locator('[data-testid="fund-queue-item"]', { hasText: 'Journey Labs' });
    await item.getByRole('button', { name: 'No conflict' }).click();
    await item.locator('input[id$="-score"]').fill('82');
    await item.getByRole('button', { name: 'Send score' }).click();
    await expect.poll(() => item.textContent()).toContain('1 scored');

    await admin.reload();
    await staffCard.locator('input[id$="-reason"]').fill('Verified lead, strong team');
    await staffCard.getByRole('button', { name: 'Approve' }).click();
    // The decision commits and refreshes every staff list (rules, investors too): allow a loaded machine.
    await expect
      .poll(() => staffCard.locator('[data-testid="grant-stage"]').textContent(), { timeout: 15_000 })
      .toBe('Approved');

    await founder.goto('/fund/mine');
    const mine = grantCard(founder, 'Journey Labs');
    await mine.locator('input[id$="-amountMinor"]').fill('350000');
    await mine.locator('input[id$="-evidence"]').fill('SWIFT MT103 J-1');
    await mine.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(() => mine.textContent()).toContain('Waiting for review');

    await admin.reload();
    await staffCard.getByRole('button', { name: /Accept: Crescent/ }).click();
    await expect
      .poll(() => staffCard.locator('[data-testid="grant-entitled"]').textContent())
      .toContain('150,000');
    await staffCard.getByTestId('fund-pay').click();
    await expect.poll(() => staffCard.locator('[data-testid="grant-stage"]').textContent()).toBe('Part-paid');
    expect(await staffCard.locator('[data-testid="grant-paid"]').textContent()).toContain('150,000');

    const visitor = await (await journey.context(PHONE)).newPage();
    await visitor.goto('/fund');
    const listed = visitor.locator('[data-testid="fund-grants"] li', { hasText: 'Journey Labs' });
    await expect.poll(() => listed.textContent()).toContain('Part-paid');
    expect(await visitor.content()).not.toContain('42101-7770000-0');
    await screenshot(visitor, 'fund-public-en-360');
    await visitor
      .getByRole('button', { name: /Switch language|اردو/ })
      .first()
      .click();
    await visitor.waitForFunction(() => document.documentElement.lang === 'ur');
    await expect.poll(() => listed.textContent()).toContain('جزوی ادائیگی');
    await screenshot(visitor, 'fund-public-ur-360');
    expect(
      await visitor.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      ),
    ).toBe(true);
    expect(errors).toEqual([]);
  });
});
