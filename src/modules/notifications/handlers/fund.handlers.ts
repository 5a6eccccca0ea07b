import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { EventHandler } from '../../../platform/events/index.ts';
import {
  appealFiled,
  appealResolved,
  arrivalReviewed,
  grantDecided,
  grantSubmitted,
  tranchePaid,
} from '../../fund/index.ts';
import { fundStaff, rupees } from '../audience.repository.ts';
import { found, notify } from './notify.ts';

// Founders: their application to the startup fund, its decision, their proofs of arrival, tranches,
// their appeal received and decided. The fund's staff: an appeal waiting for them.

export const usd = (cents: number) =>
  `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

/** An amount in the round's currency: `$` only for US dollars, otherwise the currency's code. */
export const inCurrency = (minor: number, currency: string) =>
  currency === 'USD'
    ? usd(minor)
    : `${currency} ${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

async function grantOf(trx: Kysely<Database>, grantId: string): Promise<{ name: string; currency: string }> {
  const r = await trx
    .selectFrom('fund_grants as g')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .select(['s.name', 'g.currency'])
    .where('g.id', '=', grantId)
    .executeTakeFirst();
  return found(r, `grant ${grantId}`);
}

export const fundHandlers: readonly EventHandler[] = [
  notify(
    grantSubmitted,
    'notifications.fund-application-received',
    'fund.application_received',
    async (p, trx) => {
      const g = await grantOf(trx, p.grantId);
      return [
        {
          userId: p.founderId,
          params: { startup: g.name, usd: inCurrency(p.requestedMinor, g.currency) },
          link: '/fund/mine',
        },
      ];
    },
  ),
  notify(grantDecided, 'notifications.fund-grant-decided', 'fund.grant_decided', async (p, trx) => {
    const { currency } = await grantOf(trx, p.grantId);
    return [
      {
        userId: p.founderId,
        params: {
          startup: p.startupName,
          decision: p.decision,
          usd: inCurrency(p.approvedMinor, currency),
          reason: p.reason,
        },
        link: '/fund/mine',
      },
    ];
  }),
  notify(arrivalReviewed, 'notifications.fund-arrival-reviewed', 'fund.arrival_reviewed', async (p, trx) => {
    const a = await trx
      .selectFrom('fund_arrivals')
      .select('review_note')
      .where('id', '=', p.arrivalId)
      .executeTakeFirst();
    const { currency } = await grantOf(trx, p.grantId);
    return [
      {
        userId: p.founderId,
        params: {
          decision: p.decision,
          usd: inCurrency(p.amountMinor, currency),
          reason: a?.review_note ?? '',
        },
        link: '/fund/mine',
      },
    ];
  }),
  notify(tranchePaid, 'notifications.fund-tranche-paid', 'fund.tranche_paid', async (p, trx) => {
    const { currency } = await grantOf(trx, p.grantId);
    return [
      {
        userId: p.founderId,
        params: {
          number: String(p.seq),
          date: p.paidOn,
          usd: inCurrency(p.amountMinor, currency),
          amount: rupees(p.amountPkrMinor),
        },
        link: '/fund/mine',
      },
    ];
  }),
  notify(appealFiled, 'notifications.fund-appeal-received', 'fund.appeal_received', (p) => [
    {
      userId: p.founderId,
      params: { startup: p.startupName, decision: p.decision },
      link: '/fund/mine',
    },
  ]),
  // Everyone who may resolve it: the fund's staff, less the founder and whoever applied (they may not).
  notify(appealFiled, 'notifications.fund-appeal-to-review', 'fund.appeal_to_review', async (p, trx) =>
    (await fundStaff(trx))
      .filter((userId) => userId !== p.founderId && userId !== p.submittedBy)
      .map((userId) => ({
        userId,
        params: { startup: p.startupName, decision: p.decision },
        link: '/fund/manage',
      })),
  ),
  notify(appealResolved, 'notifications.fund-appeal-decided', 'fund.appeal_decided', (p) => [
    {
      userId: p.founderId,
      params: {
        startup: p.startupName,
        outcome: p.outcome,
        reopened: p.reopened ? 'yes' : 'no',
        reason: p.reason,
      },
      link: '/fund/mine',
    },
  ]),
];
