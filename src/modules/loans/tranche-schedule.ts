import { money, type RoundingMode, splitEqually } from '../../shared/money.ts';
import type { Instalment } from './loan-schedule.ts';

/**
 * A schedule made again after a tranche (issue 19): instalments already due on `today` stay as
 * they were, whatever the new total; the principal left over them is spread over the instalments
 * still to come (the fresh schedule's dates), rounded as any schedule and with the remainder on
 * the last. Pure. With nothing yet due, it is the fresh schedule itself.
 */
export function reamortiseFuture(
  current: readonly Instalment[],
  fresh: readonly Instalment[],
  principalMinor: number,
  today: string,
  unitMinor: number,
  rounding: RoundingMode,
): Instalment[] {
  const kept = current.filter((i) => i.dueDate <= today);
  if (!kept.length) return [...fresh];
  const future = fresh.filter((i) => i.dueDate > today);
  const left = principalMinor - kept.reduce((s, i) => s + i.principalMinor, 0);
  if (!future.length || left <= 0) throw new RangeError('no instalment left to carry the tranche');
  const parts = splitEqually(money(left), future.length, unitMinor, rounding);
  return [
    ...kept,
    ...future.map((f, i) => ({
      number: kept.length + i + 1,
      dueDate: f.dueDate,
      principalMinor: parts[i]!.amountMinor,
      ...(f.scheduledDate ? { scheduledDate: f.scheduledDate } : {}),
    })),
  ];
}
