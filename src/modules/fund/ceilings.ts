import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { type CeilingKind, ceilingMinor } from './fund.schema.ts';
import type { FundCurrency } from './fund.table.ts';

// Every amount the fund accepts in a round's or a joint venture's currency is checked against that
// currency's ceiling (`CEILINGS`, decision 0075). The request schema bounds each field by the
// largest ceiling of any currency; this names the field and the ceiling in the currency it is in.

/** Whole units with their two minor digits, grouped: 500,000,000.00. */
const units = (minor: number) =>
  (minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** One amount to check: the field's path, its minor units (absent: nothing to check), its kind. */
export type CeilingCheck = readonly [path: string, minor: number | undefined, kind: CeilingKind];

/** Each amount above its currency's ceiling, as a field of a problem+json. */
export function ceilingIssues(currency: FundCurrency, checks: readonly CeilingCheck[]): FieldIssue[] {
  return checks.flatMap(([path, minor, kind]) => {
    const ceiling = ceilingMinor(kind, currency);
    if (minor === undefined || minor <= ceiling) return [];
    return [
      {
        path,
        message: `must be at most ${currency} ${units(ceiling)} (${ceiling} minor units of ${currency})`,
        rule: 'currency_ceiling',
        params: { currency, ceilingMinor: ceiling, ceiling: units(ceiling), kind },
      },
    ];
  });
}

/** Refuses (400, every field above its ceiling named) before anything is written. */
export function requireWithinCeilings(currency: FundCurrency, checks: readonly CeilingCheck[]): void {
  const fields = ceilingIssues(currency, checks);
  if (fields.length)
    throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
      fields,
    });
}
