import { createHash, randomBytes } from 'node:crypto';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { OrganizationId } from '../../shared/ids.ts';
import { addressAllowed, formatCidr, parseCidr } from './api-key-limits.ts';
import { toApiKey, toOrganization } from './identity.repository.ts';
import type { ApiKey, CreateOrganizationInput, Organization } from './identity.schema.ts';

export async function createOrganization(
  deps: Deps,
  actor: Actor,
  input: CreateOrganizationInput,
): Promise<Organization> {
  requireRole(actor, 'program_admin');
  const existing = await deps.db
    .selectFrom('organizations')
    .select('id')
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (existing) {
    throw new AppError('already_exists', `code ${input.code} is taken`, {
      fields: [{ path: 'code', message: 'is taken' }],
    });
  }
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('organizations')
      .values({ kind: input.kind, code: input.code, name: input.name, created_at: deps.clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    const org = toOrganization(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'organization.created',
      entity: 'organization',
      entityId: org.id,
      after: org,
    });
    return org;
  });
}

export async function listOrganizations(
  deps: Deps,
  actor: Actor,
  kind?: Organization['kind'],
): Promise<Organization[]> {
  requireRole(actor, 'program_admin', 'auditor');
  let q = deps.db.selectFrom('organizations').selectAll().orderBy('name');
  if (kind) q = q.where('kind', '=', kind);
  return (await q.execute()).map(toOrganization);
}

// API keys: "mkz_<prefix>_<secret>". Only a SHA-256 of the secret is stored; the secret has 256 bits
// of entropy, so a slow hash adds nothing and would slow every machine request.
const KEY_RE = /^mkz_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createApiKey(
  deps: Deps,
  actor: Actor,
  input: {
    organizationId: string;
    name: string;
    allowedCidrs?: string[] | undefined;
    expiresAt?: string | undefined;
  },
): Promise<{ apiKey: ApiKey; secret: string }> {
  requireRole(actor, 'program_admin');
  if (actor.kind !== 'user' && actor.kind !== 'system')
    throw new AppError('forbidden', 'Only people create API keys');
  const { allowedCidrs, expiresAt } = apiKeyLimits(deps, input);
  const org = await deps.db
    .selectFrom('organizations')
    .selectAll()
    .where('id', '=', input.organizationId)
    .executeTakeFirst();
  if (!org) throw notFound('Organisation');
  if (org.kind !== 'bank') {
    throw new AppError('validation_failed', 'organizationId: API keys are issued to partner banks', {
      fields: [{ path: 'organizationId', message: 'must be a bank' }],
    });
  }
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const createdBy = actor.kind === 'user' ? actor.userId : await firstAdminId(deps);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('api_keys')
      .values({
        organization_id: org.id,
        name: input.name,
        prefix,
        secret_hash: secretHash(secret),
        role: 'bank_officer',
        created_by: createdBy,
        created_at: deps.clock.now(),
        allowed_cidrs: allowedCidrs,
        expires_at: expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const apiKey = toApiKey(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'api_key.created',
      entity: 'api_key',
      entityId: apiKey.id,
      after: apiKey,
    });
    return { apiKey, secret: `mkz_${prefix}_${secret}` };
  });
}

/** The key's limits, checked: every block a valid CIDR (kept normalised), the expiry ahead. */
function apiKeyLimits(
  deps: Deps,
  input: { allowedCidrs?: string[] | undefined; expiresAt?: string | undefined },
): { allowedCidrs: string[]; expiresAt: Date | null } {
  const fields: { path: string; message: string; rule?: string }[] = [];
  const allowedCidrs = (input.allowedCidrs ?? []).map((text, i) => {
    const c = parseCidr(text);
    if (!c)
      fields.push({
        path: `allowedCidrs.${i}`,
        message: 'must be an IPv4 or IPv6 address or CIDR block',
        rule: 'cidr',
      });
    return c ? formatCidr(c) : text;
  });
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && !(expiresAt > deps.clock.now()))
    fields.push({ path: 'expiresAt', message: 'must be in the future', rule: 'future' });
  if (fields.length)
    throw new AppError('validation_failed', `${fields[0]!.path}: ${fields[0]!.message}`, { fields });
  return { allowedCidrs: [...new Set(allowedCidrs)], expiresAt };
}

/**
 * Changes an existing key's limits (decision 0077): a programme admin for any bank, a bank officer
 * for their own bank's keys only. The new limits hold from the next request: a key narrowed to
 * other addresses is refused at once from the old ones (authenticateApiKey reads them each time).
 */
export async function updateApiKeyLimits(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { allowedCidrs: string[]; expiresAt: string | null },
): Promise<ApiKey> {
  requireRole(actor, 'program_admin', 'bank_officer');
  if (actor.kind === 'api_key') throw new AppError('forbidden', "Only people change an API key's limits");
  const limits = apiKeyLimits(deps, {
    allowedCidrs: input.allowedCidrs,
    expiresAt: input.expiresAt ?? undefined,
  });
  return inTransaction(deps.db, async (trx) => {
    const before = await trx
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    // A bank officer of another bank learns nothing about the key: the same 404 as a missing one.
    if (
      !before ||
      (actor.kind === 'user' &&
        actor.role === 'bank_officer' &&
        actor.organizationId !== before.organization_id)
    )
      throw notFound('API key');
    if (before.revoked_at) throw new AppError('invalid_state', 'This key is revoked; issue a new one');
    const row = await trx
      .updateTable('api_keys')
      .set({ allowed_cidrs: limits.allowedCidrs, expires_at: limits.expiresAt })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirstOrThrow();
    const apiKey = toApiKey(row);
    const was = toApiKey(before);
    await recordChange(trx, actor, deps.clock, {
      action: 'api_key.limits_changed',
      entity: 'api_key',
      entityId: id,
      before: { allowedCidrs: was.allowedCidrs, expiresAt: was.expiresAt },
      after: { allowedCidrs: apiKey.allowedCidrs, expiresAt: apiKey.expiresAt },
    });
    return apiKey;
  });
}

async function firstAdminId(deps: Deps): Promise<string> {
  const row = await deps.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'program_admin')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!row) throw new AppError('invalid_state', 'Create a programme admin first');
  return row.id;
}

export async function listApiKeys(deps: Deps, actor: Actor, organizationId?: string): Promise<ApiKey[]> {
  requireRole(actor, 'program_admin', 'auditor', 'bank_officer');
  // A bank officer sees their own bank's keys only (to change their limits), whatever was asked.
  const own = actor.kind === 'user' && actor.role === 'bank_officer' ? actor.organizationId : undefined;
  if (actor.kind === 'api_key') throw new AppError('forbidden', 'Only people list API keys');
  if (own === null) return [];
  let q = deps.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc');
  if (own) q = q.where('organization_id', '=', own);
  else if (organizationId) q = q.where('organization_id', '=', organizationId);
  return (await q.execute()).map(toApiKey);
}

export async function revokeApiKey(deps: Deps, actor: Actor, id: string): Promise<ApiKey> {
  requireRole(actor, 'program_admin');
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('api_keys')
      .set({ revoked_at: deps.clock.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('api_keys').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? new AppError('invalid_state', 'This key is already revoked') : notFound('API key');
    }
    const apiKey = toApiKey(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'api_key.revoked',
      entity: 'api_key',
      entityId: id,
      after: apiKey,
    });
    return apiKey;
  });
}

/**
 * Resolves "mkz_…" to the bank it speaks for, or null. A real key used after its expiry or from
 * an address outside its blocks is refused with its own reason (the caller holds the secret, so
 * the reason tells it nothing it could not know), and the refusal is not counted as a use.
 */
export async function authenticateApiKey(
  deps: Deps,
  presented: string,
  ip?: string,
): Promise<Extract<Actor, { kind: 'api_key' }> | null> {
  const m = KEY_RE.exec(presented);
  if (!m) return null;
  const row = await deps.db
    .selectFrom('api_keys')
    .select(['id', 'organization_id', 'secret_hash', 'revoked_at', 'role', 'allowed_cidrs', 'expires_at'])
    .where('prefix', '=', m[1]!)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.secret_hash !== secretHash(m[2]!)) return null;
  if (row.expires_at && row.expires_at <= deps.clock.now())
    throw new AppError('unauthenticated', `This API key expired at ${row.expires_at.toISOString()}`, {
      reason: 'api_key_expired',
    });
  if (!addressAllowed(row.allowed_cidrs, ip))
    throw new AppError('forbidden', `This API key may not be used from the address ${ip ?? 'unknown'}`, {
      reason: 'api_key_address',
    });
  await deps.db
    .updateTable('api_keys')
    .set({ last_used_at: deps.clock.now() })
    .where('id', '=', row.id)
    .execute();
  return {
    kind: 'api_key',
    apiKeyId: row.id,
    role: row.role,
    organizationId: row.organization_id as OrganizationId,
  };
}
