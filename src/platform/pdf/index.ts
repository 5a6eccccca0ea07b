// The shared PDF renderer: every PDF Markaz produces (certificates, statements, data exports) is
// drawn through createPdf, so Urdu is always shaped in Nastaliq (docs/decisions/0027).
export { type Align, createPdf, type PdfCanvas, type PdfOptions, type TextStyle } from './renderer.ts';
export { isRightToLeft, splitRuns, type TextRun } from './runs.ts';
export { isolatedGlyphIds, type ShapedRun, shapeUrdu } from './shaper.ts';
