import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { minorToDecimal } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';

/** US dollars from cents, in the reader's language; a withheld cell (null) is a dash. */
export function useUsd() {
  const fmt = useFormat();
  return (cents: number | null | undefined) =>
    cents === null || cents === undefined
      ? '—'
      : new Intl.NumberFormat(fmt.lang === 'ur' ? 'ur-PK' : 'en-PK', {
          style: 'currency',
          currency: 'USD',
        }).format(Number(minorToDecimal(cents)));
}

/** The problems the server found in a batch, each by row, in the reader's language. */
export function BatchProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !error.fields.length) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">{t('remit.problems')}</p>
      <ul>
        {error.fields.map((f) => (
          <li key={`${f.path}-${f.rule}`}>
            {f.rule && t(`remit.rule.${f.rule}`, { defaultValue: '' }) ? (
              t(`remit.rule.${f.rule}`, { ...(f.params ?? {}) })
            ) : (
              <span lang="en" dir="ltr">
                {f.path}: {f.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
