import { generateKeyPairSync, sign } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { keyIdOf } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { cosignMessage, latestHead } from './audit.heads.ts';
import { chainAndSign } from './audit.service.ts';

/**
 * The demo ends by chaining and signing everything the other areas wrote, and shows a witness: a
 * civil-society observer whose key staff registered and who cosigned the demo's head (its private
 * key is thrown away; a real witness runs `markaz witness` or scripts/verify-log.mjs --cosign).
 */
export async function seedAuditDemo(deps: Deps): Promise<void> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
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
  const head = await latestHead(deps);
  if (!head) return;
  const signature = sign(
    null,
    Buffer.from(cosignMessage(head.keyId, head.treeSize, head.rootHash)),
    privateKey,
  );
  await deps.db
    .insertInto('audit_witness_cosignatures')
    .values({
      witness_key_id: keyId,
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      signature: signature.toString('base64'),
      received_at: deps.clock.now(),
    })
    .execute();
}
