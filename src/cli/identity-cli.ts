import type { Deps } from '../deps.ts';
import { ROLES } from '../modules/identity/identity.schema.ts';
import { createUser as createUserService } from '../modules/identity/index.ts';
import { type Role, systemActor } from '../platform/actor.ts';
import { AppError } from '../shared/errors.ts';

export { systemActor };
export const ROLES_FOR_CLI = [...ROLES];

export async function createUser(
  deps: Deps,
  actor: ReturnType<typeof systemActor>,
  opts: {
    role: Role;
    email: string;
    name?: string;
    mobile?: string;
    cnic?: string;
    org?: string;
    password?: string;
  },
) {
  let organizationId: string | undefined;
  if (opts.org) {
    const org = await deps.db
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', opts.org)
      .executeTakeFirst();
    if (!org) throw new AppError('not_found', `No organisation with code ${opts.org}`);
    organizationId = org.id;
  }
  return createUserService(deps, actor, {
    role: opts.role,
    email: opts.email,
    name: opts.name ?? opts.email.split('@')[0]!,
    mobile: opts.mobile,
    cnic: opts.cnic,
    password: opts.password,
    organizationId,
  });
}
