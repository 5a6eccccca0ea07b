import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promiseStatus } from './promise-status.ts';

const base = { target: 250, announcedOn: '2024-04-01', deadline: '2025-04-01', today: '2024-10-01' };

describe('promise status rule', () => {
  it('met when delivery reaches the target, even after the deadline', () => {
    expect(promiseStatus({ ...base, delivered: 250 })).toBe('met');
    expect(promiseStatus({ ...base, delivered: 251, today: '2026-01-01' })).toBe('met');
  });
  it('missed once the deadline has passed without meeting it', () => {
    expect(promiseStatus({ ...base, delivered: 249, today: '2025-04-02' })).toBe('missed');
    expect(promiseStatus({ ...base, delivered: null, today: '2025-04-02' })).toBe('missed');
  });
  it('no data when the figure is not measured yet, open without a deadline', () => {
    expect(promiseStatus({ ...base, delivered: null })).toBe('no_data');
    expect(promiseStatus({ ...base, deadline: null, delivered: 3 })).toBe('open');
  });
  it('on track or behind by the share of time elapsed (183 of 365 days ⇒ 125.34 of 250 needed)', () => {
    expect(promiseStatus({ ...base, delivered: 126 })).toBe('on_track');
    expect(promiseStatus({ ...base, delivered: 125 })).toBe('behind');
    expect(promiseStatus({ ...base, delivered: 0, today: '2024-04-01' })).toBe('on_track');
  });
  it('property: more delivered never makes the status worse', () => {
    const rank = { missed: 0, behind: 1, no_data: 1, open: 2, on_track: 2, met: 3 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 800 }),
        (a, b, day) => {
          const today = new Date(Date.parse('2024-04-01') + day * 86_400_000).toISOString().slice(0, 10);
          const lo = promiseStatus({ ...base, target: 5000, today, delivered: Math.min(a, b) });
          const hi = promiseStatus({ ...base, target: 5000, today, delivered: Math.max(a, b) });
          expect(rank[hi]).toBeGreaterThanOrEqual(rank[lo]);
        },
      ),
    );
  });
});
