import { beforeAll, describe, expect, it, vi } from 'vitest';
import i18n, { loadLanguage } from '../../i18n';
import './bookings.i18n';
import { BookingConflict } from './lib';

// The app's i18n reads the browser's language when it loads; the test runs in Node.
vi.hoisted(() => {
  if (!('navigator' in globalThis)) Object.assign(globalThis, { navigator: { language: 'en' } });
});
beforeAll(() => loadLanguage('ur'));

describe('a 409 for the freelancer’s own booking then', () => {
  it('keeps the own bookings, so the page says so instead of “that seat was just taken”', () => {
    const own = {
      bookingId: 'b1',
      centerId: 'c1',
      centerName: 'Blue Area Digital Centre',
      start: '2026-12-10T19:00:00.000Z',
      end: '2027-01-10T19:00:00.000Z',
    };
    const c = new BookingConflict(409, {
      code: 'conflict',
      ownBookings: [own],
      dates: ['2026-12-22'],
    } as never);
    expect(c.ownBookings).toEqual([own]);
    expect(c.alternatives).toEqual([]);
    // A seat taken by someone else has alternatives and no own bookings.
    const taken = new BookingConflict(409, {
      code: 'conflict',
      alternatives: [{ seatId: 's', label: 'H2', kind: 'hot_desk' }],
    });
    expect(taken.ownBookings).toEqual([]);
  });

  it('says it in English and Urdu', () => {
    const en = i18n.getFixedT('en');
    const ur = i18n.getFixedT('ur');
    expect(en('bk.book.ownTitle')).toBe('You already have a booking at that time.');
    expect(en('bk.book.ownItem', { centre: 'Blue Area', from: 'a', to: 'b' })).toBe('Blue Area: a to b');
    expect(ur('bk.book.ownTitle')).toBe('اس وقت آپ کی ایک بکنگ پہلے سے موجود ہے۔');
    expect(ur('bk.book.ownItem', { centre: 'بلیو ایریا', from: 'a', to: 'b' })).toBe('بلیو ایریا: a سے b تک');
    expect(ur('bk.book.ownRule')).toContain('ایک ہی نشست');
  });
});
