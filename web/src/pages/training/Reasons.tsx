import { useTranslation } from 'react-i18next';
import type { components } from '../../api/client';

type Reason = components['schemas']['AdmissionReason'];

/** Each published rule's verdict on an application, passed or not, with its reason. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  const { t } = useTranslation();
  if (!reasons.length) return null;
  return (
    <ul className="reasons" aria-label={t('tr.why')}>
      {reasons.map((r) => (
        <li key={r.rule} className={r.passed ? 'reason reason--ok' : 'reason reason--no'}>
          <span aria-hidden="true">{r.passed ? '✓ ' : '✗ '}</span>
          {r.reason}
        </li>
      ))}
    </ul>
  );
}
