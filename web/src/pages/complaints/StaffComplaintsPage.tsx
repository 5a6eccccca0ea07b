import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { EmptyState } from '../../components/EmptyState';
import { SelectField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { StatusPill } from './ComplaintParts';
import './complaints.i18n';
import './complaints.css';

type Staff = components['schemas']['StaffComplaint'];
const FILTERS = ['open', 'overdue', 'resolved', 'rejected'] as const;

/** The programme staff's complaints queue: open ones soonest due first, taken up and answered here. */
export default function StaffComplaintsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('open');
  const query =
    filter === 'overdue' ? { status: 'open' as const, overdue: 'true' as const } : { status: filter };
  const list = useQuery({
    queryKey: ['complaints', 'staff', filter],
    queryFn: () => unwrap(api.GET('/api/v1/complaints', { params: { query } })),
  });
  return (
    <Page title={t('cp.staff.title')} wide>
      <p className="lead">{t('cp.staff.intro')}</p>
      <SelectField
        id="cp-filter"
        label={t('cp.staff.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value as (typeof FILTERS)[number])}
      >
        {FILTERS.map((f) => (
          <option key={f} value={f}>
            {t(`cp.staff.${f === 'overdue' ? 'overdueOnly' : f}`)}
          </option>
        ))}
      </SelectField>
      <FormAlert error={list.error} />
      {list.data?.length === 0 ? <EmptyState title={t('cp.staff.none')} /> : null}
      <ol className="card-list">
        {(list.data ?? []).map((c) => (
          <li key={c.id}>
            <ComplaintCard c={c} />
          </li>
        ))}
      </ol>
    </Page>
  );
}

function ComplaintCard({ c }: { c: Staff }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const canAnswer = useMe().data?.role === 'program_admin';
  const [answer, setAnswer] = useState('');
  const act = useMutation({
    mutationFn: (status: 'in_progress' | 'resolved' | 'rejected') =>
      unwrap(
        api.POST('/api/v1/complaints/{id}/answer', {
          params: { path: { id: c.id } },
          body: status === 'in_progress' ? { status } : { status, answer },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['complaints'] }),
  });
  const open = c.status === 'received' || c.status === 'in_progress';
  const ur = i18n.language === 'ur';
  const err = fieldError(act.error, 'answer');
  return (
    <article className="card" data-reference={c.reference}>
      <h2 className="card__title">
        {c.reference} <StatusPill status={c.status} overdue={c.overdue} />
      </h2>
      <dl className="cp-facts">
        <dt>{t('cp.view.about')}</dt>
        <dd>{c.about === 'centre' ? (ur && c.centreNameUr) || c.centreName : t('cp.view.programme')}</dd>
        <dt>{t('cp.view.category')}</dt>
        <dd>{t(`cp.cat.${c.category}`)}</dd>
        <dt>{t('cp.staff.from')}</dt>
        <dd dir="ltr">{c.signedIn ? t('cp.staff.account') : c.contact}</dd>
        <dt>{t('cp.view.received')}</dt>
        <dd>{fmt.dateTime(c.receivedAt)}</dd>
        <dt>{t('cp.staff.due')}</dt>
        <dd>{fmt.date(c.dueAt)}</dd>
      </dl>
      <p className="cp-text" dir="auto">
        {c.body}
      </p>
      {c.answer ? (
        <p className="cp-text" dir="auto">
          <strong>{t('cp.view.answer')}:</strong> {c.answer}
        </p>
      ) : null}
      {act.isSuccess ? <Notice kind="success">{t('cp.staff.done')}</Notice> : null}
      {open && canAnswer ? (
        <div className="cp-answer">
          <label htmlFor={`answer-${c.id}`}>{t('cp.staff.answer')}</label>
          <p className="field-hint" id={`answer-${c.id}-hint`}>
            {t('cp.staff.answerHint')}
          </p>
          <textarea
            id={`answer-${c.id}`}
            rows={3}
            maxLength={2000}
            value={answer}
            aria-describedby={`answer-${c.id}-hint`}
            aria-invalid={err ? true : undefined}
            onChange={(e) => setAnswer(e.target.value)}
          />
          {err ? <p className="field-error">{err}</p> : null}
          <FormAlert error={err ? null : act.error} />
          <div className="actions">
            {c.status === 'received' ? (
              <button
                type="button"
                className="btn"
                disabled={act.isPending}
                onClick={() => act.mutate('in_progress')}
              >
                {t('cp.staff.take')}
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn--primary"
              disabled={act.isPending}
              onClick={() => act.mutate('resolved')}
            >
              {t('cp.staff.resolve')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={act.isPending}
              onClick={() => act.mutate('rejected')}
            >
              {t('cp.staff.reject')}
            </button>
          </div>
        </div>
      ) : null}
    </article>
  );
}
