// Throwaway: a fresh user's look at this stop's pages (not committed).
import { Secret, TOTP } from 'otpauth';
import { chromium } from 'playwright-core';
const BASE = process.env.BASE ?? 'http://127.0.0.1:3977';
const OUT = '/tmp/shots';
const totp = new TOTP({ secret: Secret.fromBase32('MARKAZDEMOSTAFFSECONDFACTORKEY23'), digits: 6, period: 30, algorithm: 'SHA1' });
const used = new Set();
async function code() {
  for (;;) { const s = Math.floor(Date.now() / 30000); if (!used.has(s)) { used.add(s); return totp.generate({ timestamp: s * 30000 }); } await new Promise((r) => setTimeout(r, 2000)); }
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
async function as(email, width, lang) {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width, height: width < 500 ? 780 : 860 }, locale: 'en-GB', timezoneId: 'Asia/Karachi' });
  const page = await ctx.newPage();
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('markaz-demo-2026');
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL(/\/(dashboard|sign-in\/code)/);
  if (page.url().includes('/sign-in/code')) { await page.locator('#code').fill(await code()); await page.locator('main form button[type=submit]').click(); await page.waitForURL('**/dashboard'); }
  if (lang === 'ur') { await page.locator('button.lang-switch').first().click(); await page.waitForTimeout(800); }
  return page;
}
async function shot(page, path, name) {
  await page.goto(path); await page.waitForLoadState('networkidle'); await page.waitForTimeout(1200);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
  console.log(name, 'scrollWidth', w, 'viewport', page.viewportSize().width);
}
const jobs = JSON.parse(process.argv[2]);
for (const [email, width, lang, list] of jobs) {
  const page = await as(email, width, lang);
  for (const [path, name] of list) await shot(page, path, name);
  await page.context().close();
}
await browser.close();
