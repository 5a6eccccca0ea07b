/**
 * Centre selection from opening to decision, through the real web app in Chromium: the admin
 * creates and publishes a call, two owners apply (draft, upload, submit), the admin assigns
 * evaluators, three evaluators declare no conflict and score, the admin closes the call and
 * confirms the ranking, and the first owner sees "Shortlisted, rank 1". Screenshots of the key
 * pages in English and Urdu at 360x780 go to e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ADMIN_EMAIL,
  axeViolations,
  DEMO_PASSWORD,
  ensureWebBuilt,
  launchBrowser,
  navLink,
  newContext,
  PHONE,
  passSecondFactor,
  type RunningServer,
  screenshot,
  startServer,
} from './harness.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// The smallest valid PNG (1x1), so the upload is checked by content like any photo.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function loggedIn(email: string, errors: string[]): Promise<Page> {
  const context = await newContext(browser, server.baseUrl, PHONE);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.locator('main').getByRole('button', { name: 'Log in' }).click();
  await passSecondFactor(page, email);
  return page;
}

async function htmlDir(page: Page) {
  return page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
}

/**
 * Switches the page's language with the header button. A logged-in person's choice is saved to
 * their profile; wait for that, or the next page load would apply the old saved language.
 */
async function switchLanguage(page: Page, to: 'ur' | 'en', saved: boolean): Promise<void> {
  const button = page.getByRole('button', { name: to === 'ur' ? /Switch language/ : /English/ });
  if (saved) {
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH'),
      button.click(),
    ]);
  } else await button.click();
  await expect
    .poll(() => htmlDir(page))
    .toEqual(to === 'ur' ? { dir: 'rtl', lang: 'ur' } : { dir: 'ltr', lang: 'en' });
}

type Building = {
  name: string;
  address: string;
  province: string;
  lat: string;
  lng: string;
  loan: string;
  tooMuch?: string;
};

/** An owner applies: a draft first, a photo, then submission with its confirmation. */
async function apply(page: Page, callId: string, b: Building, shots?: string): Promise<string> {
  await page.goto(`/calls/${callId}`);
  await page.locator('main').getByRole('link', { name: 'Apply', exact: true }).click();
  await page.waitForURL(`**/calls/${callId}/apply`);
  await page.locator('#buildingName').fill(b.name);
  await page.locator('#address').fill(b.address);
  await page.locator('#provinceCode').selectOption(b.province);
  // The province's cities load from /api/v1/geo; take the first.
  await expect.poll(() => page.locator('#cityId option').count()).toBeGreaterThan(1);
  await page.locator('#cityId').selectOption({ index: 1 });
  await page.locator('#latitude').fill(b.lat);
  await page.locator('#longitude').fill(b.lng);
  await page.getByText(/Inside Pakistan; nearest city/).waitFor();
  // The nearest city to the typed point can replace the one picked from the list.
  const nearest = page.getByRole('button', { name: /^Set the city to / });
  if (await nearest.isVisible()) {
    const name = ((await nearest.textContent()) ?? '').replace('Set the city to ', '');
    await nearest.click();
    await expect.poll(() => page.locator('#cityId option:checked').textContent()).toBe(name);
  }
  await page.locator('#coveredAreaSqft').fill('6000');
  await page.locator('#hotDesks').fill('60');
  await page.locator('#cabins').fill('8');
  await page.locator('#meetingRooms').fill('2');
  await page.locator('#trainingRooms').fill('1');
  await page.locator('#internetMbps').fill('500');
  await page.locator('#internetProvider').fill('Nayatel');
  await page.getByLabel('The connection is fibre').check();
  await page.locator('#backupKva').fill('50');
  await page.locator('#backupHours').fill('10');
  await page.locator('#facilities').fill('UPS, prayer room, ramp and lift');
  await page.locator('#readinessDate').fill('2027-01-15');
  await page.locator('#loanRupees').fill(b.loan);
  if (shots) await screenshot(page, `${shots}-apply-en-phone`);
  if (b.tooMuch) {
    // Above the call's cap: the server's message sits beside the loan input, tied to it.
    await page.locator('#loanRupees').fill(b.tooMuch);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page
      .locator('#loanRupees-error')
      .getByText(/loan cap/)
      .waitFor();
    expect(await page.locator('#loanRupees').getAttribute('aria-describedby')).toContain('loanRupees-error');
    expect(await page.getByRole('alert').first().textContent()).toContain('Some fields need fixing');
    if (shots) await screenshot(page, `${shots}-apply-error-en-phone`, false);
    await page.locator('#loanRupees').fill(b.loan);
  }
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL('**/applications/*/edit');
  await page.getByText(/Draft saved at/).waitFor();
  const appId = /applications\/([^/]+)\/edit/.exec(page.url())![1]!;

  await page.locator('#doc-kind').selectOption('photo');
  await page.locator('#doc-title').fill('Front of the building');
  await page.locator('#doc-file').setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.getByRole('link', { name: 'Front of the building' }).waitFor();

  await page.getByRole('button', { name: 'Submit application' }).click();
  await page.getByText(/Submission is final/).waitFor();
  await page.getByRole('button', { name: 'Yes, submit' }).click();
  await page.waitForURL(`**/applications/${appId}?submitted=1`);
  await page.getByText('Your application has been submitted.', { exact: false }).waitFor();
  const reference = (await page.locator('main [dir="ltr"]').first().textContent())?.trim() ?? '';
  expect(reference).toMatch(/^EOI-/);
  return reference;
}

/** An evaluator declares no conflict and scores every criterion, then submits. */
async function evaluate(page: Page, reference: string, score: number, shots?: string): Promise<void> {
  await page.goto('/evaluations');
  await page.locator('main').getByRole('link', { name: reference, exact: true }).click();
  await page.getByRole('heading', { name: 'Conflict of interest' }).waitFor();
  // The application's details are hidden until the declaration.
  expect(await page.getByText('Street address').count()).toBe(0);
  if (shots) await screenshot(page, `${shots}-declare-en-phone`);
  await page.getByLabel('I have no conflict of interest').check();
  await page.getByRole('button', { name: 'Send declaration' }).click();
  await page.getByRole('heading', { name: 'Scores' }).waitFor();
  const n = await page.locator('input[id^="score-"]').count();
  expect(n).toBe(7);
  for (let i = 0; i < n; i++) {
    await page.locator(`#score-${i}`).fill(String(score));
    await page.locator(`#comment-${i}`).fill(score >= 8 ? 'Strong' : 'Adequate');
  }
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft scores saved.').waitFor();
  if (shots) {
    await screenshot(page, `${shots}-score-en-phone`);
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.getByRole('button', { name: 'Submit scores' }).click();
  await page.getByRole('button', { name: 'Yes, submit scores' }).click();
  await page.getByRole('heading', { name: 'Your submitted scores' }).waitFor();
}

describe('centre selection', () => {
  test('a call runs from opening to decision in the web app', async () => {
    const errors: string[] = [];

    // The programme admin creates a call (defaults prefilled) and publishes it.
    const admin = await loggedIn(ADMIN_EMAIL, errors);
    await (await navLink(admin, 'Calls', { exact: true })).click();
    await admin.getByRole('heading', { name: 'Calls for buildings' }).waitFor();
    await admin.locator('main').getByRole('link', { name: 'New call', exact: true }).click();
    await admin.waitForURL('**/calls/new');
    expect(await admin.locator('#quota-PB').inputValue()).toBe('149');
    await admin.locator('#titleEn').fill('E2E pilot call');
    await admin.locator('#titleUr').fill('آزمائشی کال');
    await admin.locator('#descriptionEn').fill('A short call opened by the browser journey.');
    await screenshot(admin, 'call-editor-en-phone', false);
    await admin.getByRole('button', { name: 'Create draft call' }).click();
    await admin.waitForURL('**/calls/*/manage?saved=1');
    const callId = /calls\/([^/]+)\/manage/.exec(admin.url())![1]!;
    await admin.getByRole('button', { name: 'Publish' }).click();
    await admin.getByRole('button', { name: 'Yes, publish' }).click();
    await admin.getByRole('button', { name: 'Close now' }).waitFor();

    // Anyone can read it.
    const visitorCtx = await newContext(browser, server.baseUrl, PHONE);
    const visitor = await visitorCtx.newPage();
    await visitor.goto('/calls');
    await visitor.getByRole('link', { name: 'E2E pilot call' }).click();
    await visitor.getByRole('heading', { name: 'Evaluation criteria' }).waitFor();
    await visitor.getByText('Rs 1,00,00,000', { exact: false }).first().waitFor();
    await screenshot(visitor, 'call-detail-en-phone');
    expect(await axeViolations(visitor)).toEqual([]);

    // Two owners apply.
    const owner1 = await loggedIn('owner1@markaz.pk', errors);
    const ref1 = await apply(
      owner1,
      callId,
      {
        name: 'Liberty Tech Hall',
        address: '22 Main Boulevard, Gulberg III, Lahore',
        province: 'PB',
        lat: '31.5204',
        lng: '74.3587',
        loan: '4,500,000',
        tooMuch: '10,000,000.01',
      },
      'owner1',
    );
    const owner2 = await loggedIn('owner2@markaz.pk', errors);
    const ref2 = await apply(owner2, callId, {
      name: 'Saddar Freelance House',
      address: '9 Abdullah Haroon Road, Saddar, Karachi',
      province: 'SD',
      lat: '24.8607',
      lng: '67.0011',
      loan: '3000000.50',
    });
    expect(ref1).not.toBe(ref2);

    // The admin assigns evaluators automatically.
    await admin.goto(`/calls/${callId}/manage`);
    await admin.getByRole('button', { name: 'Assign evaluators automatically' }).click();
    await admin.getByText('6 assignments made.').waitFor();
    await screenshot(admin, 'call-board-en-phone');

    // Three evaluators declare no conflict and score.
    for (const [i, email] of [
      'evaluator1@markaz.pk',
      'evaluator2@markaz.pk',
      'evaluator3@markaz.pk',
    ].entries()) {
      const ev = await loggedIn(email, errors);
      await evaluate(ev, ref1, 9, i === 0 ? 'evaluator1' : undefined);
      await evaluate(ev, ref2, 6);
      await ev.context().close();
    }

    // The admin closes the call, reviews the ranking and confirms the decision.
    await admin.goto(`/calls/${callId}/manage`);
    await admin.getByRole('button', { name: 'Close now' }).click();
    await admin.getByRole('button', { name: 'Yes, close' }).click();
    await admin.getByRole('heading', { name: 'Ranking preview' }).waitFor();
    await expect.poll(() => admin.getByRole('button', { name: 'Confirm decision' }).isEnabled()).toBe(true);
    await screenshot(admin, 'call-ranking-en-phone');
    expect(await axeViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Confirm decision' }).click();
    await admin.getByText(/happens once and cannot be undone/).waitFor();
    await admin.getByRole('button', { name: 'Yes, confirm the decision' }).click();
    await admin.getByRole('heading', { name: 'Confirmed ranking' }).waitFor();

    // The first owner sees "Shortlisted, rank 1".
    await owner1.goto('/applications');
    const card = owner1.locator(`li[data-reference="${ref1}"]`);
    await card.getByText('Shortlisted').waitFor();
    expect(await card.getByTestId('rank').textContent()).toBe('1');
    await card.getByRole('link', { name: 'Liberty Tech Hall' }).click();
    await expect.poll(() => owner1.getByTestId('result').textContent()).toBe('Shortlisted · rank 1');
    await screenshot(owner1, 'application-decided-en-phone');

    // The public ranking, with the quota bars.
    await visitor.goto(`/calls/${callId}`);
    await visitor.getByRole('heading', { name: 'Published ranking' }).waitFor();
    await visitor.getByRole('cell', { name: ref1 }).waitFor();
    await screenshot(visitor, 'call-results-en-phone');

    // The same pages in Urdu, right to left.
    await switchLanguage(visitor, 'ur', false);
    await visitor.getByRole('heading', { name: 'شائع شدہ درجہ بندی' }).waitFor();
    await screenshot(visitor, 'call-results-ur-phone');
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.goto('/calls');
    await visitor.getByRole('heading', { name: 'عمارتوں کے لیے کالز' }).waitFor();
    await screenshot(visitor, 'calls-list-ur-phone');

    await switchLanguage(owner1, 'ur', true);
    await expect.poll(() => owner1.getByTestId('result').textContent()).toBe('منتخب · درجہ 1');
    await screenshot(owner1, 'application-decided-ur-phone');
    await owner1.goto(`/calls/${callId}`);
    await owner1.goto('/applications');
    await owner1.getByRole('heading', { name: 'میری درخواستیں' }).waitFor();
    await screenshot(owner1, 'my-applications-ur-phone');
    // Back to English for the next run's demo user.
    await switchLanguage(owner1, 'en', true);

    await switchLanguage(admin, 'ur', true);
    await admin.getByRole('heading', { name: 'تصدیق شدہ درجہ بندی' }).waitFor();
    await screenshot(admin, 'call-ranking-ur-phone');
    await admin.goto('/calls/new');
    await admin.getByRole('heading', { name: 'نئی کال' }).waitFor();
    await screenshot(admin, 'call-editor-ur-phone', false);
    await switchLanguage(admin, 'en', true);

    // An owner drafting in Urdu sees the form right to left.
    await switchLanguage(owner2, 'ur', true);
    await owner2.goto('/calls');
    await owner2.getByRole('heading', { name: 'عمارتوں کے لیے کالز' }).waitFor();
    const openDemo = owner2.getByRole('link', { name: 'دوسرا مرحلہ: ضلعی مراکز' });
    await openDemo.click();
    await owner2.locator('main').getByRole('link', { name: 'درخواست دیں', exact: true }).click();
    await owner2.locator('#buildingName').waitFor();
    await screenshot(owner2, 'apply-ur-phone');
    expect(await axeViolations(owner2)).toEqual([]);
    await switchLanguage(owner2, 'en', true);

    expect(errors).toEqual([]);
  });

  test('an owner appeals a decision and the admin resolves it; a recusal asks for reassignment', async () => {
    const errors: string[] = [];
    // The demo's first-phase call was decided five days ago; its appeal window is open.
    const owner2 = await loggedIn('owner2@markaz.pk', errors);
    await owner2.goto('/applications');
    await owner2.getByRole('link', { name: 'Qasimabad Tech House' }).click();
    await owner2.getByRole('heading', { name: 'Appeal the decision' }).waitFor();
    const reference = (await owner2.locator('main p [dir="ltr"]').first().textContent())?.trim() ?? '';
    await owner2.getByRole('button', { name: 'Send appeal' }).click();
    await owner2.locator('#appeal-text-error').waitFor();
    await owner2
      .getByLabel('Your appeal')
      .fill('The backup generator was installed last month; the evaluators saw old photos.');
    await owner2.getByRole('button', { name: 'Send appeal' }).click();
    await owner2.getByText('Appeal pending').waitFor();
    await screenshot(owner2, 'appeal-filed-en-phone');

    const admin = await loggedIn(ADMIN_EMAIL, errors);
    await admin.goto('/calls');
    await admin.getByRole('link', { name: 'First phase, 250 centres' }).click();
    await admin.locator('main').getByRole('link', { name: 'Manage', exact: true }).click();
    await admin.getByRole('heading', { name: 'Appeals' }).waitFor();
    const item = admin.locator('li.card', { hasText: reference }).filter({ hasText: 'Appeal pending' });
    await item.getByLabel('Rejected').check();
    await item.getByLabel('Reason').fill('The scores reflect the building as inspected on the closing date.');
    await item.getByRole('button', { name: 'Resolve' }).click();
    await admin.locator('li.card', { hasText: reference }).getByText('Appeal rejected').waitFor();
    await screenshot(admin, 'appeals-en-phone');

    await owner2.reload();
    await owner2.getByText('Appeal rejected').waitFor();
    await owner2.getByText('as inspected on the closing date', { exact: false }).waitFor();

    // A declared conflict recuses the evaluator and flags the application for reassignment.
    const ev = await loggedIn('evaluator1@markaz.pk', errors);
    await ev.goto('/evaluations');
    const row = ev.locator('tr', { hasText: 'Bosan Road Tech Centre' });
    const bosan = ((await row.locator('a').textContent()) ?? '').trim();
    await row.getByRole('link').click();
    await ev.getByLabel('I have a conflict of interest').check();
    await ev.getByRole('button', { name: 'Send declaration' }).click();
    await ev.locator('#coi-note-error, [role="alert"]').first().waitFor();
    await ev.getByLabel('Describe the conflict').fill('The owner is my cousin.');
    await ev.getByRole('button', { name: 'Send declaration' }).click();
    await ev.getByText('You declared a conflict of interest').waitFor();

    await admin.goto('/calls');
    await admin.getByRole('link', { name: 'Second phase: district centres' }).click();
    await admin.locator('main').getByRole('link', { name: 'Manage', exact: true }).click();
    const card = admin.locator(`li[data-reference="${bosan}"]`);
    await card.getByText('Needs reassignment').waitFor();
    await card.getByText('Evaluators', { exact: true }).click();
    await card.getByText('The owner is my cousin.', { exact: false }).waitFor();
    await screenshot(admin, 'board-recused-en-phone');

    expect(errors).toEqual([]);
  });
});
