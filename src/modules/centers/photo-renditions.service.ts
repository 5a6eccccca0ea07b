import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { makeRenditions, type Rendition } from '../../platform/uploads/image-renditions.ts';
import type { StoredFile, UploadStore } from '../../platform/uploads/upload-store.ts';

/**
 * The public page's copies of an inspection photo (decision 0078): made with sharp when the photo
 * is uploaded (or, for a photo uploaded before, when it is published), stored encrypted like every
 * upload, without any of the original's metadata. The original stays with staff and the owner.
 */

export type StagedRendition = Omit<Rendition, 'data'> & { file: StoredFile; sizeBytes: number };

/** The whole of a stored file, decrypted (a photo is at most the upload limit, 10 MB). */
export async function readStored(store: UploadStore, key: string): Promise<Buffer> {
  const { stream } = await store.open(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Makes the copies and puts each in the store's temporary area; 400 naming `file` if it is no image. */
export async function stageRenditions(store: UploadStore, original: Buffer): Promise<StagedRendition[]> {
  const made = await makeRenditions(original, 'file');
  const staged: StagedRendition[] = [];
  try {
    for (const r of made) {
      const file = await store.receive(Readable.from([r.data]), r.data.length + 1);
      staged.push({
        width: r.width,
        height: r.height,
        contentType: r.contentType,
        file,
        sizeBytes: r.data.length,
      });
    }
  } catch (err) {
    await discardStaged(store, staged);
    throw err;
  }
  return staged;
}

export async function discardStaged(store: UploadStore, staged: StagedRendition[]): Promise<void> {
  for (const s of staged) await store.discard(s.file.tempKey);
}

export const renditionKey = (centerId: string, photoId: string, width: number) =>
  `inspections/${centerId}/${photoId}-w${width}`;

/** Inside the caller's transaction: records the staged copies and moves them to their keys. */
export async function commitRenditions(
  trx: Kysely<Database>,
  deps: Pick<Deps, 'clock'>,
  store: UploadStore,
  centerId: string,
  photoId: string,
  staged: StagedRendition[],
): Promise<string[]> {
  const keys: string[] = [];
  for (const s of staged) {
    const key = renditionKey(centerId, photoId, s.width);
    await trx
      .insertInto('center_photo_renditions')
      .values({
        center_id: centerId,
        photo_id: photoId,
        width: s.width,
        height: s.height,
        content_type: s.contentType,
        size_bytes: s.sizeBytes,
        storage_key: key,
        created_at: deps.clock.now(),
      })
      .execute();
    await store.commit(s.file.tempKey, key);
    keys.push(key);
  }
  return keys;
}

export async function renditionsOf(db: Kysely<Database>, centerId: string, photoIds: string[]) {
  if (photoIds.length === 0) return [];
  return db
    .selectFrom('center_photo_renditions')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('photo_id', 'in', photoIds)
    .orderBy('width')
    .execute();
}

/**
 * A photo uploaded before copies were made gets them now, from its original. Returns false when
 * the original does not decode (the caller refuses to publish it).
 */
export async function ensureRenditions(
  deps: Deps,
  store: UploadStore,
  centerId: string,
  photoId: string,
  originalKey: string,
): Promise<boolean> {
  if ((await renditionsOf(deps.db, centerId, [photoId])).length > 0) return true;
  let staged: StagedRendition[];
  try {
    staged = await stageRenditions(store, await readStored(store, originalKey));
  } catch {
    return false;
  }
  try {
    await inTransaction(deps.db, (trx) => commitRenditions(trx, deps, store, centerId, photoId, staged));
  } catch (err) {
    await discardStaged(store, staged);
    throw err;
  }
  return true;
}
