import { useFormat } from '../lib/useFormat';

type Props =
  /** A calendar day ("2026-11-28") or an instant, shown as a day. */
  | { value: string | Date; as?: 'date' }
  /** An instant with its time of day on Pakistan's clock. */
  | { value: string | number | Date; as: 'dateTime' }
  /** A month, "2026-11" → "November 2026" / "نومبر 2026". */
  | { value: string; as: 'month'; short?: boolean };

function isoOf(value: string | number | Date): string | undefined {
  if (typeof value === 'string') return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A date in the reader's language (Urdu month names in Urdu) inside a machine-readable <time>. */
export function DateText(props: Props) {
  const f = useFormat();
  let text: string;
  switch (props.as) {
    case 'dateTime':
      text = f.dateTime(props.value);
      break;
    case 'month':
      text = f.month(props.value, props.short);
      break;
    default:
      text = f.date(props.value);
  }
  return (
    <time className="date-text" dateTime={isoOf(props.value)}>
      {text}
    </time>
  );
}
