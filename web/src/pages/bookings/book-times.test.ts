import { describe, expect, test } from 'vitest';
import { bookableWindow, spanMinutes } from './book-times';
import { slotTimes } from './lib';

describe('the booking form’s window', () => {
  test('a centre open 14:00–02:00: the form shows and sends 14:00–17:00, not the 09:00 it remembered', () => {
    const times = slotTimes('14:00', '02:00');
    expect(bookableWindow(times, '09:00', '17:00')).toEqual({ from: '14:00', to: '17:00' });
    // Past midnight stays a later time.
    expect(bookableWindow(times, '23:00', '01:00')).toEqual({ from: '23:00', to: '01:00' });
    expect(spanMinutes('23:00', '01:00')).toBe(120);
  });

  test('a centre opening at 10:00: 10:00–17:00 is seven hours, so seven hours are priced', () => {
    const w = bookableWindow(slotTimes('10:00', '20:00'), '09:00', '17:00');
    expect(w).toEqual({ from: '10:00', to: '17:00' });
    expect(spanMinutes(w.from, w.to)).toBe(7 * 60);
  });

  test('an end at or before the start moves three hours on, or to closing', () => {
    const times = slotTimes('09:00', '18:00');
    expect(bookableWindow(times, '12:00', '11:00')).toEqual({ from: '12:00', to: '15:00' });
    expect(bookableWindow(times, '17:00', '17:00')).toEqual({ from: '17:00', to: '18:00' });
    // The closing time cannot be a start.
    expect(bookableWindow(times, '18:00', '18:00')).toEqual({ from: '09:00', to: '18:00' });
  });
});
