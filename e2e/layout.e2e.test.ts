/**
 * The layout check (decision 0032): every page of the router, at 360, 768 and 1280 px, in English
 * and Urdu, logged out or as a demo person of a role the page's guard admits. A page fails when it
 * scrolls sideways, text overlaps text, text runs out of its box or is cut off, or axe finds a
 * WCAG A/AA problem. Pages with an id in their address (/centres/:id) are reached through a link
 * found on another page. `npm run shots` (MARKAZ_SHOTS=1) also writes every screenshot and an
 * index.html to e2e/screenshots/gallery/ for people to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN_EMAIL, axeViolations, journeyFixture, logIn, SCREENSHOTS } from './harness.ts';
import { layoutFindings } from './layout-check.ts';
import { appRoutes, type RouteInfo, sampleAddress } from './routes.ts';

const journey = journeyFixture();
const WIDTHS = [360, 768, 1280] as const;
const LANGS = ['en', 'ur'] as const;
const SHOTS = process.env.MARKAZ_SHOTS === '1';
// While fixing a page: MARKAZ_LAYOUT_ONLY=<regex> checks only the routes it matches (CI checks all);
// include '^/$' so the language is set on the home page first, e.g. MARKAZ_LAYOUT_ONLY='^/$|^/fund'.
const ONLY = process.env.MARKAZ_LAYOUT_ONLY ? new RegExp(process.env.MARKAZ_LAYOUT_ONLY) : null;
const GALLERY = join(SCREENSHOTS, 'gallery');
const ACCOUNTS: Record<string, string> = {
  freelancer: 'freelancer1@markaz.pk',
  owner: 'owner1@markaz.pk',
  evaluator: 'evaluator1@markaz.pk',
  bank_officer: 'officer@hbl.demo.pk',
  program_admin: ADMIN_EMAIL,
  auditor: 'auditor@markaz.pk',
  trainer: 'trainer1@markaz.pk',
};
type Who = 'visitor' | keyof typeof ACCOUNTS;

describe('the layout check', () => {
  test('finds a page broken on purpose: sideways scroll, overlap, spill and clipping', async () => {
    const page = await (await journey.context({ width: 360, height: 700 })).newPage();
    await page.setContent(`<!doctype html><html><body style="margin:0">
      <div style="width:500px">wide row</div>
      <div style="position:relative;height:40px"><span>Day pass</span><span style="position:absolute;left:0;top:0">18</span></div>
      <div style="border:1px solid #000;width:120px"><span style="white-space:nowrap">Rs 23,500,000,000 a year</span></div>
      <div style="overflow:hidden;width:80px"><span style="white-space:nowrap">Reported uptime in full</span></div>
      <p>A line that is fine.</p></body></html>`);
    const kinds = (await layoutFindings(page)).map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['overflow', 'overlap', 'spill', 'clipped']));
    await page.setContent('<!doctype html><html><body><h1>Fine</h1><p>Nothing wrong here.</p></body></html>');
    expect(await layoutFindings(page)).toEqual([]);
  });

  test('reads every page from the router, with the roles its guard names', () => {
    const routes = appRoutes();
    const paths = routes.map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/', '/login', '/portal', '/centres/:id/book', '/admin/users']),
    );
    expect(routes.find((r) => r.path === '/centres/:id/book')?.roles).toEqual(['freelancer']);
    expect(routes.find((r) => r.path === '/portal/promises')?.roles).toEqual(['program_admin']);
  });

  test('every page holds at 360, 768 and 1280 px in English and Urdu', { timeout: 900_000 }, async () => {
    const routes = appRoutes().filter((r) => !ONLY || ONLY.test(r.path));
    const failures: string[] = [];
    // Where the time goes, printed at the end: the check should stay within a few minutes.
    const spent = { open: 0, layout: 0, axe: 0, login: 0, pages: 0 };
    const timed = async <T>(key: keyof typeof spent, work: Promise<T>): Promise<T> => {
      const start = performance.now();
      try {
        return await work;
      } finally {
        spent[key] += performance.now() - start;
      }
    };
    const shots: { route: string; lang: string; width: number; file: string }[] = [];
    for (const lang of LANGS) {
      const pages = new Map<Who, Page>();
      const links = new Map<Who, Set<string>>();
      const pageFor = async (who: Who): Promise<Page> => {
        const known = pages.get(who);
        if (known) return known;
        const context: BrowserContext = await journey.context({ width: 1280, height: 900 });
        const page = await context.newPage();
        await page.goto('/');
        // As a person who picked the language before signing in (it then wins over the profile's).
        await page.evaluate((l) => {
          localStorage.setItem('markaz.locale', l);
          localStorage.setItem('markaz.localeChosen', '1');
        }, lang);
        if (who !== 'visitor') await timed('login', logIn(page, ACCOUNTS[who]!));
        pages.set(who, page);
        links.set(who, new Set());
        return page;
      };
      const whoFor = (r: RouteInfo): Who => (r.roles.find((role) => role in ACCOUNTS) as Who) ?? 'visitor';

      const check = async (route: string, address: string, who: Who) => {
        const page = await pageFor(who);
        await page.setViewportSize({ width: 1280, height: 900 });
        await timed('open', openInApp(page, address));
        spent.pages += 1;
        if (who === 'visitor' && /\/login\?next=/.test(page.url()) && route !== '/login') {
          return check(route, address, 'freelancer');
        }
        const seen = await page.evaluate(() =>
          [...document.querySelectorAll('main a[href^="/"]')].map(
            (a) => new URL((a as HTMLAnchorElement).href).pathname,
          ),
        );
        for (const href of seen) links.get(who)!.add(href);
        expect(await page.evaluate(() => document.documentElement.lang), `${address} as ${who}`).toBe(lang);
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          for (const f of await timed('layout', layoutFindings(page))) {
            failures.push(`${route} (${address}) at ${width}px in ${lang} as ${who}: ${f.kind}: ${f.detail}`);
          }
          if (width === 360) {
            for (const v of await timed('axe', axeViolations(page)))
              failures.push(`${route} at 360px in ${lang} as ${who}: axe: ${v}`);
          }
          if (SHOTS) {
            const file = `${lang}-${width}-${route.replace(/[/:]+/g, '_').replace(/^_/, '') || 'home'}.png`;
            mkdirSync(GALLERY, { recursive: true });
            await page.screenshot({ path: join(GALLERY, file), fullPage: true });
            shots.push({ route, lang, width, file });
          }
        }
      };

      // Pages with an id in their address, shallow first (a centre before its booking form), each
      // at an address some page linked to, or its parent's address with the rest filled in.
      const withParams = routes
        .filter((r) => r.path.includes(':'))
        .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
      for (const r of routes.filter((x) => !x.path.includes(':'))) await check(r.path, r.path, whoFor(r));
      for (const r of withParams) {
        const who = whoFor(r);
        await pageFor(who);
        const address = sampleAddress(r.path, links.get(who)!, [...links.values()]);
        if (!address) {
          failures.push(`${r.path} in ${lang}: no page links to it, so it was not checked (${r.file})`);
          continue;
        }
        await check(r.path, address, who);
      }
      for (const page of pages.values()) await page.context().close();
    }
    if (SHOTS) writeGallery(shots);
    const secs = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    console.log(
      `layout check: ${spent.pages} page visits; opening ${secs(spent.open)}, layout ${secs(spent.layout)}, axe ${secs(spent.axe)}, logging in ${secs(spent.login)}`,
    );
    expect(failures).toEqual([]);
  });
});

function writeGallery(shots: { route: string; lang: string; width: number; file: string }[]): void {
  const routes = [...new Set(shots.map((s) => s.route))];
  const rows = routes
    .map((route) => {
      const cells = shots
        .filter((s) => s.route === route)
        .map(
          (s) =>
            `<figure><a href="${s.file}"><img src="${s.file}" loading="lazy" width="${Math.round(s.width / 4)}" alt=""></a><figcaption>${s.lang} ${s.width}px</figcaption></figure>`,
        )
        .join('');
      return `<section><h2>${route}</h2><div class="row">${cells}</div></section>`;
    })
    .join('\n');
  writeFileSync(
    join(GALLERY, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Markaz screenshots</title><style>body{font-family:sans-serif;margin:1rem}.row{display:flex;gap:1rem;align-items:flex-start;overflow-x:auto}figure{margin:0}img{border:1px solid #ccc}</style><h1>Every page at 360, 768 and 1280 px</h1>${rows}`,
  );
}

/**
 * Opens an address inside the running app, as its links do (no reload: the session, language and
 * loaded code stay), and waits for the new page's heading with nothing left loading. The old
 * heading is marked first, so a page still showing it is not taken for the new one.
 */
async function openInApp(page: Page, address: string): Promise<void> {
  await page.evaluate((a) => {
    document.querySelector('main h1')?.setAttribute('data-left', '');
    history.pushState(null, '', a);
    dispatchEvent(new PopStateEvent('popstate'));
  }, address);
  const ready = () =>
    page.waitForFunction(
      () => {
        const h1 = document.querySelector('main h1');
        return h1 && !h1.hasAttribute('data-left') && !document.querySelector('main .loading, main .spinner');
      },
      undefined,
      { timeout: 20_000 },
    );
  // React may keep the heading element when two routes render the same page component: then
  // load the address afresh.
  if (
    await ready().then(
      () => true,
      () => false,
    )
  )
    return;
  await page.goto(address);
  await ready();
}
