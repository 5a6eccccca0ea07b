import { createCanvas, loadImage } from '@napi-rs/canvas';
import { pdf as pdfToImages } from 'pdf-to-img';
import { describe, expect, it } from 'vitest';
import { createPdf, URDU_LINE_HEIGHT } from './renderer.ts';
import { splitRuns } from './runs.ts';
import { isolatedGlyphIds, shapeUrdu } from './shaper.ts';

const URDU = 'تکمیل کی سند';

/** Dark pixels in a horizontal band of the first page, rendered at 1 px per point. */
async function inkInBand(
  pdf: Buffer,
  top: number,
  bottom: number,
): Promise<{ dark: number; left: number; right: number }> {
  let png: Buffer | undefined;
  for await (const page of await pdfToImages(pdf, { scale: 1 })) png ??= page;
  const img = await loadImage(png!);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, top, img.width, bottom - top);
  let dark = 0;
  let left = img.width;
  let right = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) {
      dark++;
      const x = (i / 4) % img.width;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  return { dark, left, right };
}

describe('the PDF renderer', () => {
  it('gives a paragraph with Urdu at least the Nastaliq line height, whatever the caller asks', async () => {
    const pdf = createPdf({ title: 'line height', lang: 'ur', layout: 'landscape' });
    const long = 'فری لانسرز کے لیے ڈیجیٹل مارکیٹنگ اور ای کامرس کی مکمل تربیت';
    // One line: the next paragraph starts a full Nastaliq line below, not 1.6 sizes.
    expect(pdf.paragraph(URDU, 100, { size: 13, lineHeight: 20 })).toBe(100 + 13 * URDU_LINE_HEIGHT);
    // Wrapped in a narrow box: each line as far below the last.
    expect(pdf.paragraph(long, 200, { size: 17, width: 200, align: 'right' })).toBeGreaterThanOrEqual(
      200 + 2 * 17 * URDU_LINE_HEIGHT,
    );
    // English keeps its own spacing.
    expect(pdf.paragraph('Certificate', 300, { size: 10 })).toBe(316);
    await pdf.finish();
  });

  it('shapes Urdu in Nastaliq: joined contextual forms on a sloping baseline, not isolated letters', () => {
    const shaped = shapeUrdu(URDU);
    const isolated = isolatedGlyphIds(URDU.replaceAll(' ', ''));
    const ids = shaped.glyphs.map((g) => g.id);
    // Every letter of تکمیل joins its neighbours, so none of its glyphs is the isolated form.
    const takmeel = shaped.glyphs.filter((g) => g.cluster < 5).map((g) => g.id);
    for (const id of isolatedGlyphIds('تکمیل')) expect(takmeel).not.toContain(id);
    expect(ids).not.toEqual(isolated);
    // Nastaliq sets a word on a slope: its glyphs sit at several heights.
    expect(new Set(shaped.glyphs.map((g) => g.yOffset)).size).toBeGreaterThan(2);
    // HarfBuzz gives right-to-left runs in visual order: the first glyph drawn is the last letter.
    expect(shaped.glyphs[0]!.cluster).toBe(Math.max(...shaped.glyphs.map((g) => g.cluster)));
  });

  it('lays out a mixed Urdu line right to left with Latin names in their own order', () => {
    expect(splitRuns('نام: Ayesha Khan')).toEqual([
      { text: 'Ayesha Khan', script: 'latin' },
      { text: ' :', script: 'latin' },
      { text: 'نام', script: 'arabic' },
    ]);
    expect(splitRuns('Name: Ayesha Khan')).toEqual([{ text: 'Name: Ayesha Khan', script: 'latin' }]);
  });

  it('renders a page whose Urdu line is drawn where it was placed, right-aligned', async () => {
    const pdf = createPdf({ title: 'Test', lang: 'ur', margin: 40 });
    pdf.line('Certificate', 100, { size: 24, bold: true, align: 'left' });
    const width = pdf.line(URDU, 200, { size: 24, align: 'right' });
    const bytes = await pdf.finish();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The Nastaliq font is embedded (a subset), so any reader shows the same shapes.
    expect(bytes.includes('FontFile2')).toBe(true);
    const urdu = await inkInBand(bytes, 150, 230);
    expect(urdu.dark).toBeGreaterThan(200);
    // Right-aligned to the margin, about as wide as HarfBuzz measured the line.
    expect(Math.abs(urdu.right - (595 - 40))).toBeLessThan(6);
    expect(Math.abs(urdu.right - urdu.left - width)).toBeLessThan(width * 0.15);
    const blank = await inkInBand(bytes, 300, 400);
    expect(blank.dark).toBe(0);
  }, 30_000);
});
