import { describe, expect, test } from 'vitest';
import { bookableWindow, defaultWindow, spanMinutes, stillAhead } from './book-times';
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

describe('the booking form’s default: the next free quarter-hour from now, in Pakistan time', () => {
  // 2026-12-07 is a Monday.
  const everyDay = (opens: string, closes: string) =>
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens, closes }));

  test('22:15 at a centre open 14:00–02:00: 22:30 to 01:30, not 14:00–17:00 in the past', () => {
    expect(defaultWindow(everyDay('14:00', '02:00'), '2026-12-07', '22:15')).toEqual({
      date: '2026-12-07',
      from: '22:30',
      to: '01:30',
    });
  });

  test('near closing past midnight the end is the closing time', () => {
    expect(defaultWindow(everyDay('14:00', '02:00'), '2026-12-07', '23:50')).toEqual({
      date: '2026-12-07',
      from: '00:00',
      to: '02:00',
    });
  });

  test('before opening: the opening time today', () => {
    expect(defaultWindow(everyDay('09:00', '18:00'), '2026-12-07', '07:05')).toEqual({
      date: '2026-12-07',
      from: '09:00',
      to: '12:00',
    });
    expect(defaultWindow(everyDay('09:00', '18:00'), '2026-12-07', '10:07')).toEqual({
      date: '2026-12-07',
      from: '10:15',
      to: '13:15',
    });
  });

  test('after closing: the next opening day, skipping days the centre is closed', () => {
    // Monday to Friday only; Friday 2026-12-11 after closing gives Monday 2026-12-14.
    const weekdays = everyDay('09:00', '18:00').filter((h) => h.weekday <= 5);
    expect(defaultWindow(weekdays, '2026-12-07', '19:00')).toEqual({
      date: '2026-12-08',
      from: '09:00',
      to: '12:00',
    });
    expect(defaultWindow(weekdays, '2026-12-11', '17:45')).toEqual({
      date: '2026-12-14',
      from: '09:00',
      to: '12:00',
    });
  });
});

describe('stillAhead: the times offered on today’s date', () => {
  const day = ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'];
  test('today keeps only times after now; another day keeps them all', () => {
    expect(stillAhead(day, '09:20')).toEqual(['09:30', '09:45', '10:00', '10:15']);
    expect(stillAhead(day, null)).toEqual(day);
  });
  test('a day that runs past midnight: its small hours come after its evening', () => {
    const night = ['22:00', '23:00', '00:00', '01:00', '02:00'];
    expect(stillAhead(night, '22:15')).toEqual(['23:00', '00:00', '01:00', '02:00']);
    // At 00:30, today's session has not begun: it opens tonight.
    expect(stillAhead(night, '00:30')).toEqual(night);
  });
  test('with fewer than two left the list stays whole', () => {
    expect(stillAhead(day, '10:05')).toEqual(day);
  });
});

describe('the centre’s minimum notice', () => {
  const everyDayNine = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
  test('moves the default start on by the notice, and today’s lists with it', () => {
    expect(defaultWindow(everyDayNine, '2026-12-07', '10:07', 14, 120)).toEqual({
      date: '2026-12-07',
      from: '12:15',
      to: '15:15',
    });
    expect(stillAhead(['10:00', '11:00', '12:00', '13:00'], '10:30', 60)).toEqual(['12:00', '13:00']);
  });
});
