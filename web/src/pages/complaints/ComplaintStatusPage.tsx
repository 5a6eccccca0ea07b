import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { StatusPill } from './ComplaintParts';
import './complaints.i18n';
import './complaints.css';

/** One complaint by its reference: what was written, its status, the answer (whoever holds the reference). */
export default function ComplaintStatusPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const reference = (useParams().reference ?? '').toUpperCase();
  const q = useQuery({
    queryKey: ['complaints', 'ref', reference],
    queryFn: () =>
      unwrap(api.GET('/api/v1/complaint-status/{reference}', { params: { path: { reference } } })),
    retry: false,
  });
  const title = t('cp.view.title', { reference });
  if (q.isPending) return <Loading />;
  if (q.error)
    return (
      <Page title={title}>
        {q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400) ? (
          <EmptyState title={t('cp.track.notFound')} action={<Link to="/complaints">{t('cp.title')}</Link>} />
        ) : (
          <FormAlert error={q.error} />
        )}
      </Page>
    );
  const c = q.data;
  const ur = i18n.language === 'ur';
  return (
    <Page title={title}>
      <dl className="cp-facts">
        <dt>{t('cp.view.status')}</dt>
        <dd>
          <StatusPill status={c.status} overdue={c.overdue} />
        </dd>
        <dt>{t('cp.view.about')}</dt>
        <dd>{c.about === 'centre' ? (ur && c.centreNameUr) || c.centreName : t('cp.view.programme')}</dd>
        <dt>{t('cp.view.category')}</dt>
        <dd>{t(`cp.cat.${c.category}`)}</dd>
        <dt>{t('cp.view.received')}</dt>
        <dd>{fmt.dateTime(c.receivedAt)}</dd>
        <dt>{t('cp.view.due')}</dt>
        <dd>{fmt.date(c.dueAt)}</dd>
      </dl>
      <section className="card">
        <h2>{t('cp.view.text')}</h2>
        <p className="cp-text" dir="auto">
          {c.body}
        </p>
      </section>
      <section className="card">
        <h2>{t('cp.view.answer')}</h2>
        {c.answer ? (
          <>
            <p className="cp-text" dir="auto">
              {c.answer}
            </p>
            <p className="field-hint">
              {t('cp.view.answered')}: {fmt.dateTime(c.answeredAt!)}
            </p>
          </>
        ) : (
          <p>{t('cp.view.noAnswer')}</p>
        )}
      </section>
      <p>
        <Link to="/complaints">{t('cp.title')}</Link>
      </p>
    </Page>
  );
}
