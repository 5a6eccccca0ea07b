import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { keyIdOf } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { cosignMessage, latestHead } from './audit.heads.ts';
import { chainAndSign } from './audit.service.ts';

/**
 * The demo ends by chaining and signing everything the other areas wrote, and shows a witness: a
 * civil-society observer whose key staff registered and who cosigns each new head while the demo
 * runs (its key is a file in the keys folder, demo only; a real witness runs `markaz witness` or
 * scripts/verify-log.mjs --cosign on its own machine, and checks consistency before it cosigns).
 */
const demoWitnessFile = (deps: Deps) => join(deps.config.keysDir, 'demo-witness.ed25519.pem');

export async function seedAuditDemo(deps: Deps): Promise<void> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(deps.config.keysDir, { recursive: true, mode: 0o700 });
  writeFileSync(demoWitnessFile(deps), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    mode: 0o600,
  });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = keyIdOf(pem);
  const name = 'Digital Rights Observatory (demo witness)';
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('audit_witnesses')
      .values({
        key_id: keyId,
        name,
        public_key_pem: pem,
        url: null,
        added_at: deps.clock.now(),
        added_by: null,
      })
      .execute();
    await recordChange(trx, systemActor('demo'), deps.clock, {
      action: 'audit.witness_added',
      entity: 'audit_witness',
      entityId: keyId,
      after: { keyId, name, publicKeyPem: pem, url: null },
      details: { name },
    });
  });
  await chainAndSign(deps);
  await demoWitnessCosigns(deps, privateKey);
}

/**
 * The demo witness cosigns the latest head if it has not yet (run by the audit.checkpoint job when
 * the demo is on, so an hour later the portal still shows it vouching for the current head).
 */
export async function demoWitnessCosigns(deps: Deps, key?: KeyObject): Promise<boolean> {
  const file = demoWitnessFile(deps);
  if (!key && !existsSync(file)) return false;
  const privateKey = key ?? createPrivateKey(readFileSync(file, 'utf8'));
  const keyId = keyIdOf(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
  const head = await latestHead(deps);
  if (!head) return false;
  const known = await deps.db
    .selectFrom('audit_witnesses')
    .select('key_id')
    .where('key_id', '=', keyId)
    .executeTakeFirst();
  if (!known) return false;
  const signature = sign(
    null,
    Buffer.from(cosignMessage(head.keyId, head.treeSize, head.rootHash)),
    privateKey,
  );
  const r = await deps.db
    .insertInto('audit_witness_cosignatures')
    .values({
      witness_key_id: keyId,
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      signature: signature.toString('base64'),
      received_at: deps.clock.now(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('tree_size')
    .execute();
  return r.length > 0;
}
