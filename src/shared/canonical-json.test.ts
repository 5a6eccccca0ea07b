import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, digest, sha256Hex } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('drops undefined properties and writes dates as ISO instants', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2026-11-28T05:00:00Z') })).toBe(
      '{"b":"2026-11-28T05:00:00.000Z"}',
    );
  });

  it('property: equal values give equal text whatever the key order; the text parses back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const shuffled = JSON.parse(JSON.stringify(value), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a "__proto__" key instead of dropping it (two values must never share a digest)', () => {
    const sneaky = JSON.parse('{"b":2,"__proto__":{"role":"program_admin"}}');
    expect(canonicalJson(sneaky)).toBe('{"__proto__":{"role":"program_admin"},"b":2}');
    expect(digest(sneaky)).not.toBe(digest({ b: 2 }));
  });

  it('different values give different text', () => {
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe('digests', () => {
  it('sha256Hex matches the standard test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('digest is order-insensitive for keys and null for nothing', () => {
    expect(digest({ x: 1, y: 2 })).toBe(digest({ y: 2, x: 1 }));
    expect(digest({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(digest(null)).toBeNull();
    expect(digest(undefined)).toBeNull();
  });
});
