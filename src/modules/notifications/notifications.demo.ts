import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { dispatchEvents } from '../../platform/events/index.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { bookInspectionVisit } from '../centers/index.ts';
import { emailIndex } from '../identity/index.ts';
import { deliverNotices } from './deliver.service.ts';
import { queueDirectMessage } from './direct-message.handler.ts';
import { absoluteLink, queueNotices } from './queue.service.ts';
import { queueDailyNotices } from './scheduled.job.ts';

/**
 * The demo's notices: the events earlier demo steps recorded (decisions, closures) become notices,
 * plus today's time-based ones and a few examples for the demo people, then the sender runs once so
 * the inboxes and the local outbox (no SMTP server or gateway in the demo) show real messages.
 */
export async function seedNotificationsDemo(deps: Deps) {
  const emails = ['owner1@markaz.pk', 'freelancer1@markaz.pk', 'freelancer2@markaz.pk', 'admin@markaz.pk'];
  const indexes = await Promise.all(emails.map((e) => emailIndex(deps, e)));
  const people = await deps.db
    .selectFrom('users')
    .select(['id', 'email_bidx'])
    .where('email_bidx', 'in', indexes)
    .execute();
  const id = (email: string) => people.find((p) => p.email_bidx === indexes[emails.indexOf(email)])?.id;
  const owner = id('owner1@markaz.pk');
  const freelancer = id('freelancer1@markaz.pk');
  const urduFreelancer = id('freelancer2@markaz.pk');
  const inspector = id('admin@markaz.pk');

  // An inspection visit booked for the demo's centre under set-up, three days ahead at 10:00, with
  // the demo's programme admin as its inspector (they see it on /inspections and in their inbox).
  const underSetup = await deps.db
    .selectFrom('centers')
    .select('center_id')
    .where('status', '=', 'under_setup')
    .orderBy('name_en')
    .executeTakeFirst();
  if (underSetup) {
    const day = addDays(karachiDate(deps.clock.now()), 3);
    await bookInspectionVisit(deps, systemActor('demo'), underSetup.center_id, {
      startsAt: `${day}T10:00:00+05:00`,
      endsAt: `${day}T13:00:00+05:00`,
      ...(inspector ? { inspectorId: inspector } : {}),
    });
  }

  // Every event the earlier steps recorded (submissions, assignments, decisions, loans, claims,
  // inspections, bookings, waitlist offers, refunds, no-shows, closures) becomes its notices.
  for (let i = 0; i < 50; i++) {
    const r = await dispatchEvents(deps, deps.areas.handlers, { limit: 1000 });
    if (r.delivered + r.failed + r.dead === 0) break;
  }
  const today = karachiDate(deps.clock.now());
  await queueDailyNotices(deps, today);
  await deps.db.transaction().execute(async (trx) => {
    const examples = [
      owner && {
        sourceKey: 'demo:due',
        kind: 'loan.instalment_due' as const,
        userId: owner,
        params: { number: '3', dueDate: addDays(today, 3), amount: 'Rs 125,000' },
        link: '/loans',
      },
      ...[freelancer, urduFreelancer].map(
        (f) =>
          f && {
            sourceKey: 'demo:reminder',
            kind: 'booking.reminder' as const,
            userId: f,
            params: {
              centre: 'Arfa Tower e-Rozgar Centre',
              centre_ur: 'ارفع ٹاور ای روزگار مرکز',
              start: '09:00',
            },
            link: '/bookings',
          },
      ),
    ].filter((x) => Boolean(x)) as Parameters<typeof queueNotices>[2][number][];
    await queueNotices(trx, deps, examples);
    // A one-time code goes at any hour, so the outbox shows an SMS even in quiet hours.
    if (freelancer)
      await queueDirectMessage(deps, trx, [
        {
          kind: 'contact.verify_mobile',
          to: { userId: freelancer },
          channel: 'sms',
          locale: 'en',
          params: { code: '482913', minutes: '15' },
          dedupeKey: 'demo-verify',
        },
      ]);
    if (freelancer)
      await queueDirectMessage(deps, trx, [
        {
          kind: 'security.new_sign_in',
          to: { userId: freelancer },
          channel: 'email',
          locale: 'en',
          params: {
            at: `${addDays(today, -1)} 09:12`,
            address: '203.0.113.7',
            device: 'Chrome on Android',
            resetLink: absoluteLink(deps, '/forgot-password')!,
          },
          dedupeKey: 'demo-sign-in',
        },
      ]);
  });
  await deliverNotices(deps, { limit: 5000 });
  return undefined;
}
