import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, type FieldIssue, notFound } from '../../shared/errors.ts';
import { sealContacts } from './identity.pii.ts';
import * as repo from './identity.repository.ts';
import { normalizeCnic, normalizeEmail, normalizeMobile, passwordProblem } from './identity.rules.ts';
import type { CreateUserInput, RegisterInput, UpdateProfileInput, User } from './identity.schema.ts';
import type { Role } from './identity.table.ts';
import { cancelTokens } from './one-time-token.ts';
import { hashPassword } from './password.ts';
import { masked } from './personal-data.ts';
import { tellOwner } from './security-messages.ts';
import { type Client, confirmPassword } from './sign-in.ts';
import { forgetBrowsers } from './sign-in-browser.ts';
import { endTrustedDevices } from './trusted-device.service.ts';

export type Normalized = { email: string; mobile: string | null; cnic: string | null };

/** Validates and normalises identity fields, collecting every problem before failing. */
export function normalizeIdentity(
  input: {
    email: string;
    mobile?: string | undefined;
    cnic?: string | undefined;
    password?: string | undefined;
    name: string;
  },
  required: { mobile: boolean; cnic: boolean },
): Normalized {
  const fields: FieldIssue[] = [];
  const email = normalizeEmail(input.email);
  let mobile: string | null = null;
  let cnic: string | null = null;
  if (input.mobile !== undefined) {
    mobile = normalizeMobile(input.mobile);
    if (!mobile)
      fields.push({ path: 'mobile', message: 'must be a Pakistani mobile number like 0300 1234567' });
  } else if (required.mobile) fields.push({ path: 'mobile', message: 'is required' });
  if (input.cnic !== undefined) {
    cnic = normalizeCnic(input.cnic);
    if (!cnic) fields.push({ path: 'cnic', message: 'must be 13 digits written #####-#######-#' });
  } else if (required.cnic) fields.push({ path: 'cnic', message: 'is required' });
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email, name: input.name });
    if (problem) fields.push({ path: 'password', message: problem });
  }
  if (fields.length)
    throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
      fields,
    });
  return { email, mobile, cnic };
}

async function assertUnique(deps: Deps, n: Normalized): Promise<void> {
  const fields: FieldIssue[] = [];
  const pii = await piiCipher(deps);
  if (await repo.userExistsWith(deps.db, pii, 'email', n.email))
    fields.push({ path: 'email', message: 'is already registered' });
  if (n.cnic && (await repo.userExistsWith(deps.db, pii, 'cnic', n.cnic)))
    fields.push({ path: 'cnic', message: 'is already registered' });
  if (n.mobile && (await repo.userExistsWith(deps.db, pii, 'mobile', n.mobile)))
    fields.push({ path: 'mobile', message: 'is already registered' });
  if (fields.length)
    throw new AppError('already_exists', fields.map((f) => `${f.path} ${f.message}`).join('; '), { fields });
}

/** The unique indexes are the real guard; a race past assertUnique still ends as a clear 409. */
export function uniqueViolation(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  const field = /cnic/.test(e.constraint ?? e.message ?? '')
    ? 'cnic'
    : /mobile/.test(e.constraint ?? e.message ?? '')
      ? 'mobile'
      : 'email';
  return new AppError('already_exists', `${field} is already registered`, {
    fields: [{ path: field, message: 'is already registered' }],
  });
}

export type NewUser = Normalized & {
  name: string;
  role: Role;
  passwordHash: string;
  organizationId: string | null;
  locale: 'en' | 'ur';
  /** When the contacts were proved; the demo's and admin-made accounts count as proved. */
  verifiedAt: { mobile: Date | null; email: Date | null };
};

/** Inserts an account in the caller's transaction and audits it. */
export async function insertUserRow(
  deps: Deps,
  trx: Kysely<Database>,
  actor: Actor,
  data: NewUser,
  action: string,
): Promise<User> {
  const now = deps.clock.now();
  const pii = await piiCipher(deps, trx);
  const id = randomUUID();
  const row = await trx
    .insertInto('users')
    .values({
      id,
      ...sealContacts(pii, 'users', id, data),
      name: data.name,
      role: data.role,
      organization_id: data.organizationId,
      password_hash: data.passwordHash,
      locale: data.locale,
      mobile_verified_at: data.verifiedAt.mobile,
      email_verified_at: data.verifiedAt.email,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = (await repo.findUserById(trx, pii, row.id))!;
  await recordChange(trx, actor.kind === 'anonymous' ? { ...actor } : actor, deps.clock, {
    action,
    entity: 'user',
    entityId: user.id,
    after: user,
    details: { role: user.role },
  });
  return user;
}

async function insertUser(
  deps: Deps,
  actor: Actor,
  data: Omit<NewUser, 'passwordHash' | 'verifiedAt'> & { password: string },
  action: string,
): Promise<User> {
  const now = deps.clock.now();
  const passwordHash = await hashPassword(data.password, deps.config.scryptCost);
  const verifiedAt = { mobile: data.mobile ? now : null, email: now };
  try {
    return await inTransaction(deps.db, (trx) =>
      insertUserRow(deps, trx, actor, { ...data, passwordHash, verifiedAt }, action),
    );
  } catch (err) {
    throw uniqueViolation(err) ?? err;
  }
}

/**
 * A freelancer or owner account made directly, its contacts counted as verified: the demo, seeds
 * and tests. People registering themselves go through registration.service.ts (a code by SMS).
 */
export async function registerUser(deps: Deps, actor: Actor, input: RegisterInput): Promise<User> {
  const n = normalizeIdentity(input, { mobile: true, cnic: true });
  await assertUnique(deps, n);
  return insertUser(
    deps,
    actor,
    {
      ...n,
      name: input.name,
      role: input.role,
      password: input.password,
      organizationId: null,
      locale: input.locale ?? 'en',
    },
    'user.registered',
  );
}

/** A programme admin creates staff and partner accounts (evaluators, bank officers, admins, auditors). */
export async function createUser(
  deps: Deps,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ user: User; initialPassword: string | null }> {
  requireRole(actor, 'program_admin');
  const n = normalizeIdentity(input, { mobile: false, cnic: false });
  if (input.role === 'bank_officer' && !input.organizationId) {
    throw new AppError('validation_failed', 'organizationId: a bank officer belongs to a bank', {
      fields: [{ path: 'organizationId', message: 'is required for a bank officer' }],
    });
  }
  if (input.organizationId) {
    const org = await deps.db
      .selectFrom('organizations')
      .select(['id', 'kind'])
      .where('id', '=', input.organizationId)
      .executeTakeFirst();
    if (!org)
      throw new AppError('validation_failed', 'organizationId: no such organisation', {
        fields: [{ path: 'organizationId', message: 'no such organisation' }],
      });
    if (input.role === 'bank_officer' && org.kind !== 'bank') {
      throw new AppError('validation_failed', 'organizationId: a bank officer must belong to a bank', {
        fields: [{ path: 'organizationId', message: 'must be a bank' }],
      });
    }
  }
  await assertUnique(deps, n);
  const initialPassword = input.password ? null : generatePassword();
  const user = await insertUser(
    deps,
    actor,
    {
      ...n,
      name: input.name,
      role: input.role,
      password: input.password ?? initialPassword!,
      organizationId: input.organizationId ?? null,
      locale: input.locale ?? 'en',
    },
    'user.created',
  );
  return { user, initialPassword };
}

function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function getUser(deps: Deps, actor: Actor, userId: string): Promise<User> {
  const pii = await piiCipher(deps);
  if (actor.kind === 'user' && actor.userId === userId)
    return (await repo.findUserById(deps.db, pii, userId))!;
  requireRole(actor, 'program_admin', 'auditor');
  const user = await repo.findUserById(deps.db, pii, userId);
  if (!user) throw notFound('User');
  return masked(user); // the full values only through a reveal with a purpose (personal-data.ts)
}

export async function listUsers(
  deps: Deps,
  actor: Actor,
  filter: { role?: Role | undefined; q?: string | undefined; limit: number; offset: number },
) {
  requireRole(actor, 'program_admin', 'auditor');
  const page = await repo.listUsers(deps.db, await piiCipher(deps), filter);
  return { ...page, items: page.items.map(masked) };
}

export async function updateProfile(deps: Deps, actor: Actor, input: UpdateProfileInput): Promise<User> {
  requireUser(actor);
  // A mobile or email changes only once the new one is proved: contacts.service.ts.
  const pii = await piiCipher(deps);
  return inTransaction(deps.db, async (trx) => {
    const before = await repo.findUserById(trx, pii, actor.userId);
    if (!before) throw notFound('User');
    await trx
      .updateTable('users')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        updated_at: deps.clock.now(),
      })
      .where('id', '=', actor.userId)
      .execute();
    const after = (await repo.findUserById(trx, pii, actor.userId))!;
    await recordChange(trx, actor, deps.clock, {
      action: 'user.profile_updated',
      entity: 'user',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  client: Client = {},
): Promise<void> {
  requireUser(actor);
  const row = await repo.findUserRowById(deps.db, await piiCipher(deps), actor.userId);
  if (!row) throw notFound('User');
  // Limited and locked like sign-in (same counters): a stolen session cannot guess the password.
  await confirmPassword(
    deps,
    actor,
    row,
    { password: input.currentPassword, field: 'currentPassword' },
    client,
  );
  const problem = passwordProblem(input.newPassword, { email: row.email });
  if (problem)
    throw new AppError('validation_failed', `newPassword: ${problem}`, {
      fields: [{ path: 'newPassword', message: problem }],
    });
  const hash = await hashPassword(input.newPassword, deps.config.scryptCost);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: deps.clock.now() })
      .where('id', '=', row.id)
      .execute();
    // Every other session ends when the password changes, and every pending code or link with it
    // (a contact change someone else started cannot finish after the owner took the account back).
    await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
    await endTrustedDevices(trx, row.id);
    // So are the browsers that lift the reset ceiling: the owner revokes a stranger's (decision 0081).
    await forgetBrowsers(trx, row.id);
    await cancelTokens(trx, deps.clock.now(), row.id);
    await recordChange(trx, actor, deps.clock, {
      action: 'user.password_changed',
      entity: 'user',
      entityId: row.id,
    });
    await tellOwner(deps, trx, row.id, 'security.password_changed', { how: 'profile' }, 'profile');
  });
}

export async function setUserStatus(
  deps: Deps,
  actor: Actor,
  userId: string,
  status: 'active' | 'disabled',
): Promise<User> {
  requireRole(actor, 'program_admin');
  if (actor.kind === 'user' && actor.userId === userId && status === 'disabled') {
    throw new AppError('invalid_state', 'You cannot disable your own account');
  }
  const pii = await piiCipher(deps);
  return inTransaction(deps.db, async (trx) => {
    const before = await repo.findUserById(trx, pii, userId);
    if (!before) throw notFound('User');
    await trx
      .updateTable('users')
      .set({ status, updated_at: deps.clock.now(), failed_logins: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
    if (status === 'disabled') await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const after = (await repo.findUserById(trx, pii, userId))!;
    await recordChange(trx, actor, deps.clock, {
      action: `user.${status === 'active' ? 'enabled' : 'disabled'}`,
      entity: 'user',
      entityId: userId,
      before,
      after,
    });
    return after;
  });
}
