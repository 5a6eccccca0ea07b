// base58btc (the alphabet of Bitcoin) and the multibase prefixes that Data Integrity proofs, Multikey
// and did:key use. Small enough to keep here rather than pull one more dependency.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function fromBase58btc(text: string): Uint8Array {
  let n = 0n;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base58btc');
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array(zeros).fill(0), ...bytes]);
}

/** The multicodec header of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB = Uint8Array.from([0xed, 0x01]);

/** An Ed25519 public key as Multikey `publicKeyMultibase` (z6Mk…), also the did:key identifier. */
export function ed25519Multibase(publicKey: Uint8Array): string {
  return `z${base58btc(Uint8Array.from([...ED25519_PUB, ...publicKey]))}`;
}
