import { describe, expect, it } from 'vitest';
import { isWeekend, nextWorkingDay, rollDueDates } from './working-days.ts';

describe('due dates on non-working days', () => {
  it('a Saturday moves to Monday; a Friday holiday before a weekend to the Monday after', () => {
    expect(isWeekend('2026-12-12')).toBe(true); // Saturday
    expect(nextWorkingDay('2026-12-12', new Set())).toBe('2026-12-14');
    // 25 Dec 2026 (Quaid-e-Azam Day) is a Friday: Sat, Sun, then Monday 28 Dec.
    expect(nextWorkingDay('2026-12-25', new Set(['2026-12-25']))).toBe('2026-12-28');
    expect(nextWorkingDay('2026-12-23', new Set(['2026-12-25']))).toBe('2026-12-23');
  });

  it('rolls each instalment on its own and keeps the amounts', () => {
    const rolled = rollDueDates(
      [
        { number: 1, dueDate: '2026-11-09', principalMinor: 100 }, // Iqbal Day, a Monday
        { number: 2, dueDate: '2026-12-12', principalMinor: 200 }, // a Saturday
      ],
      new Set(['2026-11-09']),
    );
    expect(rolled).toEqual([
      { number: 1, dueDate: '2026-11-10', principalMinor: 100, scheduledDate: '2026-11-09' },
      { number: 2, dueDate: '2026-12-14', principalMinor: 200, scheduledDate: '2026-12-12' },
    ]);
  });

  it('rolls a line again from the day it was scheduled, not from where it was moved', () => {
    const once = rollDueDates(
      [{ number: 1, dueDate: '2027-03-10', principalMinor: 100 }],
      new Set(['2027-03-10']),
    );
    expect(once[0]).toMatchObject({ dueDate: '2027-03-11', scheduledDate: '2027-03-10' });
    // The holiday removed: back on its own day, with nothing left to say where it came from.
    expect(rollDueDates(once, new Set())).toEqual([
      { number: 1, dueDate: '2027-03-10', principalMinor: 100 },
    ]);
  });
});
