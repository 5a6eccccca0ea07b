import sharp from 'sharp';
import { invalidField } from '../../shared/errors.ts';

/** The widths made of a photo for the web (decision 0078): a phone's and a wide screen's. */
export const RENDITION_WIDTHS = [480, 1024] as const;

export type Rendition = { width: number; height: number; contentType: 'image/webp'; data: Buffer };

/** Beyond this many pixels an image is refused rather than decoded (a "decompression bomb"). */
const MAX_INPUT_PIXELS = 60_000_000;

/**
 * Smaller copies of a photo, as WebP, with every piece of metadata dropped: EXIF (the camera, the
 * time, the GPS position), XMP, IPTC and the colour profile (sharp writes none unless asked). The
 * picture is turned upright first, since the EXIF orientation goes with the rest. A photo narrower
 * than a width is not enlarged, so a small photo gives one copy at its own width. A file that does
 * not decode as an image is refused as bad input naming `field`.
 */
export async function makeRenditions(
  original: Buffer,
  field = 'file',
  widths: readonly number[] = RENDITION_WIDTHS,
): Promise<Rendition[]> {
  let sourceWidth: number;
  try {
    const meta = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    // Upright width: orientations 5-8 swap width and height.
    sourceWidth = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
  } catch {
    throw invalidField(field, 'is not a readable image (damaged or cut short)', 'image');
  }
  const targets = [...new Set(widths.map((w) => Math.min(w, sourceWidth)))].sort((a, b) => a - b);
  const out: Rendition[] = [];
  for (const width of targets) {
    try {
      const { data, info } = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .autoOrient()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 72, effort: 4 })
        .toBuffer({ resolveWithObject: true });
      out.push({ width: info.width, height: info.height, contentType: 'image/webp', data });
    } catch {
      throw invalidField(field, 'is not a readable image (damaged or cut short)', 'image');
    }
  }
  return out;
}
