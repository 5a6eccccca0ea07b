/**
 * What encrypting uploads at rest costs (issue 22; decision 0061): the same file written to disk
 * and read back, plain and through the upload store's cipher (AES-256-GCM in 64 KiB segments),
 * interleaved so that load changes hit both alike. Reports MB/s each way.
 *
 *   npx tsx bench/upload-encryption.ts [--mb 20] [--runs 5]
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { decryptStream, encryptStream, type FileKeys } from '../src/platform/uploads/file-cipher.ts';

const { values: args } = parseArgs({
  options: { mb: { type: 'string', default: '20' }, runs: { type: 'string', default: '5' } },
});
const size = Number(args.mb) * 1024 * 1024;
const runs = Number(args.runs);
const dir = mkdtempSync(join(tmpdir(), 'markaz-bench-enc-'));
const data = randomBytes(size);
const key = randomBytes(32);
const keys: FileKeys = { currentId: 'files-1', key: () => key };
const chunks = () => {
  const out: Buffer[] = [];
  for (let i = 0; i < size; i += 64 * 1024) out.push(data.subarray(i, i + 64 * 1024));
  return Readable.from(out);
};
const sink = async (s: AsyncIterable<unknown>) => {
  for await (const _ of s);
};
const t = { plainWrite: 0, encWrite: 0, plainRead: 0, encRead: 0 };
const time = async (f: () => Promise<unknown>) => {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
};
for (let r = 0; r < runs; r++) {
  t.plainWrite += await time(() => pipeline(chunks(), createWriteStream(join(dir, 'plain'))));
  t.encWrite += await time(() =>
    pipeline(chunks(), encryptStream(keys), createWriteStream(join(dir, 'enc'))),
  );
  t.plainRead += await time(() => sink(createReadStream(join(dir, 'plain'))));
  t.encRead += await time(() => sink(decryptStream(keys)(createReadStream(join(dir, 'enc')))));
}
rmSync(dir, { recursive: true, force: true });
const mbs = (ms: number) => ((size * runs) / 1048576 / (ms / 1000)).toFixed(0);
console.log(`file ${args.mb} MB × ${runs} runs, load average ${loadavg()[0]!.toFixed(1)} on this machine`);
console.log(`write: plain ${mbs(t.plainWrite)} MB/s, encrypted ${mbs(t.encWrite)} MB/s`);
console.log(`read:  plain ${mbs(t.plainRead)} MB/s, decrypted ${mbs(t.encRead)} MB/s`);
