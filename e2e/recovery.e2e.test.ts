/**
 * Getting back in: a freelancer who forgot the password asks for a code by SMS, takes it from
 * what Markaz sent, chooses a new password and logs in; then changes the mobile number with a
 * code sent to the new one. The pages in English and Urdu at 360 and 1280 px, axe-checked.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  axeViolations,
  DEMO_PASSWORD,
  DESKTOP,
  journeyFixture,
  logIn,
  PHONE,
  screenshot,
  sentCode,
  waitForSent,
} from './harness.ts';

const journey = journeyFixture();
const NEW_PASSWORD = 'a new chai password';

const width = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function inUrdu(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('markaz.locale', 'ur'));
  await page.reload();
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
}

describe('getting back in', () => {
  test('forgot password → code by SMS → new password → log in; the old password no longer works', async () => {
    const page = await journey.newPage(PHONE);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot password?' }).first().click();
    await page.waitForURL('**/forgot-password');
    expect(await axeViolations(page), 'forgot password').toEqual([]);
    await page.getByLabel('Email, mobile number or CNIC').fill('0300 1110004');
    await page.getByRole('button', { name: 'Send me a way back in' }).click();
    await page.getByText(/a 6-digit code is on its way/).waitFor();
    await screenshot(page, 'forgot-password-sent-en-phone');
    expect(await width(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('link', { name: 'I have the code' }).click();
    await page.waitForURL('**/reset-password?login=*');
    await page.getByLabel('Code').fill(await sentCode(journey.baseUrl, '0300 1110004'));
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await screenshot(page, 'reset-password-en-phone');
    expect(await axeViolations(page), 'reset password').toEqual([]);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL('**/login?reset=1');
    await page.getByText(/every session was signed out/).waitFor();
    // The owner is told by email, in her profile's language (Urdu), with the way back in.
    expect(await waitForSent(journey.baseUrl, 'freelancer2@markaz.pk', /پاس ورڈ.*تبدیل ہو گیا/)).toContain(
      '/forgot-password',
    );
    await page.locator('#email').fill('freelancer2@markaz.pk');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('main form button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.locator('main form button[type=submit]').click();
    await page.waitForURL('**/dashboard');
  });

  test('changes the mobile number on the profile with a code sent to the new number', async () => {
    const page = await journey.newPage(DESKTOP);
    await logIn(page, 'freelancer1@markaz.pk');
    await page.goto('/profile');
    await page.getByRole('heading', { name: 'Email and mobile' }).waitFor();
    await page.getByRole('button', { name: 'Change' }).nth(1).click();
    await page.locator('#new-mobile').fill('0345 2223334');
    await page.locator('#contact-password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Send the code or link' }).click();
    await page.locator('#contact-code').waitFor();
    // The old number is told (an SMS, which waits for 08:00 in Pakistan's quiet hours; the notice
    // is in the inbox at once).
    await expect
      .poll(() => page.evaluate(() => fetch('/api/v1/notifications/inbox').then((r) => r.text())))
      .toContain('security.contact_change');
    await page.locator('#contact-code').fill(await sentCode(journey.baseUrl, '0345 2223334'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your mobile number is changed and confirmed.').waitFor();
    expect(await page.locator('.contacts').textContent()).toContain('0345 2223334');
    await screenshot(page, 'profile-contacts-en-desktop');
    expect(await axeViolations(page), 'profile contacts').toEqual([]);
  });

  test('the recovery pages in Urdu fit a phone and a desktop', async () => {
    for (const [viewport, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const page = await journey.newPage(viewport);
      await page.goto('/forgot-password');
      await inUrdu(page);
      await page.getByRole('heading', { name: 'پاس ورڈ بھول گئے' }).waitFor();
      expect(await width(page)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `forgot-password-ur-${name}`);
      for (const path of [
        '/reset-password?login=03001110003',
        '/verify-mobile?mobile=%2B923001110003',
        '/verify-email?token=x',
      ]) {
        await page.goto(path);
        await page.locator('h1').waitFor();
        expect(await width(page), path).toBeLessThanOrEqual(viewport.width);
        expect(await axeViolations(page), path).toEqual([]);
      }
      await screenshot(page, `verify-email-ur-${name}`);
      await page.goto('/login');
      await page.getByRole('link', { name: 'پاس ورڈ بھول گئے؟' }).first().waitFor();
      await screenshot(page, `login-ur-${name}`);
    }
  });
});
