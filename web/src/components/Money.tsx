import { useFormat } from '../lib/useFormat';

/**
 * An amount of Pakistani rupees from integer paisa, in the reader's language and digits, grouped
 * in lakh and crore. `compact` writes large amounts in words ("Rs 2.35 crore") for small cards;
 * the exact amount stays in the tooltip and for screen readers.
 */
export function Money({ paisa, compact = false }: { paisa: number | bigint; compact?: boolean }) {
  const f = useFormat();
  const exact = f.pkr(paisa);
  if (!compact) {
    return (
      <bdi className="money" data-value={String(paisa)}>
        {exact}
      </bdi>
    );
  }
  const short = f.pkrCompact(paisa);
  return (
    <bdi className="money" data-value={String(paisa)} title={short === exact ? undefined : exact}>
      {short}
    </bdi>
  );
}
