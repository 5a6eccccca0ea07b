import { describe, expect, it } from 'vitest';
import { daysOf, pktDay, pktTime, rangeOf, step } from './inspection-calendar';

describe('the inspection calendar’s days', () => {
  it('reads instants as Pakistan days and times', () => {
    expect(pktDay('2026-12-06T19:30:00Z')).toBe('2026-12-07'); // 00:30 on the 7th in Karachi
    expect(pktTime('2026-12-06T19:30:00Z')).toBe('00:30');
  });
  it('weeks run Monday to Sunday; months from the 1st to their last day', () => {
    expect(rangeOf('week', '2026-12-10')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(rangeOf('week', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(rangeOf('month', '2027-02-15')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(step('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(step('week', '2026-12-10', -1)).toBe('2026-12-03');
    expect(daysOf({ from: '2026-12-30', to: '2027-01-02' })).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });
});
