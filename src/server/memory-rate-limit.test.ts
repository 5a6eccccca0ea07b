import { describe, expect, it } from 'vitest';
import { memoryRateLimiter } from './memory-rate-limit.ts';

describe('memoryRateLimiter', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, 0) + s * 1000);

  it('allows the limit per key per window, then refuses with the seconds left', () => {
    const l = memoryRateLimiter(3, 60);
    expect([1, 2, 3].map(() => l.consume('a', at(10)).allowed)).toEqual([true, true, true]);
    expect(l.consume('a', at(15))).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // another address is counted apart
    expect(l.consume('b', at(15)).allowed).toBe(true);
  });

  it('starts afresh in the next window and forgets the old keys', () => {
    const l = memoryRateLimiter(1, 60);
    l.consume('a', at(1));
    l.consume('b', at(1));
    expect(l.consume('a', at(2)).allowed).toBe(false);
    expect(l.consume('a', at(61)).allowed).toBe(true);
    expect(l.size()).toBe(1);
  });

  it('does not grow past maxKeys under a flood of addresses', () => {
    const l = memoryRateLimiter(5, 60, 100);
    for (let i = 0; i < 1000; i++) expect(l.consume(`ip${i}`, at(1)).allowed).toBe(true);
    expect(l.size()).toBe(100);
  });
});
