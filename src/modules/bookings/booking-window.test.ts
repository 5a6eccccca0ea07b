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
    // Without an Urdu reason the params carry the English only; with one, both.
    expect(check('2026-12-25', '09:00', '10:00')?.params).toEqual({
      date: '2026-12-25',
      reason: 'Quaid Day',
    });
    const both = { ...cal, closures: [{ ...cal.closures[0]!, reasonUr: 'یومِ قائدِ اعظم' }] };
    const w = { start: karachiAt('2026-12-25', '09:00'), end: karachiAt('2026-12-25', '10:00') };
    expect(checkOccurrence('hourly', '2026-12-25', w, both, now)).toMatchObject({
      rule: 'centre_closure',
      params: { date: '2026-12-25', reason: 'Quaid Day', reasonUr: 'یومِ قائدِ اعظم' },
    });
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

describe('opening hours across midnight (Asia/Karachi)', () => {
  const night: CenterCalendar = {
    hours: new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, { opens: '18:00', closes: '02:00' }])),
    closures: [{ startsOn: '2026-12-25', endsOn: '2026-12-25', reason: 'Quaid Day' }],
    rules: { maxDaysAhead: 60, minNoticeMinutes: 0, maxBookingHours: 8 },
  };
  const allDay: CenterCalendar = {
    hours: new Map([1, 2, 3, 4, 5, 6, 7].map((d) => [d, { opens: '00:00', closes: '00:00' }])),
    closures: [],
    rules: { maxDaysAhead: 60, minNoticeMinutes: 0, maxBookingHours: 12 },
  };
  const at = (
    c: CenterCalendar,
    date: string,
    from: string,
    to: string,
    plan: 'hourly' | 'day_pass' = 'hourly',
  ) => {
    const w = windowFor(plan, date, { from, to }, c);
    if ('path' in w) return w;
    return checkOccurrence(plan, date, w, c, now) ?? w;
  };

  it('an 18:00–02:00 centre: a slot over midnight ends the next morning; the small hours belong to the evening before', () => {
    expect(at(night, '2026-12-01', '23:00', '01:00')).toEqual({
      start: new Date('2026-12-01T18:00:00Z'),
      end: new Date('2026-12-01T20:00:00Z'),
    });
    // 00:30–01:30 on 12-02 lies in the opening that began on 12-01 at 18:00.
    expect(at(night, '2026-12-02', '00:30', '01:30')).toEqual({
      start: new Date('2026-12-01T19:30:00Z'),
      end: new Date('2026-12-01T20:30:00Z'),
    });
    expect(at(night, '2026-12-01', '01:00', '03:00')).toMatchObject({ path: 'from' });
    expect(at(night, '2026-12-01', '17:00', '19:00')).toMatchObject({ path: 'from' });
    expect(at(night, '2026-12-01', '23:00', '03:00')).toMatchObject({ path: 'to' });
    expect(at(night, '2026-12-01', '20:00', '20:00')).toMatchObject({ path: 'to' });
    // A day pass covers the whole opening: 18:00 to 02:00 the next day.
    expect(at(night, '2026-12-01', '', '', 'day_pass')).toEqual({
      start: new Date('2026-12-01T13:00:00Z'),
      end: new Date('2026-12-01T21:00:00Z'),
    });
  });

  it('a slot running into a closure day is refused, from either side of midnight', () => {
    expect(at(night, '2026-12-24', '23:00', '01:00')).toMatchObject({
      message: expect.stringMatching(/Quaid Day/),
    });
    expect(at(night, '2026-12-25', '19:00', '20:00')).toMatchObject({
      message: expect.stringMatching(/Quaid Day/),
    });
    expect(at(night, '2026-12-24', '20:00', '23:00')).toMatchObject({ start: expect.any(Date) });
  });

  it('a 24-hour centre: any slot, across midnight too, up to the longest booking', () => {
    expect(at(allDay, '2026-12-01', '22:00', '06:00')).toEqual({
      start: new Date('2026-12-01T17:00:00Z'),
      end: new Date('2026-12-02T01:00:00Z'),
    });
    expect(at(allDay, '2026-12-01', '00:00', '12:00')).toMatchObject({ start: expect.any(Date) });
    expect(at(allDay, '2026-12-01', '18:00', '07:00')).toMatchObject({
      message: expect.stringMatching(/12 hours/),
    });
  });

  it('an ordinary 09:00–18:00 day still reads an end before the start as a mistake', () => {
    expect(windowFor('hourly', '2026-12-01', { from: '17:00', to: '09:00' }, cal)).toMatchObject({
      path: 'to',
      message: 'must be after from',
    });
  });
});
