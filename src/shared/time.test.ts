import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fixedClock, isIsoDate, karachiDate, karachiMidnight, karachiTime } from './time.ts';

describe('karachiDate and karachiTime (Asia/Karachi, UTC+5)', () => {
  it('rolls over to the next day at 19:00 UTC', () => {
    expect(karachiDate(new Date('2026-11-27T18:59:59.999Z'))).toBe('2026-11-27');
    expect(karachiTime(new Date('2026-11-27T18:59:59.999Z'))).toBe('23:59');
    expect(karachiDate(new Date('2026-11-27T19:00:00Z'))).toBe('2026-11-28');
    expect(karachiTime(new Date('2026-11-27T19:00:00Z'))).toBe('00:00');
  });

  it('is already tomorrow in Karachi while UTC is still before midnight, across a year end', () => {
    expect(karachiDate(new Date('2026-12-31T20:30:00Z'))).toBe('2027-01-01');
    expect(karachiTime(new Date('2026-12-31T20:30:00Z'))).toBe('01:30');
    expect(karachiDate(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
  });

  it('does not depend on the process time zone (tests run with TZ=UTC)', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(karachiDate(new Date('2026-06-15T12:00:00Z'))).toBe('2026-06-15');
    expect(karachiTime(new Date('2026-06-15T12:00:00Z'))).toBe('17:00');
  });

  it('karachiMidnight is 19:00 UTC the day before, and is the first instant of that day', () => {
    expect(karachiMidnight('2026-11-28').toISOString()).toBe('2026-11-27T19:00:00.000Z');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          const midnight = karachiMidnight(day);
          expect(karachiDate(midnight)).toBe(day);
          expect(karachiDate(new Date(midnight.getTime() - 1))).toBe(addDays(day, -1));
          if (day >= '2010') expect(karachiTime(midnight)).toBe('00:00');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('karachiMidnight follows the 2008–2009 daylight saving (UTC+6) instead of assuming +5', () => {
    expect(karachiMidnight('2008-07-01').toISOString()).toBe('2008-06-30T18:00:00.000Z');
    expect(karachiTime(karachiMidnight('2009-06-15'))).toBe('00:00');
    expect(karachiMidnight('2009-12-01').toISOString()).toBe('2009-11-30T19:00:00.000Z');
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-11-28', 1)).toBe('2026-11-29');
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-31', 365)).toBe('2027-01-31');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('property: adding n then -n gives the day back, and the result is always an ISO date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: -5000, max: 5000 }),
        (d, n) => {
          const day = d.toISOString().slice(0, 10);
          const moved = addDays(day, n);
          expect(isIsoDate(moved)).toBe(true);
          expect(addDays(moved, -n)).toBe(day);
          expect((Date.parse(moved) - Date.parse(day)) / 86_400_000).toBe(n);
        },
      ),
    );
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar days only', () => {
    for (const ok of ['2026-11-28', '2028-02-29', '2000-02-29', '1999-12-31'])
      expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-01',
      '26-01-01',
      '2026/01/01',
      '2026-01-01T00:00:00Z',
      ' 2026-01-01',
      '',
      '٢٠٢٦-٠١-٠١',
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });
});

describe('fixedClock', () => {
  it('stands still until moved, and hands out copies that callers cannot move', () => {
    const clock = fixedClock('2026-11-28T05:00:00Z');
    const a = clock.now();
    a.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-11-28T05:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-11-28T05:01:30.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
