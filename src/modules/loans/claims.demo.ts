import type { Deps } from '../../deps.ts';
import { addDays, fixedClock, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { demoActor } from '../identity/index.ts';
import { quarterBounds, quarterOf, shiftQuarter } from './claim-csv.ts';
import { eligibleAccruals } from './claims.repository.ts';
import { decideClaim, fileClaim, payClaim } from './claims.service.ts';
import { closeOfBusiness } from './cob.job.ts';
import { disburseLoan } from './disbursement.service.ts';
import { requestLoan, sanctionLoan } from './loan-request.service.ts';

const rupees = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * Subsidy claims for the demo, after the loans demo: three more shortlisted owners borrowed a month
 * before the end of the quarter before last (two at HBL, one at NBP), and the close of business has
 * run every day since. HBL's claim for that quarter was filed, approved and paid; its claim for the
 * last quarter is filed and reconciled with one line differing from Markaz's figure, waiting for
 * the admin. NBP has not filed for the last quarter yet (its deadline shows). Everything goes
 * through the services on a clock moved through those days.
 */
export async function seedClaimsDemo(deps: Deps): Promise<void> {
  const today = karachiDate(deps.clock.now());
  const clock = fixedClock(deps.clock.now());
  const at = { ...deps, clock };
  const dayAt = (date: string, hour = 11) => new Date(karachiMidnight(date).getTime() + hour * 3_600_000);
  const last = quarterBounds(shiftQuarter(quarterOf(today), -1))!;
  const before = quarterBounds(shiftQuarter(quarterOf(today), -2))!;
  const start = addDays(before.end, -30);

  const admin = await demoActor(deps, 'admin@markaz.pk');
  const officers = {
    HBL: await demoActor(deps, 'officer@hbl.demo.pk'),
    NBP: await demoActor(deps, 'officer@nbp.demo.pk'),
  };
  const banks = await deps.db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('kind', '=', 'bank')
    .execute();
  const bankId = (code: string) => banks.find((b) => b.code === code)!.id;
  const free = await deps.db
    .selectFrom('applications')
    .innerJoin('users', 'users.id', 'applications.owner_id')
    .select(['applications.id', 'users.id as user_id', 'applications.loan_requested_minor'])
    .where('applications.status', '=', 'shortlisted')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('loans').select('loans.id').whereRef('loans.application_id', '=', 'applications.id'),
        ),
      ),
    )
    .orderBy('applications.rank')
    .orderBy('applications.reference')
    .limit(3)
    .execute();
  if (free.length === 0) return;
  const plans = [
    { bank: 'HBL' as const, amount: 300_000_000 },
    { bank: 'HBL' as const, amount: 450_000_000 },
    { bank: 'NBP' as const, amount: 250_000_000 },
  ];
  for (const [i, app] of free.entries()) {
    const plan = plans[i]!;
    const owner = await demoActor(deps, { id: app.user_id });
    const amount = Math.min(plan.amount, app.loan_requested_minor ?? plan.amount);
    clock.set(dayAt(addDays(start, -2), 10 + i));
    const loan = await requestLoan(at, owner, {
      applicationId: app.id,
      bankId: bankId(plan.bank),
      amountMinor: amount,
    });
    clock.set(dayAt(addDays(start, -1), 10 + i));
    const first = addDays(start, 400);
    await sanctionLoan(at, officers[plan.bank], loan.id, {
      amountMinor: amount,
      tenorMonths: 48,
      graceMonths: 12,
      repaymentDay: Number(first.slice(8, 10)),
      firstRepaymentDate: first,
    });
    clock.set(dayAt(start, 12 + i));
    await disburseLoan(at, officers[plan.bank], loan.id, {
      amountMinor: amount,
      disbursedOn: start,
      bankReference: `${plan.bank}-DSB-${8001 + i}`,
    });
  }

  const cobThrough = async (from: string, to: string) => {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      clock.set(dayAt(addDays(d, 1), 0));
      await closeOfBusiness(at, d);
    }
  };
  const hblFigures = async (period: { start: string; end: string }) =>
    [...(await eligibleAccruals(deps.db, period, { bankId: bankId('HBL') })).entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
  const csv = (lines: [string, number][]) =>
    `loan_id,claimed_pkr\n${lines.map(([id, v]) => `${id},${rupees(v)}`).join('\n')}\n`;

  // The quarter before last: filed on time, approved in full and paid.
  await cobThrough(start, addDays(before.end, 5));
  clock.set(dayAt(addDays(before.end, 6)));
  const paid = await fileClaim(at, officers.HBL, {
    quarter: quarterOf(before.start),
    csv: csv(await hblFigures(before)),
  });
  await cobThrough(addDays(before.end, 6), addDays(before.end, 15));
  clock.set(dayAt(addDays(before.end, 16)));
  await decideClaim(at, admin, paid.id, { decision: 'approve', note: '' });
  await cobThrough(addDays(before.end, 16), addDays(before.end, 25));
  clock.set(dayAt(addDays(before.end, 26)));
  await payClaim(at, admin, paid.id, { paidOn: addDays(before.end, 26), reference: 'AGPR-SUB-0001' });

  // The last quarter: filed, one line Rs 1,234.56 above Markaz's figure; waiting for the admin.
  await cobThrough(addDays(before.end, 26), addDays(last.end, 6));
  clock.set(dayAt(addDays(last.end, 7)));
  const lines = await hblFigures(last);
  if (lines.length > 1) lines[1] = [lines[1]![0], lines[1]![1] + 123_456];
  await fileClaim(at, officers.HBL, {
    quarter: quarterOf(last.start),
    csv: csv(lines),
  });
  await cobThrough(addDays(last.end, 7), addDays(today, -1));
}
