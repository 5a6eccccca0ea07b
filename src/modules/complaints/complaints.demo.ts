import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { anonymousActor } from '../../platform/actor.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { fixedClock } from '../../shared/time.ts';
import { emailIndex } from '../identity/index.ts';
import { answerComplaint, fileComplaint } from './complaints.service.ts';

// The complaints demo, relative to today so that a fresh start always shows a living queue: one
// answered within the standard, one rejected, one taken up, one overdue, and two just filed (one
// by a freelancer signed in, one by a visitor who left a mobile).

const DAY = 86_400_000;

async function userActor(deps: Deps, email: string): Promise<Actor> {
  const u = await deps.db
    .selectFrom('users')
    .select(['id', 'role', 'organization_id'])
    .where('email_bidx', '=', await emailIndex(deps, email))
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    userId: u.id as UserId,
    role: u.role,
    organizationId: u.organization_id as OrganizationId | null,
  };
}

export async function seedComplaintsDemo(deps: Deps): Promise<undefined> {
  const now = deps.clock.now().getTime();
  const at = (daysAgo: number): Deps => ({ ...deps, clock: fixedClock(new Date(now - daysAgo * DAY)) });
  const admin = await userActor(deps, 'admin@markaz.pk');
  const freelancer = await userActor(deps, 'freelancer1@markaz.pk');
  const centre = await deps.db
    .selectFrom('centers')
    .select('center_id')
    .where('status', '=', 'operational')
    .orderBy('created_at')
    .executeTakeFirst();
  const aboutCentre = centre
    ? ({ about: 'centre', centerId: centre.center_id } as const)
    : ({ about: 'programme' } as const);

  const a = await fileComplaint(at(20), freelancer, {
    ...aboutCentre,
    category: 'service',
    body: 'The internet at the centre stopped for most of the afternoon and nobody at the desk could say when it would return.',
    locale: 'en',
  });
  const aId = await idOf(deps, a.reference);
  await answerComplaint(at(19), admin, aId, { status: 'in_progress' });
  await answerComplaint(at(16), admin, aId, {
    status: 'resolved',
    answer:
      'The centre’s provider replaced a faulty router the next morning; the owner has added a backup connection. Thank you for telling us.',
  });

  const b = await fileComplaint(at(12), anonymousActor, {
    about: 'programme',
    category: 'payment',
    body: 'I was told the programme would pay my rent at the centre. Who do I ask about this?',
    mobile: '0300 1112233',
    locale: 'ur',
  });
  await answerComplaint(at(9), admin, await idOf(deps, b.reference), {
    status: 'rejected',
    answer:
      'The programme pays the markup on owners’ loans, not freelancers’ seats. The help page explains what the programme pays for.',
  });

  const c = await fileComplaint(at(10), anonymousActor, {
    ...aboutCentre,
    category: 'access',
    body: 'The ramp at the entrance is blocked by parked motorbikes every morning, so I cannot get in with my wheelchair.',
    email: 'visitor.demo@example.pk',
    locale: 'en',
  });
  void c; // left open past the standard: the queue shows it overdue

  const d = await fileComplaint(at(4), freelancer, {
    about: 'programme',
    category: 'booking',
    body: 'My booking was cancelled by the centre and the refund has not reached me yet.',
    locale: 'en',
  });
  await answerComplaint(at(3), admin, await idOf(deps, d.reference), { status: 'in_progress' });

  await fileComplaint(at(0), anonymousActor, {
    about: 'programme',
    category: 'other',
    body: 'Please open a centre in our tehsil; the nearest one is two hours away by bus.',
    mobile: '0333 4445566',
    locale: 'ur',
  });
  return undefined;
}

async function idOf(deps: Deps, reference: string): Promise<string> {
  const r = await deps.db
    .selectFrom('complaints')
    .select('complaint_id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return r.complaint_id;
}
