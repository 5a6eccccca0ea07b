import { type Command, Option } from 'commander';
import type { Deps } from '../../deps.ts';
import { ROLES, type Role } from '../../platform/actor.ts';
import type { CliContext } from '../../platform/area.ts';

// Imports only commander, the list of roles and types at the top: services load when the command runs.

type AddOptions = {
  role: Role;
  email: string;
  name?: string;
  mobile?: string;
  cnic?: string;
  org?: string;
  password?: string;
  json?: boolean;
};

async function createUser(deps: Deps, opts: AddOptions) {
  const [{ systemActor }, { AppError }, { createUser: createUserService }] = await Promise.all([
    import('../../platform/actor.ts'),
    import('../../shared/errors.ts'),
    import('./user.service.ts'),
  ]);
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
  return createUserService(deps, systemActor('cli'), {
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
export function identityCli(program: Command, { withDeps, emit }: CliContext): void {
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
    .option('--json', 'print the account (and any one-time password) as JSON')
    .action(async (opts: AddOptions) =>
      withDeps(async (deps) => {
        const r = await createUser(deps, opts);
        emit(
          opts.json,
          { user: r.user, ...(r.initialPassword ? { initialPassword: r.initialPassword } : {}) },
          () => [
            `Created ${r.user.role} ${r.user.email} (${r.user.id})`,
            ...(r.initialPassword ? [`One-time password: ${r.initialPassword}`] : []),
          ],
        );
      }),
    );
  user
    .command('demo-code')
    .description("The demo staff's current sign-in code (from the public demo authenticator key)")
    .option('--json', 'print the code as JSON')
    .action(async (opts: { json?: boolean }) => {
      const [{ codeAt, STEP_SECONDS }, { DEMO_TOTP_SECRET }] = await Promise.all([
        import('./factor-secret.ts'),
        import('./identity.demo.ts'),
      ]);
      const now = new Date();
      const code = codeAt(DEMO_TOTP_SECRET, now);
      const seconds = STEP_SECONDS - (Math.floor(now.getTime() / 1000) % STEP_SECONDS);
      emit(opts.json, { code, secondsLeft: seconds }, () => [`${code}  (changes in ${seconds} s)`]);
    });
}
