import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, forbidden, invalidField, notFound } from '../../shared/errors.ts';
import { publicKeyOf, type SigningAlg, SKEW_SECONDS } from './signatures.ts';
import type { AddSigningKeyInput, SigningSettings } from './signing-keys.schema.ts';

/**
 * A bank's officer, signed in (never an API key: a stolen key must not register its own signing
 * key or turn signing off), manages the public keys its systems sign with, and whether signing is
 * required of every API-key request.
 */
function officerBank(actor: Actor): { bankId: string; userId: string } {
  requireRole(actor, 'bank_officer');
  if (actor.kind !== 'user' || !actor.organizationId)
    throw forbidden('An officer signed in to Markaz manages the bank’s signing keys, not an API key');
  return { bankId: actor.organizationId, userId: actor.userId };
}

const fingerprint = (pem: string, alg: SigningAlg) =>
  createHash('sha256')
    .update(publicKeyOf(pem, alg).export({ type: 'spki', format: 'der' }))
    .digest('hex');

export async function signingSettings(deps: Deps, actor: Actor): Promise<SigningSettings> {
  const { bankId } = officerBank(actor);
  const [setting, keys] = await Promise.all([
    deps.db
      .selectFrom('remittance_signing_settings')
      .select('required')
      .where('bank_id', '=', bankId)
      .executeTakeFirst(),
    deps.db
      .selectFrom('remittance_signing_keys')
      .selectAll()
      .where('bank_id', '=', bankId)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  return {
    required: setting?.required ?? false,
    skewSeconds: SKEW_SECONDS,
    keys: keys.map((k) => ({
      id: k.id,
      keyId: k.key_id,
      alg: k.alg,
      fingerprint: fingerprint(k.public_key_pem, k.alg),
      createdAt: k.created_at.toISOString(),
      revokedAt: k.revoked_at?.toISOString() ?? null,
    })),
  };
}

export async function addSigningKey(deps: Deps, actor: Actor, input: AddSigningKeyInput) {
  const { bankId, userId } = officerBank(actor);
  let fp: string;
  let spki: string;
  try {
    fp = fingerprint(input.publicKeyPem, input.alg);
    spki = publicKeyOf(input.publicKeyPem, input.alg).export({ type: 'spki', format: 'pem' }).toString();
  } catch (e) {
    const why = e instanceof Error && e.message.startsWith('the key') ? e.message : 'is not a PEM public key';
    throw invalidField('publicKeyPem', why, 'sig_key_pem');
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('remittance_signing_keys')
      .values({
        bank_id: bankId,
        key_id: input.keyId,
        alg: input.alg,
        public_key_pem: spki,
        created_by: userId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['bank_id', 'key_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('conflict', 'This bank already has a key with this id', {
        fields: [
          {
            path: 'keyId',
            message: 'already used by this bank (a revoked id is not reused)',
            rule: 'sig_key_taken',
          },
        ],
      });
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_bank.signing_key_added',
      entity: 'organization',
      entityId: bankId,
      after: { keyId: input.keyId, alg: input.alg, fingerprint: fp },
    });
  });
  return signingSettings(deps, actor);
}

export async function revokeSigningKey(deps: Deps, actor: Actor, id: string) {
  const { bankId } = officerBank(actor);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('remittance_signing_keys')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('bank_id', '=', bankId)
      .where('revoked_at', 'is', null)
      .returning('key_id')
      .executeTakeFirst();
    if (!r) throw notFound('Signing key');
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_bank.signing_key_revoked',
      entity: 'organization',
      entityId: bankId,
      after: { keyId: r.key_id },
    });
  });
  return signingSettings(deps, actor);
}

export async function setSigningRequired(deps: Deps, actor: Actor, required: boolean) {
  const { bankId, userId } = officerBank(actor);
  const now = deps.clock.now();
  if (required) {
    const live = await deps.db
      .selectFrom('remittance_signing_keys')
      .select('id')
      .where('bank_id', '=', bankId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!live)
      throw invalidField('required', 'register a public key before requiring signatures', 'sig_no_key');
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('remittance_signing_settings')
      .values({ bank_id: bankId, required, updated_by: userId, updated_at: now })
      .onConflict((oc) => oc.column('bank_id').doUpdateSet({ required, updated_by: userId, updated_at: now }))
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'remittance_bank.signing_required_set',
      entity: 'organization',
      entityId: bankId,
      after: { required },
    });
  });
  return signingSettings(deps, actor);
}
