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

  test('every page holds at 360, 768 and 1280 px in English and Urdu', { timeout: 2_400_000 }, async () => {
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
        // Requests in flight, counted, so a page is read only once its data has come (a list's
        // links are what the pages with an id in their address are reached through).
        await context.addInitScript(() => {
          let inFlight = 0;
          const send = window.fetch.bind(window);
          (window as unknown as { markazInFlight: () => number }).markazInFlight = () => inFlight;
          window.fetch = (...args: Parameters<typeof fetch>) => {
            inFlight += 1;
            return send(...args).finally(() => {
              inFlight -= 1;
            });
          };
        });
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
      // Each role that sees the page: every role its guard admits (with a demo account); an
      // unguarded page as a visitor and as the two citizen roles, whose menus and answers differ
      // (staff pages are guarded, so they are checked as each staff role that may open them).
      const whosFor = (r: RouteInfo): Who[] => {
        const guarded = r.roles.filter((role) => role in ACCOUNTS) as Who[];
        return guarded.length ? guarded : ['visitor', 'freelancer', 'owner'];
      };

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
      for (const r of routes.filter((x) => !x.path.includes(':')))
        for (const who of whosFor(r)) await check(r.path, r.path, who);
      for (const r of withParams) {
        for (const who of whosFor(r)) {
          await pageFor(who);
          const address = sampleAddress(r.path, links.get(who)!, [...links.values()]);
          if (!address) {
            failures.push(
              `${r.path} in ${lang} as ${who}: no page links to it, so it was not checked (${r.file})`,
            );
            continue;
          }
          await check(r.path, address, who);
        }
      }
      for (const page of pages.values()) await page.context().close();
    }
    if (SHOTS) writeGallery(shots);
    const secs = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    console.log(
      `layout check: ${spent.pages} page visits (${reloads} loaded afresh); opening ${secs(spent.open)}, layout ${secs(spent.layout)}, axe ${secs(spent.axe)}, logging in ${secs(spent.login)}`,
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

/** How long a page opened inside the app may take before it is loaded afresh instead. */
const IN_APP_WAIT_MS = 4_000;
/** Pages loaded afresh (printed with the timings). */
let reloads = 0;

/** True once the page shows a heading not marked as left, nothing loading and no request in flight. */
function settled(page: Page, timeout: number): Promise<boolean> {
  return page
    .waitForFunction(
      () => {
        const h1 = document.querySelector('main h1');
        const inFlight = (window as unknown as { markazInFlight?: () => number }).markazInFlight?.() ?? 0;
        return (
          h1 &&
          !h1.hasAttribute('data-left') &&
          !document.querySelector('main .loading, main .spinner') &&
          inFlight === 0
        );
      },
      undefined,
      { timeout },
    )
    .then(
      () => true,
      () => false,
    );
}

/**
 * Opens an address inside the running app, as its links do (no reload: the session, language and
 * loaded code stay), and waits for the new page's heading with nothing left loading. The page
 * showing now is let finish first (a dashboard still loading after sign-in would otherwise draw
 * its heading after the mark, while the router holds it on screen until the next page's code has
 * come, and be taken for the new page); then the old heading is marked, so a page still showing
 * it is not taken for the new one.
 */
async function openInApp(page: Page, address: string): Promise<void> {
  await settled(page, 10_000);
  await page.evaluate((a) => {
    document.querySelector('main h1')?.setAttribute('data-left', '');
    history.pushState(null, '', a);
    dispatchEvent(new PopStateEvent('popstate'));
  }, address);
  // React may keep the heading element when two routes render the same page component (it then
  // keeps the mark): after a short wait, load the address afresh, which is always right and costs
  // a second or two, rather than waiting long for a change that will not come.
  if (await settled(page, IN_APP_WAIT_MS)) return;
  reloads += 1;
  await page.goto(address);
  if (!(await settled(page, 20_000))) throw new Error(`${address} did not finish loading within 20 s`);
}
