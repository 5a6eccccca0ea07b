/**
 * Starts what a browser journey needs: the built web app, a real Markaz server on a free port
 * with a fresh data folder (demo data loads on first start), and Debian's Chromium driven by
 * playwright-core.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { type Browser, type BrowserContext, chromium, type Page, request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, type TestContext } from 'vitest';
import { startMarkazProcess } from '../src/testing/markaz-process.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
export const DEMO_PASSWORD = 'markaz-demo-2026';
export const ADMIN_EMAIL = 'admin@markaz.pk';
/** The demo staff's authenticator key (src/modules/identity/identity.demo.ts, decision 0040). */
export const DEMO_TOTP_SECRET = 'MARKAZDEMOSTAFFSECONDFACTORKEY23';
const DEMO_TOTP = new TOTP({
  secret: Secret.fromBase32(DEMO_TOTP_SECRET),
  digits: 6,
  period: 30,
  algorithm: 'SHA1',
});
const STEP_MS = 30_000;
const lastStep = new Map<string, number>();

/**
 * A code for a demo staff account that the server has not taken yet: it refuses a code of a time
 * step it already accepted (replay), so a journey signing the same account in twice within 30
 * seconds uses the next step's code (the server accepts one step either side), or waits for it.
 */
export async function demoCode(origin: string, email: string): Promise<string> {
  const key = `${origin}|${email.toLowerCase()}`;
  for (;;) {
    const now = Math.floor(Date.now() / STEP_MS);
    const last = lastStep.get(key) ?? Number.NEGATIVE_INFINITY;
    const step = [now, now + 1].find((s) => s > last);
    if (step !== undefined) {
      lastStep.set(key, step);
      return DEMO_TOTP.generate({ timestamp: step * STEP_MS });
    }
    await new Promise((r) => setTimeout(r, (now + 1) * STEP_MS - Date.now() + 50));
  }
}
export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 860 };

export function ensureWebBuilt(): void {
  // Vitest sets NODE_ENV=test, and Vite would then build React's development bundle.
  execSync('node scripts/ensure-web.mjs', {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export type RunningServer = { baseUrl: string; logs: () => string; stop: () => Promise<void> };

/** Starts `node bin/markaz.js serve` with a fresh data folder (demo data loads) until /readyz is 200. */
export async function startServer(
  timeoutMs = 180_000,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'markaz-e2e-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const server = await startMarkazProcess({
      env: {
        MARKAZ_DATA_DIR: dataDir,
        MARKAZ_SCRYPT_COST: '1024',
        MARKAZ_LOG_LEVEL: 'warn',
        // Journeys read the code a person would get on their phone from the local outbox.
        MARKAZ_OUTBOX_SHOWS_CODES: '1',
        ...env,
      },
      timeoutMs,
      pollMs: 250,
    });
    return {
      baseUrl: server.baseUrl,
      logs: server.output,
      stop: async () => {
        await server.stop();
        removeDir();
      },
    };
  } catch (err) {
    removeDir();
    throw err;
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Every browser profile a journey opened and has not closed yet (see closeContextsAfterEach). */
const openContexts = new Set<BrowserContext>();

/** A fresh browser profile (own cookies and localStorage) sized like a phone or a desktop. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number } = PHONE,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'en-GB' });
  // Generous waits: a 2-core machine shared with other test runs can be slow, never wrong.
  context.setDefaultTimeout(60_000);
  openContexts.add(context);
  context.once('close', () => openContexts.delete(context));
  return context;
}

/** Settles within `ms` whatever happens: a stalled page must not stall the report about it. */
function within<T>(ms: number, work: Promise<T>, otherwise: T): Promise<T> {
  return Promise.race([
    work.catch(() => otherwise),
    new Promise<T>((r) => setTimeout(() => r(otherwise), ms)),
  ]);
}

/**
 * After a failed journey: what each open page looked like. Whether the page was visible and
 * drawing frames tells a broken page from a browser that stopped rendering (a click waits for
 * two animation frames to call its target stable, and hangs if none come).
 */
async function describeOpenPages(name: string): Promise<void> {
  let n = 0;
  for (const context of openContexts) {
    for (const page of context.pages()) {
      n += 1;
      const state = await within(
        5_000,
        page.evaluate(
          () =>
            new Promise<string>((done) => {
              const seen = `${document.visibilityState}, focus ${document.hasFocus()}`;
              requestAnimationFrame(() => done(`${seen}, drawing frames`));
              setTimeout(() => done(`${seen}, no animation frame in 2 s`), 2_000);
            }),
        ),
        'no answer from the page in 5 s',
      );
      const file = `failed-${name.replace(/[^\w]+/g, '-').slice(0, 60)}-${n}`;
      const shot = await within(
        10_000,
        screenshot(page, file, false).then(() => `e2e/screenshots/${file}.png`),
        'no screenshot (timed out)',
      );
      console.error(`[journey failed] page ${n}: ${page.url()} — ${state}; ${shot}`);
    }
  }
}

/**
 * Closes what a journey left open, even when it failed halfway: the next journey (or its retry
 * on CI, vitest.e2e.config.ts) starts with no stray windows in the browser.
 */
afterEach(async (ctx: TestContext) => {
  if (ctx.task.result?.state === 'fail') await describeOpenPages(ctx.task.name);
  await Promise.all([...openContexts].map((c) => within(15_000, c.close(), undefined)));
  openContexts.clear();
});

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Fonts (Nastaliq) load asynchronously; wait so the picture shows the real glyphs.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules, target size included) on the page as it is now and returns the violations,
 * one line each, so a failing assertion says what and where.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const { source } = (await import('axe-core')).default;
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(source);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      // WCAG 2.2's A and AA rules too (decision 0078): among them target-size (2.5.8, 24 px).
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * One journey file's world: builds the web app, starts a server and Chromium before the file's
 * tests and stops them after. Pages come from fresh browser profiles (own cookies and storage).
 */
export function journeyFixture(opts: { env?: () => Record<string, string> } = {}) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer(undefined, opts.env?.());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  // A journey retried on CI (vitest.e2e.config.ts) starts again on a fresh server with fresh demo
  // data: its first try may already have written what it writes (an account, a refund).
  beforeEach(async (ctx: TestContext) => {
    if ((ctx.task.result?.retryCount ?? 0) === 0) return;
    await server?.stop();
    server = await startServer(undefined, opts.env?.());
  });
  return {
    get baseUrl(): string {
      return server!.baseUrl;
    },
    context(viewport: { width: number; height: number } = PHONE): Promise<BrowserContext> {
      return newContext(browser!, server!.baseUrl, viewport);
    },
    async newPage(viewport: { width: number; height: number } = PHONE): Promise<Page> {
      return (await newContext(browser!, server!.baseUrl, viewport)).newPage();
    },
  };
}

/**
 * Logs in through the login form and waits for the dashboard; staff, evaluators, auditors and bank
 * officers then enter their authenticator's code, as people do.
 */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('main form button[type=submit]').click();
  await passSecondFactor(page, email);
}

/**
 * After the password: lands on the dashboard, or passes the second factor as a person would: the
 * demo staff's code, or (an account made during the journey) enrolment with the key on the page,
 * its first code, and the recovery codes acknowledged.
 */
export async function passSecondFactor(page: Page, email: string): Promise<void> {
  await page.waitForURL(/\/(dashboard|sign-in\/code|sign-in\/enrol)/);
  const origin = new URL(page.url()).origin;
  if (/\/sign-in\/code/.test(page.url())) {
    await page.locator('#code').fill(await demoCode(origin, email));
    await page.locator('main form button[type=submit]').click();
  } else if (/\/sign-in\/enrol/.test(page.url())) {
    const key = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    const totp = new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: 'SHA1' });
    await page.locator('#code').fill(totp.generate());
    await page.locator('main form button[type=submit]').click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.locator('main .alert + button').click();
    lastStep.set(`${origin}|${email.toLowerCase()}`, Math.floor(Date.now() / STEP_MS));
  }
  await page.waitForURL('**/dashboard');
}

const staffSessions = new Map<
  string,
  Awaited<ReturnType<Awaited<ReturnType<typeof request.newContext>>['storageState']>>
>();

/**
 * An API client signed in as a demo account, code step included; the session is kept per server
 * and account, so polling the outbox does not sign in (and use a code) each time.
 */
export async function staffApi(baseUrl: string, email = ADMIN_EMAIL) {
  const key = `${baseUrl}|${email}`;
  const kept = staffSessions.get(key);
  if (kept) {
    const api = await request.newContext({ baseURL: baseUrl, storageState: kept });
    if ((await api.get('/api/v1/me')).ok()) return api;
    await api.dispose();
  }
  const api = await request.newContext({ baseURL: baseUrl });
  const login = await api.post('/api/v1/auth/login', { data: { login: email, password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`${email} login failed: ${login.status()}`);
  const session = (await login.json()) as { csrfToken: string; secondFactor?: string };
  if (session.secondFactor) {
    const verified = await api.post('/api/v1/auth/factor/verify', {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { code: await demoCode(new URL(baseUrl).origin, email) },
    });
    if (!verified.ok())
      throw new Error(`${email} code step failed: ${verified.status()} ${await verified.text()}`);
  }
  staffSessions.set(key, await api.storageState());
  return api;
}

/** The session cookie of a demo account (code step included), for a journey's plain fetch calls. */
export async function staffCookie(baseUrl: string, email = ADMIN_EMAIL): Promise<string> {
  const api = await staffApi(baseUrl, email);
  try {
    const cookie = (await api.storageState()).cookies.find((c) => c.name === 'markaz_session')!;
    return `${cookie.name}=${cookie.value}`;
  } finally {
    await api.dispose();
  }
}

/**
 * A link in the site's main menu. On a phone the menu folds behind its Menu button (decision
 * 0032): open it first, as a person would.
 */
export async function navLink(page: Page, name: string, opts: { exact?: boolean } = {}) {
  const nav = page.locator('nav.site-nav');
  const toggle = nav.locator('.site-nav__toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  return nav.getByRole('link', { name, ...opts });
}

/** The local outbox as the admin reads it (one sign-in), for `read` to look at. */
async function withOutbox<T>(
  baseUrl: string,
  read: (texts: () => Promise<Outboxed[]>) => Promise<T>,
): Promise<T> {
  const api = await staffApi(baseUrl);
  try {
    return await read(
      async () =>
        ((await (await api.get('/api/v1/notifications/outbox?limit=200')).json()) as { items: Outboxed[] })
          .items,
    );
  } finally {
    await api.dispose();
  }
}
type Outboxed = { recipient: string; text: string };
const recipientOf = (to: string) =>
  to.includes('@') ? to.toLowerCase() : `+92${to.replace(/[\s-]/g, '').replace(/^(\+92|0)/, '')}`;

/** Email and SMS sent to one mobile or email, newest first, from the local outbox. */
export function sentTo(baseUrl: string, to: string): Promise<string[]> {
  return withOutbox(baseUrl, async (items) =>
    (await items()).filter((m) => m.recipient === recipientOf(to)).map((m) => m.text),
  );
}

/** Waits until a message to `to` matches `pattern` (the sender delivers in the background). */
export function waitForSent(
  baseUrl: string,
  to: string,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<string> {
  return withOutbox(baseUrl, async (items) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const hit = (await items()).find((m) => m.recipient === recipientOf(to) && pattern.test(m.text));
      if (hit) return hit.text;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`nothing matching ${pattern} was sent to ${to} within ${timeoutMs} ms`);
  });
}

/**
 * The newest 6-digit code sent to a mobile (or email): journeys take codes from what Markaz sent,
 * never from an API answer.
 */
export async function sentCode(baseUrl: string, to: string): Promise<string> {
  return /\b(\d{6})\b/.exec(await waitForSent(baseUrl, to, /\b\d{6}\b/))![1]!;
}
