import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * W3C Bitstring Status List v1.0: one bit per credential, index 0 the left-most bit of the first
 * byte; the list is GZIP-compressed and multibase base64url-encoded (`u…`). 131,072 bits (16 KiB)
 * is the spec's minimum, so that one list hides which of many credentials a verifier asks about.
 */
export const STATUS_LIST_BITS = 131_072;

export function encodeStatusList(revokedIndexes: Iterable<number>, bits = STATUS_LIST_BITS): string {
  const bytes = new Uint8Array(bits / 8);
  for (const i of revokedIndexes) {
    if (!Number.isInteger(i) || i < 0 || i >= bits) throw new Error(`status index ${i} is outside the list`);
    bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Whether bit `index` is set in an `encodedList` (used by Markaz's own verification page). */
export function isBitSet(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (index < 0 || index >= bytes.length * 8) throw new Error('status index outside the list');
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}
