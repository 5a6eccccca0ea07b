import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open as openFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../shared/errors.ts';
import { piiCipher } from '../keys/pii.ts';
import { decryptStream, encryptStream, isEncrypted, plainSize, readHeader } from './file-cipher.ts';

export type StoredFile = { tempKey: string; sizeBytes: number; sha256: string; head: Buffer };

/**
 * Where uploaded documents live. Local disk by default; another store (object storage) only has
 * to implement these four calls. Files are streamed, hashed and counted as they arrive, and a
 * stream that passes the limit is cut off without being held in memory. Sizes, hashes and the
 * sniffed head are of the plain file; what the store keeps may be encrypted (localDiskStore is).
 */
export interface UploadStore {
  receive(stream: Readable, maxBytes: number): Promise<StoredFile>;
  commit(tempKey: string, key: string): Promise<void>;
  discard(key: string): Promise<void>;
  open(key: string): Promise<{ stream: Readable; sizeBytes: number }>;
}

const SAFE_KEY = /^[A-Za-z0-9/_-]{1,200}$/;

/**
 * Files on local disk, encrypted at rest (decision 0061): each with its own key, wrapped by the
 * pii key ring's `files` key. Files written before encryption are read as they are until the
 * sweep (`markaz uploads encrypt`, or the `uploads-encrypt` job) has encrypted them.
 */
export function localDiskStore(rootDir: string, deps: Pick<Deps, 'db' | 'config'>): UploadStore {
  const root = resolve(rootDir);
  const pathOf = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`);
    return join(root, key);
  };
  const fileKeys = async () => (await piiCipher(deps)).fileKeys();
  return {
    async receive(stream, maxBytes) {
      const tempKey = `tmp/${randomUUID()}`;
      const path = pathOf(tempKey);
      await mkdir(dirname(path), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const headChunks: Buffer[] = [];
      let headLength = 0;
      const keys = await fileKeys();
      try {
        await pipeline(
          stream,
          async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (size > maxBytes) {
                throw new AppError(
                  'payload_too_large',
                  `The file is larger than ${Math.floor(maxBytes / 1048576)} MB`,
                );
              }
              if (headLength < 16) {
                headChunks.push(chunk);
                headLength += chunk.length;
              }
              hash.update(chunk);
              yield chunk;
            }
          },
          encryptStream(keys),
          createWriteStream(path),
        );
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
      if (size === 0) {
        await rm(path, { force: true });
        throw new AppError('bad_request', 'The file is empty');
      }
      return {
        tempKey,
        sizeBytes: size,
        sha256: hash.digest('hex'),
        head: Buffer.concat(headChunks).subarray(0, 16),
      };
    },
    async commit(tempKey, key) {
      const to = pathOf(key);
      await mkdir(dirname(to), { recursive: true });
      await rename(pathOf(tempKey), to);
    },
    async discard(key) {
      await rm(pathOf(key), { force: true });
    },
    async open(key) {
      const path = pathOf(key);
      const s = await stat(path);
      const fh = await openFile(path, 'r');
      const head = Buffer.alloc(Math.min(s.size, 1024));
      try {
        await fh.read(head, 0, head.length, 0);
      } finally {
        await fh.close();
      }
      // A file from before encryption: served as it is until the sweep reaches it.
      if (!isEncrypted(head)) return { stream: createReadStream(path), sizeBytes: s.size };
      const keys = await fileKeys();
      const header = readHeader(head, keys);
      if (!header) throw new Error(`${key}: the encrypted file's header is cut short`);
      return {
        stream: Readable.from(decryptStream(keys)(createReadStream(path))),
        sizeBytes: plainSize(s.size, header.length),
      };
    },
  };
}

/** The upload store for this server's upload folder. */
export const uploadStore = (deps: Pick<Deps, 'db' | 'config'>): UploadStore =>
  localDiskStore(deps.config.uploadDir, deps);

export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** The type a file really is, by its first bytes; null when it is none of the accepted kinds. */
export function sniffType(head: Buffer): SniffedType | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

const KIND_NAMES: Record<SniffedType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/**
 * Receives a file into the store's temporary area and checks, by its first bytes, that it is one
 * of `allowed`; anything else is discarded and refused (415). The caller commits or discards it.
 */
export async function receiveTyped(
  store: UploadStore,
  stream: Readable,
  maxBytes: number,
  allowed: SniffedType[],
): Promise<StoredFile & { contentType: SniffedType }> {
  const received = await store.receive(stream, maxBytes);
  const actual = sniffType(received.head);
  if (!actual || !allowed.includes(actual)) {
    await store.discard(received.tempKey);
    throw new AppError(
      'unsupported_media_type',
      `Only ${allowed.map((t) => KIND_NAMES[t]).join(', ')} files are accepted, checked by their content`,
    );
  }
  return { ...received, contentType: actual };
}
