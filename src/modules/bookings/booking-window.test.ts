import { describe, expect, it } from 'vitest';
import {
  addMonths,
  type CenterCalendar,
  checkOccurrence,
  isoWeekday,
  karachiAt,
  occurrenceDates,
  windowFor,
} from './booking-window.ts';

const cal: CenterCalendar = {
  hours: new Map([1, 2, 3, 4, 5].map((d) => [d, { opens: '09:00', closes: '18:00' }])),
  closures: [{ startsOn: '2026-12-25', endsOn: '2026-12-25', reason: 'Quaid Day' }],
  rules: { maxDaysAhead: 30, minNoticeMinutes: 30, maxBookingHours: 8 },
};
const now = new Date('2026-11-30T03:00:00Z'); // Monday 08:00 in Karachi

describe('booking windows', () => {
  it('reads wall-clock times in Asia/Karachi (UTC+5, no daylight saving)', () => {
    expect(karachiAt('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T04:00:00.000Z');
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-12-06')).toBe(7);
  });

  it('adds months keeping the day, clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('expands weekdays for four weeks to 20 dates and refuses more than 60', () => {
    const dates = occurrenceDates('2026-11-30', { weekdays: [1, 2, 3, 4, 5], count: 20 })!;
    expect(dates).toHaveLength(20);
    expect(dates.every((d) => isoWeekday(d) <= 5)).toBe(true);
    expect(
      occurrenceDates('2026-11-30', { weekdays: [1, 2, 3, 4, 5, 6, 7], until: '2027-06-01' }),
    ).toBeNull();
    expect(occurrenceDates('2026-11-30', undefined)).toEqual(['2026-11-30']);
  });

  it('a day pass covers the opening hours', () => {
    const w = windowFor('day_pass', '2026-12-01', {}, cal);
    expect(w).toEqual({ start: karachiAt('2026-12-01', '09:00'), end: karachiAt('2026-12-01', '18:00') });
    expect(windowFor('day_pass', '2026-12-06', {}, cal)).toMatchObject({ path: 'date' });
  });

  const check = (date: string, from: string, to: string, plan: 'hourly' | 'monthly' = 'hourly') => {
    const w = windowFor(plan, date, { from, to }, cal);
    if ('path' in w) return w;
    return checkOccurrence(plan, date, w, cal, now);
  };

  it('accepts a slot inside the hours and refuses each broken rule', () => {
    expect(check('2026-12-01', '09:00', '17:00')).toBeNull();
    expect(check('2026-12-01', '17:00', '09:00')).toMatchObject({ path: 'to' });
    expect(check('2026-11-29', '09:00', '10:00')?.message).toMatch(/past/);
    expect(check('2026-11-30', '08:15', '10:00')?.message).toMatch(/past|ahead|opening/);
    expect(check('2026-11-30', '09:00', '10:00')).toBeNull();
    expect(check('2026-12-01', '07:00', '10:00')?.message).toMatch(/opening hours/);
    expect(check('2026-12-01', '09:00', '19:00')?.message).toMatch(/opening hours/);
    expect(check('2026-12-05', '09:00', '10:00')?.message).toMatch(/closed/);
    expect(check('2026-12-25', '09:00', '10:00')?.message).toMatch(/Quaid Day/);
    expect(check('2027-02-01', '09:00', '10:00')?.message).toMatch(/30 days/);
    expect(check('2026-12-01', '09:00', '17:30')?.message).toMatch(/8 hours/);
  });

  it('minimum notice', () => {
    const soon = new Date('2026-11-30T03:50:00Z'); // 08:50 local
    const w = windowFor('hourly', '2026-11-30', { from: '09:00', to: '10:00' }, cal) as {
      start: Date;
      end: Date;
    };
    expect(checkOccurrence('hourly', '2026-11-30', w, cal, soon)?.message).toMatch(/30 minutes/);
  });

  it('a monthly desk ignores daily hours but not the past', () => {
    expect(check('2026-12-05', '00:00', '00:00', 'monthly')).toBeNull();
    expect(check('2026-11-01', '00:00', '00:00', 'monthly')?.message).toMatch(/past/);
  });
});
