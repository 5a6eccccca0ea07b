import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { sealSecret } from './factor-secret.ts';
import { createOrganization } from './organization.service.ts';
import { createUser, registerUser } from './user.service.ts';

export const DEMO_PASSWORD = 'markaz-demo-2026';
/**
 * The demo's staff, evaluators, auditor and bank officers come enrolled with this authenticator
 * key (public, like the password: add it to any TOTP app, or `markaz user demo-code` prints the
 * current code). Real accounts enrol their own (decision 0040).
 */
export const DEMO_TOTP_SECRET = 'MARKAZDEMOSTAFFSECONDFACTORKEY23';

import type { DemoLogin } from '../../platform/area.ts';

export type { DemoLogin };

/** Demo people of every role, two partner banks and a committee. Returns the logins to print. */
export async function seedIdentityDemo(
  deps: Deps,
): Promise<{ logins: DemoLogin[]; orgs: Record<string, string> }> {
  const system = systemActor('demo-seed');
  const hbl = await createOrganization(deps, system, {
    kind: 'bank',
    code: 'HBL',
    name: 'Habib Bank Limited',
  });
  const nbp = await createOrganization(deps, system, {
    kind: 'bank',
    code: 'NBP',
    name: 'National Bank of Pakistan',
  });
  const committee = await createOrganization(deps, system, {
    kind: 'committee',
    code: 'TEC-1',
    name: 'Technical Evaluation Committee',
  });
  const moitt = await createOrganization(deps, system, {
    kind: 'government',
    code: 'MOITT',
    name: 'Ministry of IT & Telecom — Programme Office',
  });
  const staff = [
    { role: 'program_admin', name: 'Ayesha Siddiqui', email: 'admin@markaz.pk', organizationId: moitt.id },
    { role: 'auditor', name: 'Farhan Qureshi', email: 'auditor@markaz.pk' },
    {
      role: 'evaluator',
      name: 'Dr. Saima Baloch',
      email: 'evaluator1@markaz.pk',
      organizationId: committee.id,
    },
    { role: 'evaluator', name: 'Imran Khattak', email: 'evaluator2@markaz.pk', organizationId: committee.id },
    { role: 'evaluator', name: 'Nadia Memon', email: 'evaluator3@markaz.pk', organizationId: committee.id },
    { role: 'bank_officer', name: 'Usman Tariq', email: 'officer@hbl.demo.pk', organizationId: hbl.id },
    { role: 'bank_officer', name: 'Rabia Hassan', email: 'officer@nbp.demo.pk', organizationId: nbp.id },
  ] as const;
  const logins: DemoLogin[] = [];
  for (const s of staff) {
    const { user } = await createUser(deps, system, { ...s, password: DEMO_PASSWORD });
    const sealed = await sealSecret(deps, user.id, DEMO_TOTP_SECRET);
    await deps.db
      .insertInto('user_factors')
      .values({
        user_id: user.id,
        secret_sealed: sealed,
        confirmed_at: deps.clock.now(),
        last_step: null,
        created_at: deps.clock.now(),
      })
      .execute();
    logins.push({ role: s.role, email: s.email, name: s.name });
  }
  const people = [
    {
      role: 'owner',
      name: 'Kamran Akmal',
      email: 'owner1@markaz.pk',
      mobile: '03001110001',
      cnic: '35202-1234567-1',
    },
    {
      role: 'owner',
      name: 'Zainab Hussain',
      email: 'owner2@markaz.pk',
      mobile: '03001110002',
      cnic: '42101-7654321-2',
    },
    {
      role: 'freelancer',
      name: 'Ali Raza',
      email: 'freelancer1@markaz.pk',
      mobile: '03001110003',
      cnic: '36302-1111111-3',
    },
    {
      role: 'freelancer',
      name: 'Mehwish Khan',
      email: 'freelancer2@markaz.pk',
      mobile: '03001110004',
      cnic: '17301-2222222-4',
      // The demo's Urdu reader: Urdu from the start, so every step's notices reach her in Urdu.
      locale: 'ur',
    },
  ] as const;
  for (const p of people) {
    await registerUser(deps, system, { ...p, password: DEMO_PASSWORD });
    logins.push({ role: p.role, email: p.email, name: p.name });
  }
  return { logins, orgs: { HBL: hbl.id, NBP: nbp.id, 'TEC-1': committee.id, MOITT: moitt.id } };
}
