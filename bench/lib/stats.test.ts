import { describe, expect, it } from 'vitest';
import { describeTarget, evaluate, markdownTable, percentile, ratio, summarize } from './stats.ts';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank, whatever the order of the samples', () => {
    const xs = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(100);
    expect(percentile(xs, 90)).toBe(90);
    expect(percentile(xs, 0)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(xs, 101)).toThrow(RangeError);
  });

  it('summarizes a latency sample', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(summarize(xs)).toEqual({ count: 1000, mean: 500.5, p50: 500, p95: 950, p99: 990, max: 1000 });
  });

  it('gives ratios to a floor, and none for a missing floor', () => {
    expect(ratio(50, 200)).toBe(0.25);
    expect(ratio(1, 3)).toBe(0.333);
    expect(ratio(10, 0)).toBeNull();
    expect(ratio(Number.NaN, 10)).toBeNull();
  });

  it('marks targets met or missed, with the bound itself counting as met', () => {
    const atLeastHalf = { op: '>=', bound: 50, unit: '%' } as const;
    const atMost50ms = { op: '<=', bound: 50, unit: ' ms' } as const;
    expect(evaluate(50, atLeastHalf)).toBe('met');
    expect(evaluate(49.9, atLeastHalf)).toBe('missed');
    expect(evaluate(50, atMost50ms)).toBe('met');
    expect(evaluate(51, atMost50ms)).toBe('missed');
    expect(evaluate(null, atMost50ms)).toBe('not measured');
    expect(evaluate(Number.NaN, atMost50ms)).toBe('not measured');
    expect(describeTarget(atLeastHalf)).toBe('≥ 50%');
    expect(describeTarget(atMost50ms)).toBe('≤ 50 ms');
  });

  it('writes a Markdown table with pipes escaped', () => {
    expect(markdownTable(['a', 'b'], [[1, 'x|y']])).toBe('| a | b |\n|---|---|\n| 1 | x\\|y |');
  });
});

describe('summarize at national sample counts', () => {
  it('handles more samples than a call may take arguments', () => {
    const samples = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(summarize(samples).max).toBe(999);
  });
});
