import { describe, expect, it } from 'vitest';
import type { DirectMessageKind } from '../../platform/direct-message.ts';
import { EVENT_KINDS, isLocked, type NoticeKind } from './kinds.ts';
import { afterQuietHours, inQuietHours } from './quiet-hours.ts';
import { smsSegments } from './sms-segments.ts';
import { stableNoticeId } from './stable-id.ts';
import { render } from './templates.ts';
import { internationalMobile } from './transports.ts';

describe('SMS segments', () => {
  it('counts GSM-7 in 160 and 153, extension characters as two', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments(`${'a'.repeat(159)}[`).segments).toBe(2);
  });
  it('counts Urdu (and any non-GSM character) as UCS-2 in 70 and 67', () => {
    expect(smsSegments('ا'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSegments('ا'.repeat(71)).segments).toBe(2);
    expect(smsSegments('ا'.repeat(134)).segments).toBe(2);
    expect(smsSegments('ا'.repeat(135)).segments).toBe(3);
    expect(smsSegments(`${'a'.repeat(60)}’`).encoding).toBe('ucs2'); // a curly apostrophe costs the message
  });
});

describe('quiet hours (22:00–08:00 Asia/Karachi)', () => {
  it('knows the edges', () => {
    expect(inQuietHours(new Date('2026-11-28T16:59:00Z'))).toBe(false); // 21:59
    expect(inQuietHours(new Date('2026-11-28T17:00:00Z'))).toBe(true); // 22:00
    expect(inQuietHours(new Date('2026-11-29T02:59:00Z'))).toBe(true); // 07:59
    expect(inQuietHours(new Date('2026-11-29T03:00:00Z'))).toBe(false); // 08:00
  });
  it('defers to the next 08:00 in Karachi, before and after midnight', () => {
    expect(afterQuietHours(new Date('2026-11-28T18:00:00Z')).toISOString()).toBe('2026-11-29T03:00:00.000Z');
    expect(afterQuietHours(new Date('2026-11-28T21:00:00Z')).toISOString()).toBe('2026-11-29T03:00:00.000Z');
    const day = new Date('2026-11-28T05:00:00Z');
    expect(afterQuietHours(day)).toBe(day);
  });
});

const SAMPLE = {
  reference: 'APP-2026-00042',
  outcome: 'not_selected',
  number: '12',
  dueDate: '2026-12-01',
  amount: 'Rs 125,000',
  days: '30',
  centre: 'Arfa Software Technology Park',
  centre_ur: 'ارفع سافٹ ویئر ٹیکنالوجی پارک',
  start: '2026-12-01 09:00',
  refund: 'yes',
  km: '12',
  day: '2026-12-01',
  arrears: '123',
  deadNotices: '4',
  deadEvents: '2',
  missingReports: '17',
  code: '482913',
  link: 'https://markaz.gov.pk/reset?t=abc',
  time: '2026-12-01 09:00',
  until: '09:15',
  deadline: '2026-12-14',
  tenor: '24',
  firstDate: '2027-01-10',
  total: 'Rs 2,500,000',
  date: '2026-12-01',
  passed: 'yes',
  mbps: '100',
  seats: '120',
  month: '2026-11',
  more: '11',
  quarter: '2026-Q3',
  status: 'partly_approved',
  claimed: 'Rs 1,234,567',
  approved: 'Rs 1,200,000',
  state: 'passed',
  lateCases: '3',
  startup: 'Tabdeel Pay',
  usd: '$150,000',
  decision: 'approved',
  reason: 'Verified lead, strong team',
  // Every other value a template reads, so no branch renders with a hole in it.
  from: '2026-12-03 10:00',
  untilTime: '12:00',
  change: 'booked',
  bank: 'Meezan Bank',
  account: 'PK** **** 4567',
  corrected: '$1,180.00',
  note: 'Two credits were one transfer',
  fieldEn: 'date of birth',
  fieldUr: 'تاریخ پیدائش',
  field: 'email',
  at: '2026-12-01 09:00',
  device: 'Chrome on Android',
  address: '203.0.113.7',
  what: 'recovery_code_used',
  left: '7',
  how: 'email',
  minutes: '15',
  reopened: 'no',
  resetLink: 'https://markaz.gov.pk/forgot',
  reminder: '2',
  startsOn: '2026-01-01',
  expiresOn: '2027-12-31',
  revokedOn: '2026-12-01',
  scope: 'amounts, counts',
};
/** The values that choose between a template's branches: each kind is rendered with each. */
const BRANCHES: Record<string, string>[] = [
  {},
  { change: 'rescheduled' },
  { change: 'cancelled' },
  { outcome: 'upheld', reopened: 'yes' },
  { outcome: 'upheld', reopened: 'no' },
  { outcome: 'dismissed' },
  { outcome: 'selected' },
  { status: 'corrected' },
  { status: 'confirmed' },
  { reason: 'not_mine' },
];
const DIRECT: DirectMessageKind[] = [
  'contact.verify_mobile',
  'contact.verify_email',
  'password.reset',
  'security.password_changed',
  'security.new_sign_in',
  'security.account_locked',
  'security.registration_attempt',
  'security.factor_changed',
  'complaint.changed',
];
const ALL: NoticeKind[] = [...EVENT_KINDS, ...DIRECT];

describe('templates', () => {
  it.each(ALL)('%s: an SMS of one part in English (GSM-7) and in Urdu, with realistic values', (kind) => {
    const en = smsSegments(render(kind, 'en', SAMPLE).sms);
    expect(en.encoding).toBe('gsm7');
    expect(en.segments).toBe(1);
    const ur = render(kind, 'ur', SAMPLE);
    // Urdu needs UCS-2; centre names make some reminders two parts, which the log shows.
    expect(smsSegments(ur.sms).segments).toBeLessThanOrEqual(kind.startsWith('booking.') ? 2 : 1);
    expect(ur.subject).toMatch(/[\u0600-\u06FF]/);
    expect(ur.text).toMatch(/[\u0600-\u06FF]/);
  });
  it.each(ALL)('%s: no branch renders a missing value, in either language', (kind) => {
    for (const branch of BRANCHES) {
      for (const locale of ['en', 'ur'] as const) {
        const r = render(kind, locale, { ...SAMPLE, ...branch });
        for (const part of [r.subject, r.text, r.sms]) {
          expect(part, `${kind} ${locale} ${JSON.stringify(branch)}`).not.toMatch(
            /undefined|null|NaN|\$\{|\[object/,
          );
          expect(part.trim().length).toBeGreaterThan(0);
        }
      }
    }
  });
  it('money and security notices are locked; the rest can be turned off', () => {
    expect(isLocked('loan.instalment_overdue')).toBe(true);
    expect(isLocked('booking.cancelled_by_centre')).toBe(true);
    expect(isLocked('security.new_sign_in')).toBe(true);
    expect(isLocked('application.decided')).toBe(false);
    expect(isLocked('booking.reminder')).toBe(false);
  });
});

describe('ids and numbers', () => {
  it('a stable id depends on source, person and channel only', () => {
    const a = stableNoticeId('event:1', 'u1', 'email');
    expect(stableNoticeId('event:1', 'u1', 'email')).toBe(a);
    expect(stableNoticeId('event:1', 'u1', 'sms')).not.toBe(a);
    expect(stableNoticeId('event:1', 'u2', 'email')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
  });
  it('gateways get Pakistani mobiles in international form', () => {
    expect(internationalMobile('03001234567')).toBe('923001234567');
    expect(internationalMobile('0300-1234567')).toBe('923001234567');
    expect(internationalMobile('00923001234567')).toBe('923001234567');
    expect(internationalMobile('923001234567')).toBe('923001234567');
  });
});
