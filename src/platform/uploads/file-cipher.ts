import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyError } from '../keys/keystore.ts';

/**
 * Uploaded files encrypted at rest (issue 22, decision 0061). Each file has its own random 256-bit
 * data key, wrapped (AES-256-GCM) by the `files` data key of the pii key ring, which the `pii`
 * key-encryption key wraps in turn; the wrapped file key sits in the file's header. The body is
 * AES-256-GCM in segments of 64 KiB, each with its own tag, its nonce made of a random prefix, the
 * segment's number and a last-segment flag (the STREAM construction), so that a file is read and
 * checked as it streams, and a truncated, reordered or extended file does not open.
 *
 * Layout: `MKZF` | version 1 | key-id length (1) | key id | wrapped length (2, BE) | wrapped file
 * key | nonce prefix (7) | segments (ciphertext ‖ tag).
 */
export const MAGIC = Buffer.from('MKZF');
const VERSION = 1;
export const SEGMENT = 64 * 1024;
const TAG = 16;

const wrapLabel = (keyId: string) => Buffer.from(`markaz-file-key/v1|${keyId}`);

/** The key ring's side: which data key wraps new file keys, and every one that still opens. */
export type FileKeys = { currentId: string; key(id: string): Buffer | undefined };

export function isEncrypted(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).equals(MAGIC);
}

function nonce(prefix: Buffer, n: number, last: boolean): Buffer {
  const out = Buffer.alloc(12);
  prefix.copy(out, 0);
  out.writeUInt32BE(n, 7);
  out[11] = last ? 1 : 0;
  return out;
}

function sealSegment(key: Buffer, prefix: Buffer, n: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce(prefix, n, last));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function openSegment(key: Buffer, prefix: Buffer, n: number, last: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG) throw new KeyError('the encrypted file is cut short');
  const d = createDecipheriv('aes-256-gcm', key, nonce(prefix, n, last));
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
  } catch {
    throw new KeyError('the encrypted file does not open: altered, cut short or under another key');
  }
}

/** A file's header: a fresh file key, wrapped by the current files key. */
export function newHeader(keys: FileKeys): { header: Buffer; fileKey: Buffer; prefix: Buffer } {
  const fileKey = randomBytes(32);
  const prefix = randomBytes(7);
  const kek = keys.key(keys.currentId)!;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(wrapLabel(keys.currentId));
  const wrapped = Buffer.concat([iv, c.update(fileKey), c.final(), c.getAuthTag()]);
  const id = Buffer.from(keys.currentId);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(wrapped.length);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id, len, wrapped, prefix]);
  return { header, fileKey, prefix };
}

/** Parses a header from the start of `buf`; null while more bytes are needed. */
export function readHeader(
  buf: Buffer,
  keys: FileKeys,
): { fileKey: Buffer; prefix: Buffer; keyId: string; length: number } | null {
  if (buf.length < 6) return null;
  if (!isEncrypted(buf)) throw new KeyError('not an encrypted Markaz file');
  if (buf[4] !== VERSION) throw new KeyError(`encrypted file version ${buf[4]} is unknown`);
  const idLen = buf[5]!;
  if (buf.length < 6 + idLen + 2) return null;
  const keyId = buf.subarray(6, 6 + idLen).toString();
  const wLen = buf.readUInt16BE(6 + idLen);
  const length = 6 + idLen + 2 + wLen + 7;
  if (buf.length < length) return null;
  const wrapped = buf.subarray(8 + idLen, 8 + idLen + wLen);
  const kek = keys.key(keyId);
  if (!kek) throw new KeyError(`the files key ${keyId} is unknown to this server`);
  const d = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
  d.setAAD(wrapLabel(keyId));
  d.setAuthTag(wrapped.subarray(wrapped.length - TAG));
  let fileKey: Buffer;
  try {
    fileKey = Buffer.concat([d.update(wrapped.subarray(12, wrapped.length - TAG)), d.final()]);
  } catch {
    throw new KeyError(`the file key does not open with the files key ${keyId}`);
  }
  return { fileKey, prefix: buf.subarray(length - 7, length), keyId, length };
}

/** Plain bytes in → header and sealed segments out. */
export function encryptStream(keys: FileKeys) {
  return async function* (source: AsyncIterable<unknown>) {
    const { header, fileKey, prefix } = newHeader(keys);
    yield header;
    let pending: Buffer = Buffer.alloc(0);
    let n = 0;
    for await (const c of source) {
      const chunk = c as Buffer;
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // A segment goes out only once more bytes follow it: the last one is sealed as last.
      while (pending.length > SEGMENT) {
        yield sealSegment(fileKey, prefix, n++, false, pending.subarray(0, SEGMENT));
        pending = pending.subarray(SEGMENT);
      }
    }
    yield sealSegment(fileKey, prefix, n, true, pending);
  };
}

/** Header and sealed segments in → plain bytes out, each segment checked before it is passed on. */
export function decryptStream(keys: FileKeys) {
  return async function* (source: AsyncIterable<unknown>) {
    let buf: Buffer = Buffer.alloc(0);
    let head: ReturnType<typeof readHeader> = null;
    let n = 0;
    for await (const c of source) {
      const chunk = c as Buffer;
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      if (!head) {
        head = readHeader(buf, keys);
        if (!head) continue;
        buf = buf.subarray(head.length);
      }
      while (buf.length > SEGMENT + TAG) {
        yield openSegment(head.fileKey, head.prefix, n++, false, buf.subarray(0, SEGMENT + TAG));
        buf = buf.subarray(SEGMENT + TAG);
      }
    }
    if (!head) throw new KeyError('the encrypted file is cut short');
    yield openSegment(head.fileKey, head.prefix, n, true, buf);
  };
}

/** The plain size of an encrypted file from its size on disk and its header's length. */
export function plainSize(fileSize: number, headerLength: number): number {
  const body = fileSize - headerLength;
  const segments = Math.max(1, Math.ceil(body / (SEGMENT + TAG)));
  return body - segments * TAG;
}
