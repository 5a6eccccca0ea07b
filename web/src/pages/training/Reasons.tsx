import { useTranslation } from 'react-i18next';
import type { components } from '../../api/client';
import { useFormat } from '../../lib/useFormat';

type Reason = components['schemas']['AdmissionReason'];

/**
 * Each published rule's verdict on an application, passed or not, with its reason: in the
 * reader's language from its code and figures, or as the server wrote it (older decisions).
 */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!reasons.length) return null;
  const say = (r: Reason) => {
    const key = `tr.verdict.${r.code ?? ''}`;
    if (!r.code || !t(key, { defaultValue: '' })) return r.reason;
    const params = Object.fromEntries(
      Object.entries(r.params ?? {}).map(([k, v]) => [
        k,
        typeof v === 'number' ? fmt.number(v) : /^\d{4}-\d{2}-\d{2}$/.test(v) ? fmt.date(v) : v,
      ]),
    );
    return t(key, params);
  };
  return (
    <ul className="reasons" aria-label={t('tr.why')}>
      {reasons.map((r) => (
        <li key={r.rule} className={r.passed ? 'reason reason--ok' : 'reason reason--no'}>
          <span aria-hidden="true">{r.passed ? '✓ ' : '✗ '}</span>
          {say(r)}
        </li>
      ))}
    </ul>
  );
}
