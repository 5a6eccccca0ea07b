import { describe, expect, it } from 'vitest';
import { bundledDocumentLoader, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.ts';
import { base58btc, fromBase58btc } from './multibase.ts';
import { encodeStatusList, isBitSet, STATUS_LIST_BITS } from './status-list.ts';

describe('the Bitstring Status List', () => {
  it('sets exactly the revoked bits, index 0 being the left-most bit', () => {
    const list = encodeStatusList([0, 9, STATUS_LIST_BITS - 1]);
    expect(list.startsWith('u')).toBe(true);
    for (const i of [0, 9, STATUS_LIST_BITS - 1]) expect(isBitSet(list, i)).toBe(true);
    for (const i of [1, 8, 10, 1000]) expect(isBitSet(list, i)).toBe(false);
    const bytes = Buffer.from(list.slice(1), 'base64url');
    expect(bytes[0]).toBe(0x1f); // GZIP
    expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(/outside/);
  });
});

describe('the bundled JSON-LD contexts', () => {
  it('serves the VC 2.0 and Open Badges 3.0 contexts and refuses everything else', async () => {
    expect((await bundledDocumentLoader(VC_V2_CONTEXT)).document).toHaveProperty('@context');
    expect((await bundledDocumentLoader(OB_V3_CONTEXT)).document).toHaveProperty('@context');
    await expect(bundledDocumentLoader('https://example.com/evil.jsonld')).rejects.toThrow(/refusing/);
  });
});

it('base58btc round-trips, leading zeros included', () => {
  const bytes = Uint8Array.from([0, 0, 1, 2, 255, 0, 7]);
  expect(fromBase58btc(base58btc(bytes))).toEqual(bytes);
  expect(base58btc(Uint8Array.from([0xed, 0x01, ...new Array(32).fill(0)]))).toMatch(/^6Mk/);
});
