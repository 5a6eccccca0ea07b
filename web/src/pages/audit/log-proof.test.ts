import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inclusionRanges, leafHash, nodeHash, splitPoint } from '../../../../src/shared/merkle.ts';
import { ed25519Holds, headMessage, inclusionHolds, leafHashOf, toHex } from './log-proof';

// The browser's checks agree with the server's RFC 9162 tree and Ed25519 signatures.

/** RFC 9162 MTH over leaves [a, b), straight from the definition. */
const mth = (leaves: Buffer[], a: number, b: number): Buffer => {
  if (b - a === 1) return leaves[a]!;
  const k = splitPoint(b - a);
  return nodeHash(mth(leaves, a, a + k), mth(leaves, a + k, b));
};

describe('checking a proof in the browser', () => {
  it('accepts every true inclusion proof in trees of 1 to 20 leaves and rejects altered ones', async () => {
    for (let size = 1; size <= 20; size++) {
      const leaves = Array.from({ length: size }, (_, i) => leafHash(`entry ${i}`));
      const root = mth(leaves, 0, size);
      for (let i = 0; i < size; i++) {
        const path = inclusionRanges(i, size).map(([a, b]) => mth(leaves, a, b).toString('hex'));
        expect(await inclusionHolds(i, size, leaves[i]!.toString('hex'), path, root.toString('hex'))).toBe(
          true,
        );
        const other = leaves[(i + 1) % size]!.toString('hex');
        if (size > 1) expect(await inclusionHolds(i, size, other, path, root.toString('hex'))).toBe(false);
      }
    }
    expect(await leafHashOf('{"a":1}')).toBe(leafHash('{"a":1}').toString('hex'));
  });

  it('checks a tree head signature with the published key, and a forged one fails', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const head = {
      treeSize: 7,
      rootHash: 'ab'.repeat(32),
      chainHash: 'cd'.repeat(32),
      timestamp: '2026-12-01T00:00:00.000Z',
    };
    const sig = sign(null, Buffer.from(headMessage(head)), privateKey).toString('base64');
    expect(await ed25519Holds(pem, headMessage(head), sig)).toBe(true);
    expect(await ed25519Holds(pem, headMessage({ ...head, treeSize: 8 }), sig)).toBe(false);
    expect(toHex(Uint8Array.of(0, 255))).toBe('00ff');
  });
});
