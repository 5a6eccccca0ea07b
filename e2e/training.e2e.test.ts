/**
 * The training journey: a freelancer finds the open cohort, applies (each rule answers), staff run
 * the admission from their page, and the freelancer sees "Admitted" with the reasons, then the
 * same pages in Urdu; the trainer's and staff's pages at three widths.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN_EMAIL, DESKTOP, journeyFixture, logIn, PHONE, screenshot } from './harness.ts';

const journey = journeyFixture();
const TABLET = { width: 768, height: 1000 };

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('training', () => {
  test('apply → admitted, in English and Urdu, at 360, 768 and 1280 px', async () => {
    const page = await (await journey.context(PHONE)).newPage();
    await logIn(page, 'freelancer1@markaz.pk');
    await page.goto('/training');
    await page.getByRole('heading', { level: 1, name: 'Training courses' }).waitFor();
    const card = page.locator('[data-cohort]').first();
    await card.getByRole('button', { name: 'Apply' }).click();
    const district = card.locator('select');
    await district.locator('option').nth(1).waitFor({ state: 'attached' });
    await district.selectOption({ index: 1 });
    await card.locator('input[type=date]').fill('1998-04-10');
    await card.getByLabel('Marks in your last exam (%)').fill('81');
    await card.getByRole('button', { name: 'Send application' }).click();
    await card.getByText('Applied', { exact: true }).waitFor();
    await card.locator('.reason--ok').first().waitFor();
    await screenshot(page, 'training-apply-en-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);

    const staff = await (await journey.context(DESKTOP)).newPage();
    await logIn(staff, ADMIN_EMAIL);
    await staff.goto('/training/manage');
    await staff.getByRole('heading', { level: 1, name: 'Training: courses and stipends' }).waitFor();
    await staff.getByRole('button', { name: 'Run admission' }).first().click();
    await staff.getByRole('button', { name: 'Run admission' }).waitFor({ state: 'detached' });
    await staff.locator('[data-stipend=withheld]').first().waitFor();
    await screenshot(staff, 'training-manage-en-desktop');

    await page.goto('/training/mine');
    await page.getByTestId('enrolment-status').first().waitFor();
    await expect.poll(() => page.getByTestId('enrolment-status').first().textContent()).toBe('Admitted');
    await screenshot(page, 'training-mine-en-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('button', { name: /Switch language/ }).click();
    await page.getByRole('heading', { level: 1, name: 'میری تربیت' }).waitFor();
    await screenshot(page, 'training-mine-ur-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto('/training');
    await page.getByRole('heading', { level: 1, name: 'تربیتی کورسز' }).waitFor();
    await page.getByTestId('trained').waitFor();
    await screenshot(page, 'training-find-ur-phone');
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);

    for (const [name, size] of [
      ['phone', PHONE],
      ['tablet', TABLET],
      ['desktop', DESKTOP],
    ] as const) {
      await staff.setViewportSize(size);
      await staff.goto('/training/manage');
      await staff.locator('[data-stipend]').first().waitFor();
      await screenshot(staff, `training-manage-en-${name}`);
      expect(await overflow(staff), name).toBeLessThanOrEqual(size.width);
      const trainer = await (await journey.context(size)).newPage();
      await logIn(trainer, 'trainer1@markaz.pk');
      await trainer.goto('/training/teach');
      await trainer.getByRole('heading', { level: 1, name: 'My cohorts' }).waitFor();
      await trainer.locator('.session-row').first().waitFor();
      await screenshot(trainer, `training-teach-en-${name}`);
      expect(await overflow(trainer), name).toBeLessThanOrEqual(size.width);
      await trainer.context().close();
    }
  });
});
