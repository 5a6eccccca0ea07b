import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { DataAccessTable } from './DataAccessTable';
import './data-access.i18n';

const ALERT_AT = 100;
type Filters = { readerId?: string; subjectId?: string; from?: string; to?: string };

function AlertReview({ alert }: { alert: components['schemas']['DataAccessAlert'] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/data-access/alerts/{id}/review', {
          params: { path: { id: alert.id } },
          body: { note },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['data-access', 'alerts'] }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    review.mutate();
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <TextField
        id={`alert-note-${alert.id}`}
        label={t('dataAccess.reviewNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={fieldError(review.error, 'note')}
      />
      <button className="btn" type="submit" disabled={review.isPending}>
        {t('dataAccess.review')}
      </button>
    </form>
  );
}

/** The auditor's search of every look at personal data, and the alerts on unusual volumes. */
export default function DataAccessAuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const looks = useQuery({
    queryKey: ['data-access', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/data-access', {
          params: {
            query: Object.fromEntries(Object.entries({ ...filters, limit: 200 }).filter(([, v]) => v !== '')),
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const alerts = useQuery({
    queryKey: ['data-access', 'alerts'],
    queryFn: () => unwrap(api.GET('/api/v1/data-access/alerts')),
  });
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const field = (k: keyof Filters, type = 'text') => (
    <TextField
      id={`da-${k}`}
      type={type}
      label={t(`dataAccess.${k}`)}
      value={draft[k] ?? ''}
      onChange={(e) => setDraft({ ...draft, [k]: e.target.value.trim() })}
      error={fieldError(looks.error, k)}
      dir={type === 'text' ? 'ltr' : undefined}
    />
  );
  return (
    <Page title={t('dataAccess.auditTitle')} wide>
      <p>{t('dataAccess.auditLead')}</p>
      <section aria-labelledby="da-alerts">
        <h2 id="da-alerts">{t('dataAccess.alertsTitle')}</h2>
        <p>{t('dataAccess.alertsLead', { n: ALERT_AT })}</p>
        <FormAlert error={alerts.error} />
        {alerts.data?.items.length === 0 ? <p role="status">{t('dataAccess.noAlerts')}</p> : null}
        <ul className="cards">
          {alerts.data?.items.map((a) => (
            <li key={a.id} className="card">
              <strong>
                {a.reader.name} ({t(`roles.${a.reader.role}`)})
              </strong>
              <p>
                {t('dataAccess.hour', { at: fmt.dateTime(a.hourStart) })} ·{' '}
                {t('dataAccess.people', { n: fmt.number(a.people) })}
              </p>
              {a.review ? (
                <p>{t('dataAccess.reviewed', { by: a.review.by ?? '—', note: a.review.note ?? '' })}</p>
              ) : (
                <AlertReview alert={a} />
              )}
            </li>
          ))}
        </ul>
      </section>
      <search>
        <form className="filters" onSubmit={onSearch} noValidate>
          {field('readerId')}
          {field('subjectId')}
          {field('from', 'date')}
          {field('to', 'date')}
          <button className="btn" type="submit">
            {t('common.search')}
          </button>
        </form>
      </search>
      <FormAlert error={looks.error} />
      {looks.isPending ? <Loading /> : <DataAccessTable items={looks.data?.items ?? []} showPerson />}
    </Page>
  );
}
