import { type Command, Option } from 'commander';
import type { Deps } from '../../deps.ts';
import { type Role, systemActor } from '../../platform/actor.ts';
import type { CliContext } from '../../platform/area.ts';
import { AppError } from '../../shared/errors.ts';
import { ROLES } from './identity.schema.ts';
import { createUser as createUserService } from './user.service.ts';

async function createUser(
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

/** `markaz user`. */
export function identityCli(program: Command, { withDeps }: CliContext): void {
  const user = program.command('user').description('Manage accounts');
  user
    .command('add')
    .description('Create an account of any role')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--email <email>', 'email address (the login)')
    .option('--name <name>', 'full name')
    .option('--mobile <mobile>', 'Pakistani mobile number')
    .option('--cnic <cnic>', 'CNIC #####-#######-#')
    .option('--org <code>', 'organisation code (a bank officer belongs to a bank)')
    .option('--password <password>', 'password (omit to generate a one-time password)')
    .action(async (opts) =>
      withDeps(async (deps) => {
        const r = await createUser(deps, systemActor('cli'), opts);
        console.log(`Created ${r.user.role} ${r.user.email} (${r.user.id})`);
        if (r.initialPassword) console.log(`One-time password: ${r.initialPassword}`);
      }),
    );
}
