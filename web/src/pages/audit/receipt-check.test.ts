import { describe, expect, it } from 'vitest';
import { canonicalJson as serverCanonical } from '../../../../src/shared/canonical-json.ts';
import { inclusionRanges, leafHash, nodeHash, splitPoint } from '../../../../src/shared/merkle.ts';
import { canonicalJson, checkLeafAndPath } from './receipt-check';

// The browser recomputes a receipt's leaf from the whole entry exactly as the server hashes it.

const entry = {
  id: '42',
  seq: 3,
  occurredAt: '2026-12-07T03:00:00.000Z',
  actorId: null,
  actorKind: 'system',
  action: 'booking.created',
  entity: 'booking',
  entityId: '7f1c3a52-0000-4000-8000-000000000001',
  beforeDigest: null,
  afterDigest: 'ab'.repeat(32),
  details: { seat: 'A-1', ٹیسٹ: 'اردو', nested: { z: 1, a: [3, { y: true, b: null }] } },
  requestId: null,
};

const mth = (leaves: Buffer[], a: number, b: number): Buffer => {
  if (b - a === 1) return leaves[a]!;
  const k = splitPoint(b - a);
  return nodeHash(mth(leaves, a, a + k), mth(leaves, a + k, b));
};

describe('a receipt checked in the browser', () => {
  it('writes the same canonical JSON as the server', () => {
    expect(canonicalJson(entry)).toBe(serverCanonical(entry));
  });

  it('accepts the true entry and refuses an altered one, however the server states the leaf', async () => {
    const leaves = [
      leafHash('a'),
      leafHash('b'),
      leafHash(serverCanonical(entry)),
      leafHash('d'),
      leafHash('e'),
    ];
    const root = mth(leaves, 0, leaves.length).toString('hex');
    const path = inclusionRanges(2, leaves.length).map(([a, b]) => mth(leaves, a, b).toString('hex'));
    const proof = { leafIndex: 2, treeSize: 5, auditPath: path, head: { rootHash: root } };
    const receipt = { seq: 3, leafHash: leaves[2]!.toString('hex'), entry };
    expect(await checkLeafAndPath(receipt, proof)).toMatchObject({ leaf: true, path: true });
    // An entry edited after the fact: its recomputed leaf differs, and the path fails from it.
    const edited = { ...receipt, entry: { ...entry, details: { ...entry.details, seat: 'B-2' } } };
    expect(await checkLeafAndPath(edited, proof)).toMatchObject({ leaf: false, path: false });
    // A server that states the edited entry's own hash as the receipt still fails the path.
    const edHash = leafHash(serverCanonical(edited.entry)).toString('hex');
    expect(await checkLeafAndPath({ ...edited, leafHash: edHash }, proof)).toMatchObject({
      leaf: true,
      path: false,
    });
    // The right entry at another position is refused.
    expect((await checkLeafAndPath(receipt, { ...proof, leafIndex: 1 })).path).toBe(false);
  });
});
