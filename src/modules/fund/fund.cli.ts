import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../../platform/area.ts';

// `markaz fund …`: the applications, the envelope by fiscal year, and the open data, for staff
// at a terminal. Imports only commander and types at the top: services load when a command runs.

const usd = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const rs = (paisa: number) => `Rs ${(paisa / 100).toLocaleString('en-IN', { maximumFractionDigits: 2 })}`;

type GrantLine = {
  id: string;
  stage: string;
  startupName: string;
  leadInvestorName: string;
  requestedMinor: number;
  approvedMinor: number;
  paidMinor: number;
  review: { scored: number; averageScore: number | null };
};
type BudgetLine = {
  label: string;
  envelopePkrMinor: number;
  committedPkrMinor: number;
  disbursedPkrMinor: number;
  fxDifferencePkrMinor: number;
  leftPkrMinor: number;
};

export function applicationLines(rows: readonly GrantLine[]): string[] {
  if (!rows.length) return ['No applications.'];
  return rows.map(
    (g) =>
      `${g.id}  ${g.stage.padEnd(9)}  ${g.startupName} (lead ${g.leadInvestorName}): asked ${usd(g.requestedMinor)}` +
      (g.approvedMinor ? `, approved ${usd(g.approvedMinor)}, paid ${usd(g.paidMinor)}` : '') +
      (g.stage === 'applied'
        ? `; ${g.review.scored} scored${g.review.averageScore === null ? '' : `, average ${g.review.averageScore}`}`
        : ''),
  );
}

export function envelopeLines(rows: readonly BudgetLine[]): string[] {
  if (!rows.length) return ['No envelope has been set.'];
  return rows.map(
    (b) =>
      `${b.label}: envelope ${rs(b.envelopePkrMinor)}, committed ${rs(b.committedPkrMinor)}, ` +
      `disbursed ${rs(b.disbursedPkrMinor)}, exchange difference ${rs(b.fxDifferencePkrMinor)}, left ${rs(b.leftPkrMinor)}`,
  );
}

const STAGES = ['applied', 'approved', 'part_paid', 'paid', 'reporting', 'rejected', 'recovered'];

/** `markaz fund applications|envelope|export`. */
export function fundCli(program: Command, { withDeps, emit }: CliContext): void {
  const fund = program.command('fund').description('The startup fund: applications, envelope, open data');
  fund
    .command('applications')
    .description('List the matching-grant applications, newest first')
    .option('--stage <stage>', `only one stage: ${STAGES.join(', ')}`, (v: string) => {
      if (!STAGES.includes(v)) throw new InvalidArgumentError(`must be one of ${STAGES.join(', ')}`);
      return v;
    })
    .option('--json', 'print the applications as JSON')
    .action(async (opts: { stage?: string; json?: boolean }) =>
      withDeps(async (deps) => {
        const { listGrants } = await import('./grant-read.service.ts');
        const { systemActor } = await import('../../platform/actor.ts');
        const rows = (await listGrants(deps, systemActor('cli'), 'all')).filter(
          (g) => !opts.stage || g.stage === opts.stage,
        );
        emit(opts.json, rows, () => applicationLines(rows));
      }),
    );
  fund
    .command('envelope')
    .description('Each fiscal year’s envelope: committed, disbursed, exchange difference and left, in PKR')
    .option('--json', 'print the envelope as JSON')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const { listBudgets } = await import('./settings.service.ts');
        const rows = await listBudgets(deps);
        emit(opts.json, rows, () => envelopeLines(rows));
      }),
    );
  fund
    .command('export')
    .description('Print the fund’s open data (the same rows as /api/v1/open-data/fund-*.csv)')
    .requiredOption('--dataset <name>', 'grants or joint-ventures', (v: string) => {
      if (v !== 'grants' && v !== 'joint-ventures')
        throw new InvalidArgumentError('must be grants or joint-ventures');
      return v;
    })
    .option('--json', 'JSON instead of CSV')
    .action(async (opts: { dataset: 'grants' | 'joint-ventures'; json?: boolean }) =>
      withDeps(async (deps) => {
        const { fundGrantRecords, GRANT_RECORD_KEYS } = await import('./public.service.ts');
        const { fundJvRecords, JV_RECORD_KEYS } = await import('./jv-open-data.ts');
        const { writeCsv } = await import('../../platform/csv.ts');
        const rows: Record<string, unknown>[] =
          opts.dataset === 'grants' ? await fundGrantRecords(deps) : await fundJvRecords(deps);
        const keys = opts.dataset === 'grants' ? GRANT_RECORD_KEYS : JV_RECORD_KEYS;
        const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        emit(opts.json, rows, () =>
          writeCsv(
            keys.map(snake),
            rows.map((r) => keys.map((k) => r[k])),
          ).replace(/\r\n$/, ''),
        );
      }),
    );
}
