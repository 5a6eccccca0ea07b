import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18770';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const only = process.argv[2];
const pages0 = [
  [null, '/fund'],
  ['founder1@markaz.pk', '/fund/mine'],
  ['admin@markaz.pk', '/fund/manage'],
  ['evaluator1@markaz.pk', '/fund/committee'],
];
const pages = pages0.filter(([, p]) => !only || p === only);
for (const [email, path] of pages) {
  for (const width of [360, 1280]) {
    for (const lang of ['en', 'ur']) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, baseURL: base });
      const page = await ctx.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto('/');
      await page.evaluate((l) => localStorage.setItem('markaz.locale', l), lang);
      if (email) {
        await page.goto('/login');
        await page.getByLabel(lang === 'ur' ? /ای میل|Email/ : 'Email').first().fill(email);
        await page.locator('input[type=password]').fill('markaz-demo-2026');
        await page.locator('main button[type=submit]').click();
        await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30000 });
      }
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      if (lang === 'ur' && (await page.evaluate(() => document.documentElement.lang)) !== 'ur') {
        await page.getByRole('button', { name: /Switch language|اردو/ }).first().click();
        await page.waitForFunction(() => document.documentElement.lang === 'ur');
      }
      await page.waitForTimeout(800);
      const overflow = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const bad = [...document.querySelectorAll('body *')].filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 1 || r.left < -1) && !e.closest('.table-scroll'); }).slice(0, 5).map((e) => `${e.tagName}.${e.className}`);
        return { scroll: document.documentElement.scrollWidth > w, bad };
      });
      const name = `${path.replaceAll('/', '_')}-${width}-${lang}.png`;
      for (const [i, y] of [0, 1100, 2200].entries()) await page.screenshot({ path: `/tmp/fund-shots/${i}-${name}`, fullPage: true, clip: { x: 0, y, width, height: 1100 } }).catch(() => {});
      console.log(name, JSON.stringify(overflow), errors.slice(0, 3).join(' | '));
      await ctx.close();
    }
  }
}
await browser.close();
