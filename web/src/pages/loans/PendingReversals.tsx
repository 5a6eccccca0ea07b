import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useFormat } from '../../lib/useFormat';
import './corrections.i18n';

/**
 * Reversals waiting for a second person (issue 19 review): a bank officer sees its bank's, the
 * programme all. Each links to the loan's correction history, where it is approved or rejected.
 */
export function PendingReversals() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pending = useQuery({
    queryKey: ['loans', 'reversals', 'pending'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/reversals/pending')),
  });
  if (!pending.data) return null;
  return (
    <section aria-labelledby="reversals-waiting" className="card">
      <h2 id="reversals-waiting">{t('loans.corrections.queue.title')}</h2>
      {pending.data.length === 0 ? (
        <p>{t('loans.corrections.queue.none')}</p>
      ) : (
        <ul className="plain-list">
          {pending.data.map((r) => (
            <li key={r.id}>
              <Link to={`/loans/${r.loanId}#loan-corrections`}>
                {t('loans.corrections.line', {
                  kind: t(`loans.corrections.kind.${r.entryKind}`),
                  amount: fmt.pkr(r.amountMinor),
                  date: fmt.date(r.valueDate),
                })}
              </Link>{' '}
              — {t('loans.corrections.queue.asked', { date: fmt.date(r.requestedAt), reason: r.reason })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
