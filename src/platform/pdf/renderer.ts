import PDFDocument from 'pdfkit';
import { encode as encodeQr } from 'uqr';
import { splitRuns, type TextRun } from './runs.ts';
import { nastaliqFontFile, shapeUrdu } from './shaper.ts';

/**
 * Markaz's one PDF renderer (certificates, the borrower's statement, a person's data export).
 * pdfkit writes the file and embeds subsets of the fonts; HarfBuzz shapes every Urdu run in
 * Noto Nastaliq Urdu (joining, contextual forms, ligatures, the sloping baseline), and the
 * renderer places the shaped glyphs itself, right to left. Latin runs use Helvetica.
 * Coordinates are PDF points from the top-left; `y` is the baseline of the line.
 */

export type Align = 'left' | 'center' | 'right';
export type TextStyle = {
  size: number;
  bold?: boolean;
  color?: string;
  /** `x`..`x + width` is the box the line is aligned in (default: the page between the margins). */
  x?: number;
  width?: number;
  align?: Align;
};
export type PdfOptions = {
  title: string;
  /** The document's main language (PDF /Lang); lines in both languages are fine. */
  lang: 'en' | 'ur';
  layout?: 'portrait' | 'landscape';
  margin?: number;
};

export type PdfCanvas = {
  readonly width: number;
  readonly height: number;
  readonly margin: number;
  /** Draws one line (no wrapping) with its baseline at `y`; returns its width in points. */
  line(text: string, y: number, style: TextStyle): number;
  /** Wraps `text` to the box and draws it from baseline `y`; returns the baseline after the last line. */
  paragraph(text: string, y: number, style: TextStyle & { lineHeight?: number }): number;
  /** The width of one line of text as `line` would draw it. */
  measure(text: string, style: TextStyle): number;
  /** A QR code for `data`, `size` points square, top-left at (x, y). */
  qr(data: string, x: number, y: number, size: number): void;
  rect(
    x: number,
    y: number,
    w: number,
    h: number,
    opts: { stroke?: string; fill?: string; lineWidth?: number },
  ): void;
  newPage(): void;
  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer>;
};

const URDU = 'urdu';
/**
 * The least line height, in points per point of size, of a paragraph with Urdu in it: Nastaliq
 * cascades letters diagonally, so its ink rises well above and sinks well below a Latin line's
 * (about 1.4 em over the baseline and 0.9 em under it at the 1.15 scale below); 1.6 made lines
 * touch. Callers may ask for more, never less.
 */
export const URDU_LINE_HEIGHT = 2.8;
const LATIN = 'Helvetica';
const LATIN_BOLD = 'Helvetica-Bold';

type FontkitGlyph = { id: number; advanceWidth: number };
type FontkitFont = {
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  layout: (text: string, features?: unknown) => unknown;
};

/**
 * pdfkit lays text out with its own fontkit, which does not shape Nastaliq well; its glyph runs go
 * through `font.layout`, so the Urdu font's layout is replaced with HarfBuzz's answer. pdfkit still
 * subsets the font, writes glyph widths and offsets (Tm per offset glyph) and the ToUnicode map.
 */
function shapeWithHarfBuzz(doc: PDFKit.PDFDocument): void {
  doc.font(URDU);
  const fk = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
  fk.layout = (text: string) => {
    const run = shapeUrdu(text);
    const seen = new Set<number>();
    const glyphs: FontkitGlyph[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] = [];
    for (const g of run.glyphs) {
      // The first glyph of a cluster carries its text (copy-paste, search); the rest carry none.
      const first = !seen.has(g.cluster);
      seen.add(g.cluster);
      const codePoints = first ? clusterText(text, g.cluster, run.glyphs) : [];
      glyphs.push(fk.getGlyph(g.id, codePoints));
      positions.push({ xAdvance: g.xAdvance, yAdvance: 0, xOffset: g.xOffset, yOffset: g.yOffset });
    }
    return { glyphs, positions, advanceWidth: run.advanceWidth };
  };
}

/** The code points of the cluster starting at UTF-16 offset `cluster` (HarfBuzz's cluster values). */
function clusterText(text: string, cluster: number, all: { cluster: number }[]): number[] {
  const ends = all.map((g) => g.cluster).filter((c) => c > cluster);
  const end = ends.length ? Math.min(...ends) : text.length;
  return [...text.slice(cluster, end)].map((c) => c.codePointAt(0)!);
}

export function createPdf(opts: PdfOptions): PdfCanvas {
  const margin = opts.margin ?? 48;
  const doc = new PDFDocument({
    size: 'A4',
    layout: opts.layout ?? 'portrait',
    margin,
    lang: opts.lang === 'ur' ? 'ur-PK' : 'en-PK',
    info: { Title: opts.title, Producer: 'Markaz', Creator: 'Markaz' },
    displayTitle: true,
    autoFirstPage: true,
    compress: process.env.PDF_COMPRESS !== 'no',
  });
  doc.registerFont(URDU, nastaliqFontFile());
  shapeWithHarfBuzz(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const fontOf = (run: TextRun, bold?: boolean) =>
    run.script === 'arabic' ? URDU : bold ? LATIN_BOLD : LATIN;
  // Nastaliq's letters are drawn small for their em: the same point size reads about 15% smaller.
  const sizeOf = (run: TextRun, size: number) => (run.script === 'arabic' ? size * 1.15 : size);
  // An Urdu run takes the room its ink needs: Nastaliq's strokes reach past the glyph advances.
  const inkOf = (run: TextRun, style: TextStyle) => {
    if (run.script !== 'arabic') return { before: 0, after: 0 };
    const shaped = shapeUrdu(run.text);
    const scale = sizeOf(run, style.size) / shaped.upem;
    return { before: -shaped.inkLeft * scale, after: (shaped.inkRight - shaped.advanceWidth) * scale };
  };
  const runWidth = (run: TextRun, style: TextStyle) => {
    doc.font(fontOf(run, style.bold)).fontSize(sizeOf(run, style.size));
    const ink = inkOf(run, style);
    return (
      doc.widthOfString(run.text, { features: [] } as PDFKit.Mixins.TextOptions) + ink.before + ink.after
    );
  };

  const measure = (text: string, style: TextStyle) =>
    splitRuns(text).reduce((w, run) => w + runWidth(run, style), 0);

  const line = (text: string, y: number, style: TextStyle): number => {
    const runs = splitRuns(text);
    const widths = runs.map((r) => runWidth(r, style));
    const total = widths.reduce((a, b) => a + b, 0);
    const boxX = style.x ?? margin;
    const boxW = style.width ?? doc.page.width - 2 * margin;
    const align = style.align ?? 'left';
    let x = align === 'left' ? boxX : align === 'right' ? boxX + boxW - total : boxX + (boxW - total) / 2;
    doc.fillColor(style.color ?? '#1a1a1a');
    for (const [i, run] of runs.entries()) {
      doc.font(fontOf(run, style.bold)).fontSize(sizeOf(run, style.size));
      doc.text(run.text, x + inkOf(run, style).before, y, {
        lineBreak: false,
        baseline: 'alphabetic',
        features: [],
      } as PDFKit.Mixins.TextOptions);
      x += widths[i]!;
    }
    return total;
  };

  const paragraph = (text: string, y: number, style: TextStyle & { lineHeight?: number }): number => {
    const boxW = style.width ?? doc.page.width - 2 * margin;
    const urdu = splitRuns(text).some((r) => r.script === 'arabic');
    const lineHeight = Math.max(
      style.lineHeight ?? style.size * 1.6,
      urdu ? style.size * URDU_LINE_HEIGHT : 0,
    );
    const words = text.split(/\s+/).filter(Boolean);
    let current = '';
    let baseline = y;
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (current && measure(next, style) > boxW) {
        line(current, baseline, style);
        baseline += lineHeight;
        current = word;
      } else current = next;
    }
    if (current) line(current, baseline, style);
    return baseline + lineHeight;
  };

  const qr = (data: string, x: number, y: number, size: number) => {
    const { data: modules } = encodeQr(data, { border: 1, ecc: 'M' });
    const cell = size / modules.length;
    doc.save().fillColor('#000000');
    modules.forEach((row, r) => {
      row.forEach((on, c) => {
        if (on) doc.rect(x + c * cell, y + r * cell, cell + 0.01, cell + 0.01);
      });
    });
    doc.fill().restore();
  };

  return {
    get width() {
      return doc.page.width;
    },
    get height() {
      return doc.page.height;
    },
    margin,
    line,
    paragraph,
    measure,
    qr,
    rect(x, y, w, h, o) {
      doc.save().lineWidth(o.lineWidth ?? 1);
      doc.rect(x, y, w, h);
      if (o.fill && o.stroke) doc.fillAndStroke(o.fill, o.stroke);
      else if (o.fill) doc.fill(o.fill);
      else doc.stroke(o.stroke ?? '#000000');
      doc.restore();
    },
    newPage() {
      doc.addPage();
    },
    finish() {
      doc.end();
      return done;
    },
  };
}
