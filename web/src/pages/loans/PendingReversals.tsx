import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useFormat } from '../../lib/useFormat';
import { splitPending } from './pending-reversals';
import './corrections.i18n';

type Reversal =
  paths['/api/v1/loans/reversals/pending']['get']['responses'][200]['content']['application/json'][number];

/**
 * Reversals waiting for a second person (issue 19 review): a bank officer sees its bank's, the
 * programme all. Each links to the loan's correction history, where it is approved or rejected.
 * The reader's own requests are listed apart: another officer decides them.
 */
export function PendingReversals() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pending = useQuery({
    queryKey: ['loans', 'reversals', 'pending'],
    queryFn: () => unwrap(api.GET('/api/v1/loans/reversals/pending')),
  });
  if (!pending.data) return null;
  const { toDecide, mine } = splitPending(pending.data);
  const line = (r: Reversal) => (
    <Link to={`/loans/${r.loanId}#loan-corrections`}>
      {t('loans.corrections.line', {
        kind: t(`loans.corrections.kind.${r.entryKind}`),
        amount: fmt.pkr(r.amountMinor),
        date: fmt.date(r.valueDate),
      })}
    </Link>
  );
  return (
    <section aria-labelledby="reversals-waiting" className="card">
      <h2 id="reversals-waiting">{t('loans.corrections.queue.title')}</h2>
      {toDecide.length === 0 ? (
        <p>{t('loans.corrections.queue.none')}</p>
      ) : (
        <ul className="plain-list">
          {toDecide.map((r) => (
            <li key={r.id}>
              {line(r)} —{' '}
              {t('loans.corrections.queue.asked', { date: fmt.date(r.requestedAt), reason: r.reason })}
            </li>
          ))}
        </ul>
      )}
      {mine.length > 0 ? (
        <>
          <h3 id="reversals-mine">{t('loans.corrections.queue.mineTitle')}</h3>
          <p>{t('loans.corrections.queue.mineIntro')}</p>
          <ul className="plain-list" aria-labelledby="reversals-mine">
            {mine.map((r) => (
              <li key={r.id}>
                {line(r)} —{' '}
                {t('loans.corrections.queue.mineAsked', { date: fmt.date(r.requestedAt), reason: r.reason })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
