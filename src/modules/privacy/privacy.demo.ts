import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import type { DemoLogin } from '../../platform/area.ts';
import type { UserId } from '../../shared/ids.ts';
import { DEMO_PASSWORD, emailIndex, registerUser } from '../identity/index.ts';
import { requestClosure } from './closure.service.ts';
import { requestCorrection } from './corrections.service.ts';

const asUser = (id: string, role: 'freelancer' | 'owner'): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: null,
});

/**
 * People's rights in the demo: a freelancer who closed their account (the staff's closures page
 * lists it; the user row keeps only its id) and a pending request from freelancer1 to correct
 * their name (on the staff's corrections page).
 */
export async function seedPrivacyDemo(deps: Deps): Promise<DemoLogin[]> {
  const leaver = await registerUser(
    deps,
    { kind: 'system', name: 'demo' },
    {
      role: 'freelancer',
      name: 'Sana Leaving',
      email: 'leaver@markaz.pk',
      mobile: '03009990777',
      cnic: '35202-9990777-7',
      password: DEMO_PASSWORD,
    },
  );
  await requestClosure(deps, asUser(leaver.id, 'freelancer'), {
    password: DEMO_PASSWORD,
    reason: 'I moved abroad and no longer use Markaz.',
  });
  const f1 = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email_bidx', '=', await emailIndex(deps, 'freelancer1@markaz.pk'))
    .executeTakeFirst();
  if (f1)
    await requestCorrection(deps, asUser(f1.id, 'freelancer'), {
      field: 'name',
      value: 'Ali Raza Khan',
      reason: 'My full name on my CNIC includes Khan.',
      evidence: 'CNIC front page, can show at the centre desk',
    });
  return [];
}
