import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../actor.ts';
import { recordChange } from '../record-change.ts';
import { forgetKeys, secret } from './keyring.ts';
import { KeyError, secretFile, writeKeyFile } from './keystore.ts';
import { finishPiiRotation, forgetPii, LocalKeyWrapper } from './pii.ts';

const wrapLabel = (id: string, purpose: string) => `markaz-pii-key/v1|${id}|${purpose}`;

/**
 * Replaces the `pii` key-encryption key itself (decision 0061): a new key is staged beside the
 * old one, every data key in `pii_keys` is unwrapped with the old and wrapped with the new in one
 * transaction with the published fingerprint, then the new file takes the old one's place and the
 * old is kept as `pii.secret.<id>.retired`. The data keys do not change, so no row and no file is
 * rewritten. Other servers keep their unwrapped data keys and, when they next read the ring, find
 * the rows under a key they do not hold and read the key file again (keyring.ts).
 */
export async function rotatePiiKey(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
): Promise<{ previousKeyId: string; keyId: string; rewrapped: number }> {
  if (deps.config.keyEnv.MARKAZ_SECRET_PII)
    throw new KeyError('the pii key comes from the environment (MARKAZ_SECRET_PII): rotate it there');
  const file = secretFile(deps.config.keysDir, 'pii');
  const staged = `${file}.next`;
  await finishPiiRotation(deps);
  const old = new LocalKeyWrapper(await secret(deps, 'pii'));
  const fresh = randomBytes(32);
  const next = new LocalKeyWrapper(fresh);
  writeKeyFile(staged, `${fresh.toString('base64')}\n`, false);
  const now = deps.clock.now();
  let rewrapped = 0;
  await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('pii_keys').selectAll().forUpdate().execute();
    for (const r of rows) {
      const key = await old.unwrap(Buffer.from(r.wrapped, 'base64'), wrapLabel(r.id, r.purpose));
      const wrapped = (await next.wrap(key, wrapLabel(r.id, r.purpose))).toString('base64');
      await trx.updateTable('pii_keys').set({ wrapped, kek_id: next.kekId }).where('id', '=', r.id).execute();
      rewrapped++;
    }
    await trx
      .updateTable('published_keys')
      .set({ retired_at: now })
      .where('name', '=', 'pii')
      .where('key_id', '=', old.kekId)
      .execute();
    await trx
      .insertInto('published_keys')
      .values({
        key_id: next.kekId,
        name: 'pii',
        kind: 'secret',
        public_key_pem: null,
        created_at: now,
        retired_at: null,
        handover: null,
      })
      .execute();
    await recordChange(trx, systemActor('keys'), deps.clock, {
      action: 'keys.pii_rotated',
      entity: 'key',
      entityId: 'pii',
      details: { previousKeyId: old.kekId, keyId: next.kekId, dataKeys: rewrapped },
    });
  });
  renameSync(file, `${file}.${old.kekId}.retired`);
  renameSync(staged, file);
  forgetKeys(deps.db);
  forgetPii(deps.db);
  return { previousKeyId: old.kekId, keyId: next.kekId, rewrapped };
}
