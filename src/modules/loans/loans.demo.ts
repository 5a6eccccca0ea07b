import type { Deps } from '../../deps.ts';
import { addDays, fixedClock, karachiDate, karachiMidnight } from '../../shared/time.ts';
import { demoActor } from '../identity/index.ts';
import { closeOfBusiness } from './cob.job.ts';
import { seedCorrectionsDemo } from './corrections.demo.ts';
import { disburseLoan } from './disbursement.service.ts';
import { seedLoanActionsDemo } from './loan-actions.demo.ts';
import { requestLoan, sanctionLoan } from './loan-request.service.ts';
import { createBankSpread, createBenchmarkRate } from './rates.service.ts';
import { postRepayment } from './repayment.service.ts';
import { seedWriteOffsDemo } from './write-offs.demo.ts';

/**
 * The loans demo, after the calls demo's first-phase decision (five days ago): KIBOR 6M and the
 * two banks' spreads; four shortlisted owners borrow — one loan in its grace period with two
 * tranches, one whose first instalment was missed (in arrears), one repaid on time with a little
 * extra, one request still waiting at its bank — and the close of business has run for each day
 * since, so arrears and subsidy accruals exist. Everything goes through the services on a clock
 * moved through those days.
 */
export async function seedLoansDemo(deps: Deps): Promise<void> {
  const today = karachiDate(deps.clock.now());
  const clock = fixedClock(deps.clock.now());
  const at = { ...deps, clock };
  const dayAt = (date: string, hour = 11) => new Date(karachiMidnight(date).getTime() + hour * 3_600_000);
  const on = (days: number) => addDays(today, days);

  const admin = await demoActor(deps, 'admin@markaz.pk');
  const hblOfficer = await demoActor(deps, 'officer@hbl.demo.pk');
  const nbpOfficer = await demoActor(deps, 'officer@nbp.demo.pk');
  const banks = await deps.db
    .selectFrom('organizations')
    .select(['id', 'code'])
    .where('kind', '=', 'bank')
    .execute();
  const bankId = (code: string) => banks.find((b) => b.code === code)!.id;

  clock.set(dayAt(on(-30)));
  await createBenchmarkRate(at, admin, {
    benchmark: 'KIBOR_6M',
    effectiveFrom: on(-180),
    rateBps: 1_150,
    source: 'State Bank of Pakistan, KIBOR fixing (entered by hand)',
  });
  await createBenchmarkRate(at, admin, {
    benchmark: 'KIBOR_6M',
    effectiveFrom: on(-3),
    rateBps: 1_125,
    source: 'State Bank of Pakistan, KIBOR fixing (entered by hand)',
  });
  await createBankSpread(at, admin, {
    bankId: bankId('HBL'),
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: on(-180),
  });
  await createBankSpread(at, admin, {
    bankId: bankId('NBP'),
    benchmark: 'KIBOR_6M',
    spreadBps: 450,
    effectiveFrom: on(-180),
  });

  const shortlisted = await deps.db
    .selectFrom('applications')
    .innerJoin('users', 'users.id', 'applications.owner_id')
    .select(['applications.id', 'users.id as user_id', 'applications.loan_requested_minor'])
    .where('applications.status', '=', 'shortlisted')
    .orderBy('applications.rank')
    .orderBy('applications.reference')
    .limit(4)
    .execute();
  if (shortlisted.length === 0) return;

  clock.set(dayAt(on(-4), 10));
  const plans = [
    { bank: 'HBL', officer: hblOfficer, amount: 800_000_000, tenor: 60, grace: 12, first: on(365 - 4) },
    { bank: 'NBP', officer: nbpOfficer, amount: 360_000_000, tenor: 36, grace: 0, first: on(-2) },
    { bank: 'HBL', officer: hblOfficer, amount: 240_000_000, tenor: 24, grace: 0, first: on(-2) },
    { bank: 'NBP', officer: nbpOfficer, amount: 500_000_000, tenor: 60, grace: 6, first: on(200) },
  ];
  const loans: { id: string; plan: (typeof plans)[number] }[] = [];
  for (const [i, app] of shortlisted.entries()) {
    const plan = plans[i]!;
    const owner = await demoActor(deps, { id: app.user_id });
    const amount = Math.min(plan.amount, app.loan_requested_minor ?? plan.amount);
    const loan = await requestLoan(at, owner, {
      applicationId: app.id,
      bankId: bankId(plan.bank),
      amountMinor: amount,
    });
    loans.push({ id: loan.id, plan: { ...plan, amount } });
    clock.advance(30 * 60_000);
  }
  clock.set(dayAt(on(-4), 15));
  // The last request stays with its bank, waiting.
  for (const { id, plan } of loans.slice(0, 3))
    await sanctionLoan(at, plan.officer, id, {
      amountMinor: plan.amount,
      tenorMonths: plan.tenor,
      graceMonths: plan.grace,
      repaymentDay: Number(plan.first.slice(8, 10)),
      firstRepaymentDate: plan.first,
    });

  clock.set(dayAt(on(-3), 12));
  const [grace, arrears, repaid] = loans;
  if (grace) {
    const half = Math.floor(grace.plan.amount / 2);
    await disburseLoan(at, grace.plan.officer, grace.id, {
      amountMinor: half,
      disbursedOn: on(-3),
      bankReference: 'HBL-DSB-0001',
    });
    clock.set(dayAt(on(-1), 12));
    await disburseLoan(at, grace.plan.officer, grace.id, {
      amountMinor: grace.plan.amount - half,
      disbursedOn: on(-1),
      bankReference: 'HBL-DSB-0002',
    });
    clock.set(dayAt(on(-3), 12));
  }
  if (arrears)
    await disburseLoan(at, arrears.plan.officer, arrears.id, {
      amountMinor: arrears.plan.amount,
      disbursedOn: on(-3),
      bankReference: 'NBP-DSB-7001',
    });
  if (repaid) {
    const disbursed = await disburseLoan(at, repaid.plan.officer, repaid.id, {
      amountMinor: repaid.plan.amount,
      disbursedOn: on(-3),
      bankReference: 'HBL-DSB-0003',
    });
    // The first instalment paid on its due date, with Rs 20,000 more off the last.
    clock.set(dayAt(on(-2), 14));
    await postRepayment(at, repaid.plan.officer, repaid.id, {
      amountMinor: disbursed.instalments[0]!.principalMinor + 2_000_000,
      paidOn: on(-2),
      bankReference: 'HBL-RCP-5501',
    });
  }
  for (let d = on(-4); d < today; d = addDays(d, 1)) {
    clock.set(dayAt(addDays(d, 1), 0));
    await closeOfBusiness(at, d);
  }
  // A back-dated repayment, a reversed duplicate, a note and grace days (issue 19).
  await seedCorrectionsDemo(deps, { admin, hbl: hblOfficer }, repaid?.id);
  // Reschedules: one approved, one waiting for the admin.
  await seedLoanActionsDemo(
    deps,
    { admin, hbl: hblOfficer, nbp: nbpOfficer },
    { repaidAtHbl: repaid?.id, arrearsAtNbp: arrears?.id },
  );
  // A restated benchmark fixing, a write-off undone, and a recovery on a written-off loan.
  await seedWriteOffsDemo(deps, { admin, hbl: hblOfficer }, grace?.id);
}
