/**
 * Accessibility: axe-core's WCAG 2.1 A/AA rules on every page, in English and in Urdu, on a
 * phone-sized screen; and the keyboard basics (skip link first, focus visible).
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN_EMAIL, axeViolations, journeyFixture, logIn, PHONE } from './harness.ts';

const journey = journeyFixture();

async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.locator('main h1').waitFor();
  // Let lazy chunks and queries settle so axe sees the finished page.
  await page.waitForLoadState('networkidle');
}

async function setLang(page: Page, lang: 'en' | 'ur') {
  await page.evaluate((l) => localStorage.setItem('markaz.locale', l), lang);
}

describe.each(['en', 'ur'] as const)('pages pass axe (%s)', (lang) => {
  test('public pages', async () => {
    const context = await journey.context(PHONE);
    const page = await context.newPage();
    await page.goto('/');
    await setLang(page, lang);
    for (const path of ['/', '/portal', '/portal/centres', '/login', '/register', '/no-such-page']) {
      await visit(page, path);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await axeViolations(page), path).toEqual([]);
    }
    // A form showing its errors.
    await visit(page, '/register');
    await page.locator('main form button[type=submit]').click();
    await page.locator('#reg-name-error').waitFor();
    expect(await axeViolations(page), 'register with errors').toEqual([]);
    await context.close();
  });

  test('staff pages', async () => {
    const context = await journey.context(PHONE);
    const page = await context.newPage();
    await page.goto('/');
    await setLang(page, 'en');
    await logIn(page, ADMIN_EMAIL);
    if (lang === 'ur') {
      await page.getByRole('button', { name: /Switch language/ }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'ur');
    }
    for (const path of [
      '/dashboard',
      '/profile',
      '/admin',
      '/admin/users',
      '/admin/users/new',
      '/admin/organizations',
      '/admin/api-keys',
      '/audit',
      '/portal/promises',
    ]) {
      await visit(page, path);
      expect(await axeViolations(page), path).toEqual([]);
    }
    if (lang === 'ur') {
      // Leave the demo admin in English for other tests.
      await page.getByRole('button', { name: /English/ }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
    }
    await context.close();
  });
});

test('the skip link comes first and moves focus to the content', async () => {
  const context = await journey.context(PHONE);
  const page = await context.newPage();
  await visit(page, '/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  expect(focused).toBe('Skip to main content');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => location.hash)).toBe('#main');
  await context.close();
});
