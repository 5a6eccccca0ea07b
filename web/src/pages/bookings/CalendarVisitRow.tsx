import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { pktDay, pktTime } from './inspection-calendar';
import { InspectorField } from './inspectors';
import './inspection-calendar.i18n';

type Visit = components['schemas']['InspectionVisit'];
const karachi = (date: string, time: string) => `${date}T${time}:00+05:00`;

/** One visit on the inspection calendar: its window, centre and inspector; an admin moves it, hands it over or cancels it. */
export function CalendarVisitRow({
  v,
  admin,
  district,
}: {
  v: Visit;
  admin: boolean;
  district: string | null;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ date: pktDay(v.startsAt), from: pktTime(v.startsAt), to: pktTime(v.endsAt) });
  const [reason, setReason] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['inspection-visits'] });
  const move = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/inspection-visits/{visitId}', {
          params: { path: { visitId: v.id } },
          body: { startsAt: karachi(f.date, f.from), endsAt: karachi(f.date, f.to) },
        }),
      ),
    onSuccess: done,
  });
  const [inspector, setInspector] = useState(v.inspectorId ?? '');
  const assign = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/inspection-visits/{visitId}/inspector', {
          params: { path: { visitId: v.id } },
          body: { inspectorId: inspector || null },
        }),
      ),
    onSuccess: done,
  });
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/inspection-visits/{visitId}/cancel', {
          params: { path: { visitId: v.id } },
          body: { reason },
        }),
      ),
    onSuccess: done,
  });
  const name = i18n.language === 'ur' ? (v.centreNameUr ?? v.centreName) : v.centreName;
  return (
    <li className="card calendar-visit">
      <p>
        <strong dir="ltr">
          {pktTime(v.startsAt)}–{pktTime(v.endsAt)}
        </strong>{' '}
        <Link to={`/owner/centres/${v.centerId}/setup`}>{name}</Link>
        {district ? ` · ${district}` : ''}
        {v.reschedules > 0 ? ` · ${t('visits.moved', { count: v.reschedules })}` : ''}
      </p>
      <p>{v.inspectorName ? t('visits.inspectorIs', { name: v.inspectorName }) : t('visits.noInspector')}</p>
      {v.note ? <p className="field-hint">{v.note}</p> : null}
      {admin ? (
        <>
          <details>
            <summary>{t('visits.move')}</summary>
            <form
              className="form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                move.mutate();
              }}
            >
              <TextField
                id={`move-date-${v.id}`}
                type="date"
                label={t('visits.date')}
                value={f.date}
                onChange={(e) => setF({ ...f, date: e.target.value })}
                error={fieldError(move.error, 'startsAt')}
                required
              />
              <TextField
                id={`move-from-${v.id}`}
                type="time"
                label={t('visits.from')}
                value={f.from}
                onChange={(e) => setF({ ...f, from: e.target.value })}
                required
              />
              <TextField
                id={`move-to-${v.id}`}
                type="time"
                label={t('visits.to')}
                value={f.to}
                onChange={(e) => setF({ ...f, to: e.target.value })}
                error={fieldError(move.error, 'endsAt')}
                required
              />
              <FormAlert error={move.error} />
              {move.isSuccess ? <Notice kind="success">{t('visits.saved')}</Notice> : null}
              <button type="submit" className="btn btn--primary" disabled={move.isPending || !f.date}>
                {t('visits.move')}
              </button>
            </form>
          </details>
          <details>
            <summary>{t('visits.changeInspector')}</summary>
            <form
              className="form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                assign.mutate();
              }}
            >
              <InspectorField
                id={`inspector-${v.id}`}
                value={inspector}
                onChange={setInspector}
                error={fieldError(assign.error, 'inspectorId')}
              />
              <FormAlert error={assign.error} />
              {assign.isSuccess ? <Notice kind="success">{t('visits.inspectorSaved')}</Notice> : null}
              <button type="submit" className="btn" disabled={assign.isPending}>
                {t('visits.changeInspector')}
              </button>
            </form>
          </details>
          <details>
            <summary>{t('visits.cancel')}</summary>
            <form
              className="form"
              noValidate
              onSubmit={(e: FormEvent) => {
                e.preventDefault();
                cancel.mutate();
              }}
            >
              <TextField
                id={`cancel-reason-${v.id}`}
                label={t('visits.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={fieldError(cancel.error, 'reason')}
                required
              />
              <FormAlert error={cancel.error} />
              <button type="submit" className="btn" disabled={cancel.isPending}>
                {t('visits.cancel')}
              </button>
            </form>
          </details>
        </>
      ) : null}
    </li>
  );
}
