/**
 * A new auditor sets up the second factor at the first sign-in (QR code and key, first code,
 * recovery codes shown once), then signs in with a code from the app, and once with a recovery
 * code; on a phone, in English and Urdu, with screenshots at the three widths.
 */
import { Secret, TOTP } from 'otpauth';
import { expect, test } from 'vitest';
import { DESKTOP, journeyFixture, PHONE, screenshot, staffApi } from './harness.ts';

const journey = journeyFixture();
const EMAIL = `auditor.${Date.now().toString(36)}@markaz.pk`;
const PASSWORD = 'two-factors-please';
const TABLET = { width: 768, height: 1024 };

/** A code of a time step the server has not taken yet for this account (it refuses replays). */
let lastStep = 0;
async function codeFor(secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1].find((s) => s > lastStep);
    if (step !== undefined) {
      lastStep = step;
      return totp.generate({ timestamp: step * 30_000 });
    }
    await new Promise((r) => setTimeout(r, (now + 1) * 30_000 - Date.now() + 50));
  }
}

async function password(viewport: { width: number; height: number }, lang: 'en' | 'ur' = 'en') {
  const page = await journey.newPage(viewport);
  await page.goto('/');
  await page.evaluate((l) => {
    localStorage.setItem('markaz.locale', l);
    localStorage.setItem('markaz.localeChosen', '1');
  }, lang);
  await page.goto('/login');
  await page.locator('#email').fill(EMAIL);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('main form button[type=submit]').click();
  return page;
}

test('a staff member enrols an authenticator and signs in with a code', { timeout: 240_000 }, async () => {
  const admin = await staffApi(journey.baseUrl);
  const me = (await (await admin.get('/api/v1/me')).json()) as { csrfToken: string };
  const made = await admin.post('/api/v1/users', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { role: 'auditor', name: 'Sana Auditor', email: EMAIL, password: PASSWORD },
  });
  expect(made.status(), await made.text()).toBe(201);
  await admin.dispose();

  // First sign-in: the password leads to the enrolment, nowhere else.
  const page = await password(PHONE);
  await page.waitForURL('**/sign-in/enrol**');
  await page.getByRole('img', { name: 'QR code holding your authenticator key' }).waitFor();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await screenshot(page, 'second-factor-enrol-360');
  await page.goto('/dashboard');
  await page.waitForURL('**/login**');
  await page.goBack();
  await page.waitForURL('**/sign-in/enrol**');
  const key = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await page.locator('#code').fill('000000');
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await page.getByRole('alert').waitFor();
  await page.locator('#code').fill(await codeFor(key));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await page.getByTestId('recovery-codes').waitFor();
  const codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) =>
    c.trim(),
  );
  expect(codes).toHaveLength(10);
  await screenshot(page, 'second-factor-recovery-codes-360');
  await page.getByRole('button', { name: 'I have saved them — continue' }).click();
  await page.waitForURL('**/dashboard');
  await page.context().close();

  // Next sign-in, at each width: the code step, then in.
  for (const [viewport, name] of [
    [TABLET, '768'],
    [DESKTOP, '1280'],
  ] as const) {
    const p = await password(viewport);
    await p.waitForURL('**/sign-in/code**');
    await screenshot(p, `second-factor-code-${name}`);
    await p.locator('#code').fill(await codeFor(key));
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await p.waitForURL('**/dashboard');
    await p.context().close();
  }

  // In Urdu on a phone, with a recovery code: it works once.
  const ur = await password(PHONE, 'ur');
  await ur.waitForURL('**/sign-in/code**');
  await ur.getByRole('button', { name: 'فون گم ہو گیا؟ ریکوری کوڈ استعمال کریں' }).click();
  await ur.locator('#recoveryCode').fill(codes[0]!);
  await screenshot(ur, 'second-factor-recovery-ur-360');
  await ur.getByRole('button', { name: 'لاگ اِن کریں', exact: true }).click();
  await ur.waitForURL('**/dashboard');
  await ur.context().close();
  const again = await password(PHONE);
  await again.waitForURL('**/sign-in/code**');
  await again.getByRole('button', { name: 'Lost your phone? Use a recovery code' }).click();
  await again.locator('#recoveryCode').fill(codes[0]!);
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await again.locator('#recoveryCode-error').waitFor();
  expect(again.url()).toMatch(/sign-in\/code/);
  await again.context().close();
});
