import { mac, sameMac } from './token-secret.ts';

/**
 * Rotating check-in codes: an HMAC over the booking and a 30-second time step. The booker's
 * phone shows the current code as a QR code; the centre accepts the current step and one either
 * side, so a code photographed and replayed later is useless.
 */
export const STEP_SECONDS = 30;

export const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / STEP_SECONDS);

export function makeCheckInToken(secret: Buffer, centerId: string, bookingId: string, step: number): string {
  return `${bookingId}.${step}.${mac(secret, 'check-in', `${centerId}:${bookingId}:${step}`)}`;
}

export type TokenCheck =
  | { ok: true; bookingId: string }
  | { ok: false; reason: 'malformed' | 'forged' | 'stale'; bookingId?: string };

export function readCheckInToken(token: string): { bookingId: string; step: number; sig: string } | null {
  const m = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{10,40})$/.exec(token);
  return m ? { bookingId: m[1]!, step: Number(m[2]), sig: m[3]! } : null;
}

export function verifyCheckInToken(secret: Buffer, centerId: string, token: string, now: Date): TokenCheck {
  const t = readCheckInToken(token);
  if (!t) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, 'check-in', `${centerId}:${t.bookingId}:${t.step}`);
  if (!sameMac(expected, t.sig)) return { ok: false, reason: 'forged', bookingId: t.bookingId };
  if (Math.abs(stepAt(now) - t.step) > 1) return { ok: false, reason: 'stale', bookingId: t.bookingId };
  return { ok: true, bookingId: t.bookingId };
}
