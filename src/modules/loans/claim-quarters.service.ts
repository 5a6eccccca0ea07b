import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { writeCsv } from '../../platform/csv.ts';
import { invalidField } from '../../shared/errors.ts';
import { karachiDate } from '../../shared/time.ts';
import { quarterBounds, quarterOf, shiftQuarter } from './claim-csv.ts';
import { claimDueBy } from './claim-deadline.ts';
import { eligibleAccruals } from './claims.repository.ts';
import type { Claim, ClaimQuarter } from './claims.schema.ts';

const rupees = (minor: number) =>
  `${minor < 0 ? '-' : ''}${Math.trunc(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

function bankOf(actor: Actor): string | null {
  if (actor.kind !== 'user' && actor.kind !== 'api_key') return null;
  return actor.role === 'bank_officer' ? (actor.organizationId ?? '') : null;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The last four ended quarters for each bank (a bank sees its own) in which it accrued subsidy or
 * filed a claim: the filing deadline, days left, whether it is overdue, Markaz's eligible figure,
 * and the claim filed, if any.
 */
export async function listClaimQuarters(deps: Deps, actor: Actor): Promise<ClaimQuarter[]> {
  requireRole(actor, 'bank_officer', 'program_admin', 'auditor');
  const own = bankOf(actor);
  const today = karachiDate(deps.clock.now());
  let banksQ = deps.db.selectFrom('organizations').select(['id', 'code']).where('kind', '=', 'bank');
  if (own !== null) banksQ = banksQ.where('id', '=', own);
  const banks = await banksQ.orderBy('code').execute();
  const claims = await deps.db
    .selectFrom('subsidy_claims')
    .select(['id', 'bank_id', 'quarter', 'status'])
    .where(
      'bank_id',
      'in',
      banks.map((b) => b.id),
    )
    .execute();
  const out: ClaimQuarter[] = [];
  for (let n = 1; n <= 4; n++) {
    const quarter = shiftQuarter(quarterOf(today), -n);
    const period = quarterBounds(quarter)!;
    const dueBy = await claimDueBy(deps.db, period.end);
    for (const b of banks) {
      const computed = [...(await eligibleAccruals(deps.db, period, { bankId: b.id })).values()].reduce(
        (s, v) => s + v,
        0,
      );
      const claim = claims.find((c) => c.bank_id === b.id && c.quarter === quarter);
      if (!claim && computed === 0) continue;
      out.push({
        bankId: b.id,
        bankCode: b.code,
        quarter,
        periodStart: period.start,
        periodEnd: period.end,
        dueBy,
        daysLeft: daysBetween(today, dueBy),
        overdue: !claim && today > dueBy,
        computedMinor: computed,
        claimId: claim?.id ?? null,
        status: claim?.status ?? null,
      });
    }
  }
  return out;
}

/**
 * Markaz's eligible subsidy per loan for an ended quarter, in the claim file's format: a bank may
 * compare it with its own figures before filing. Its own loans only.
 */
export async function claimTemplateCsv(deps: Deps, actor: Actor, quarter: string): Promise<string> {
  requireRole(actor, 'bank_officer');
  const bankId = bankOf(actor);
  if (!bankId) throw invalidField('quarter', 'only a bank downloads its claim figures');
  const period = quarterBounds(quarter);
  if (!period) throw invalidField('quarter', 'must be a quarter, e.g. 2026-Q4');
  const lines = await eligibleAccruals(deps.db, period, { bankId });
  const rows = [...lines.entries()].filter(([, v]) => v > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  return writeCsv(
    ['loan_id', 'claimed_pkr'],
    rows.map(([id, v]) => [id, rupees(v)]),
  );
}

/** A claim's reconciliation: every line with both figures, then the clawbacks deducted from it. */
export function reconciliationCsv(claim: Claim): string {
  return writeCsv(
    ['line', 'loan_id', 'claimed_pkr', 'computed_pkr', 'difference_pkr', 'outcome', 'reason'],
    [
      ...claim.lines.map((l) => [
        l.lineNo,
        l.loanId,
        rupees(l.claimedMinor),
        rupees(l.computedMinor),
        rupees(l.differenceMinor),
        l.outcome,
        l.reason ?? '',
      ]),
      ...claim.deductions.map((k) => [
        '',
        k.loanId,
        rupees(-k.amountMinor),
        rupees(-k.amountMinor),
        '0.00',
        'clawback',
        `${k.quarter}: ${k.reason}`,
      ]),
    ],
  );
}
