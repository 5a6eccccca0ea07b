import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as hb from 'harfbuzzjs';
import { woffToSfnt } from './woff.ts';

/** One shaped glyph: its id in the font, where it goes (font units) and which text it came from. */
export type ShapedGlyph = {
  id: number;
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
};

export type ShapedRun = {
  glyphs: ShapedGlyph[];
  advanceWidth: number;
  upem: number;
  /** Where the ink starts and ends, from the run's origin (font units): Nastaliq overhangs its advances. */
  inkLeft: number;
  inkRight: number;
};

const require = createRequire(import.meta.url);

/** The Nastaliq font as plain OpenType (HarfBuzz and the PDF both take it), read once. */
let nastaliqFont: Buffer | undefined;
export function nastaliqFontFile(): Buffer {
  nastaliqFont ??= woffToSfnt(
    readFileSync(
      require.resolve('@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff'),
    ),
  );
  return nastaliqFont;
}

let hbFont: { font: hb.Font; upem: number } | undefined;
function nastaliq(): { font: hb.Font; upem: number } {
  if (!hbFont) {
    const face = new hb.Face(new hb.Blob(nastaliqFontFile()));
    hbFont = { font: new hb.Font(face), upem: face.upem };
  }
  return hbFont;
}

/**
 * Shapes Urdu text with HarfBuzz and the Nastaliq font: letters join, take their contextual forms
 * and ligatures, and sit on Nastaliq's sloping baseline (cursive attachment, mark positioning).
 * The glyphs come back in visual order (left to right on the page), as HarfBuzz gives RTL runs.
 */
export function shapeUrdu(text: string): ShapedRun {
  const { font, upem } = nastaliq();
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.setDirection(hb.Direction.RTL);
  buffer.setScript('Arab');
  buffer.setLanguage('ur');
  hb.shape(font, buffer);
  const glyphs = buffer.getGlyphInfosAndPositions().map((g) => ({
    id: g.codepoint,
    cluster: g.cluster,
    xAdvance: g.xAdvance ?? 0,
    xOffset: g.xOffset ?? 0,
    yOffset: g.yOffset ?? 0,
  }));
  let pen = 0;
  let inkLeft = 0;
  let inkRight = 0;
  for (const g of glyphs) {
    const ext = font.glyphExtents(g.id);
    if (ext && ext.width !== 0) {
      inkLeft = Math.min(inkLeft, pen + g.xOffset + ext.xBearing);
      inkRight = Math.max(inkRight, pen + g.xOffset + ext.xBearing + ext.width);
    }
    pen += g.xAdvance;
  }
  return { glyphs, advanceWidth: pen, upem, inkLeft, inkRight: Math.max(inkRight, pen) };
}

/** The glyph each character maps to on its own (its isolated form): what naive PDF text would show. */
export function isolatedGlyphIds(text: string): number[] {
  const { font } = nastaliq();
  return [...text].map((ch) => font.nominalGlyph(ch.codePointAt(0)!) ?? 0);
}
