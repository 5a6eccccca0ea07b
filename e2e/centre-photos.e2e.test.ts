/**
 * The public centre page shows the photos staff published (decisions 0072, 0078): a visitor on a
 * phone sees the demo's Gulberg centre's two pictures, loaded from their WebP copies through
 * `srcset`, each described in the page's language;
 * the accessibility statement is one footer link away.
 */
import { expect, test } from 'vitest';
import { journeyFixture, screenshot } from './harness.ts';

const journey = journeyFixture();

test("a visitor sees a centre's published photos, described in English and in Urdu", async () => {
  const list = await fetch(`${journey.baseUrl}/api/v1/centers?limit=50`).then((r) => r.json());
  const gulberg = (list.items as { id: string; nameEn: string }[]).find(
    (c) => c.nameEn === 'Gulberg e-Rozgar Centre',
  );
  expect(gulberg).toBeDefined();
  const context = await journey.context();
  const page = await context.newPage();
  for (const lang of ['en', 'ur'] as const) {
    await page.goto('/');
    await page.evaluate((l) => localStorage.setItem('markaz.locale', l), lang);
    await page.goto(`/centres/${gulberg!.id}`);
    const photos = page.locator('.centre-photos img');
    await photos.first().scrollIntoViewIfNeeded();
    await expect.poll(() => photos.count()).toBe(2);
    await expect
      .poll(() =>
        // With a `w` descriptor naturalWidth is corrected for density, so ask which copy came.
        photos.evaluateAll((imgs) =>
          imgs.every(
            (i) =>
              (i as HTMLImageElement).naturalWidth > 0 && (i as HTMLImageElement).currentSrc.endsWith('/480'),
          ),
        ),
      )
      .toBe(true);
    const alts = await photos.evaluateAll((imgs) => imgs.map((i) => i.getAttribute('alt') ?? ''));
    expect(alts.every((a) => (lang === 'en' ? a.startsWith('Drawing of') : /[\u0600-\u06ff]/.test(a)))).toBe(
      true,
    );
    expect(await photos.first().getAttribute('loading')).toBe('lazy');
    expect(await photos.first().getAttribute('srcset')).toMatch(/\/480 480w$/);
    expect(await photos.first().evaluate((i) => (i as HTMLImageElement).currentSrc)).toMatch(/\/480$/);
    await screenshot(page, `centre-photos-${lang}-360`);
  }
  await page.locator('footer').getByRole('link', { name: 'رسائی' }).click();
  await expect.poll(() => page.locator('main h1').textContent()).toBe('رسائی کا بیان');
  await context.close();
});
