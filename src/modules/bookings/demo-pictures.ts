import { crc32, deflateSync } from 'node:zlib';

/**
 * Drawn pictures of a centre for the demo's public photos (decision 0072): flat shapes encoded as
 * PNG here, so the demo needs no image files or image library, and shows no one. A few KB each.
 */

type Rgb = readonly [number, number, number];
type Rect = { x: number; y: number; w: number; h: number; c: Rgb };

const W = 480;
const H = 320;
const WALL: Rgb = [236, 232, 222];
const FLOOR: Rgb = [176, 141, 105];
const DESK: Rgb = [120, 84, 52];
const SCREEN: Rgb = [40, 44, 52];
const CHAIR: Rgb = [11, 110, 79];
const GLASS: Rgb = [170, 206, 230];
const FRAME: Rgb = [90, 90, 90];

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Paints the rectangles in order on a W×H canvas and encodes it as an 8-bit RGB PNG. */
export function drawPng(rects: Rect[]): Buffer {
  const row = 1 + W * 3;
  const px = Buffer.alloc(row * H);
  for (const r of rects)
    for (let y = Math.max(0, r.y); y < Math.min(H, r.y + r.h); y++)
      for (let x = Math.max(0, r.x); x < Math.min(W, r.x + r.w); x++) px.set(r.c, y * row + 1 + x * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(px, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const room = (): Rect[] => [
  { x: 0, y: 0, w: W, h: 200, c: WALL },
  { x: 0, y: 200, w: W, h: 120, c: FLOOR },
];
const windowAt = (x: number): Rect[] => [
  { x, y: 30, w: 110, h: 100, c: FRAME },
  { x: x + 5, y: 35, w: 100, h: 90, c: GLASS },
];
/** A desk with a screen and a chair in front of it. */
const desk = (x: number, y: number): Rect[] => [
  { x, y, w: 70, h: 12, c: DESK },
  { x: x + 5, y: y + 12, w: 6, h: 40, c: DESK },
  { x: x + 59, y: y + 12, w: 6, h: 40, c: DESK },
  { x: x + 22, y: y - 30, w: 28, h: 24, c: SCREEN },
  { x: x + 33, y: y - 6, w: 6, h: 6, c: SCREEN },
  { x: x + 20, y: y + 30, w: 30, h: 26, c: CHAIR },
];

export const DEMO_PICTURES = [
  {
    fileName: 'hot-desk-hall.png',
    png: () =>
      drawPng([
        ...room(),
        ...windowAt(40),
        ...windowAt(330),
        ...[30, 140, 250, 360].flatMap((x) => desk(x, 220)),
      ]),
    altEn:
      'Drawing of the hot-desk hall: a row of four desks, each with a screen and a green chair, under two windows',
    altUr: 'ہاٹ ڈیسک ہال کی تصویر: دو کھڑکیوں کے نیچے چار میزوں کی قطار، ہر میز پر اسکرین اور سبز کرسی',
  },
  {
    fileName: 'meeting-room.png',
    png: () =>
      drawPng([
        ...room(),
        { x: 150, y: 40, w: 180, h: 100, c: [250, 250, 250] },
        { x: 60, y: 225, w: 360, h: 18, c: DESK },
        ...[90, 170, 250, 330].map((x) => ({ x, y: 255, w: 34, h: 30, c: CHAIR })),
      ]),
    altEn: 'Drawing of the meeting room: one long table with four green chairs facing a whiteboard',
    altUr: 'میٹنگ روم کی تصویر: ایک لمبی میز اور چار سبز کرسیاں، سامنے وائٹ بورڈ',
  },
] as const;
