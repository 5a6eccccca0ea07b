import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { InspectorField } from './inspectors';
import type { Center } from './lib';
import './inspection-visits.i18n';

/** A Karachi wall-clock date and time as an instant with its offset (Pakistan has no DST). */
const karachi = (date: string, time: string) => `${date}T${time}:00+05:00`;

/**
 * The inspection visit on a centre's set-up page: its owner sees the booked window (and past
 * ones); programme staff book one, move it or cancel it with a reason, and the owner is told.
 */
export function InspectionVisitCard({ c, admin }: { c: Center; admin: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const key = ['inspection-visits', c.id];
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET('/api/v1/centers/{id}/inspection-visits', { params: { path: { id: c.id } } })),
  });
  const booked = list.data?.find((v) => v.status === 'booked');
  const [f, setF] = useState({ date: '', from: '10:00', to: '13:00', reason: '' });
  const done = () => void qc.invalidateQueries({ queryKey: key });
  // null until staff pick one: moving a visit then keeps its inspector.
  const [inspector, setInspector] = useState<string | null>(null);
  const body = () => ({
    startsAt: karachi(f.date, f.from),
    endsAt: karachi(f.date, f.to),
    ...(inspector !== null ? { inspectorId: inspector || null } : {}),
  });
  const save = useMutation({
    mutationFn: () =>
      booked
        ? unwrap(
            api.PUT('/api/v1/inspection-visits/{visitId}', {
              params: { path: { visitId: booked.id } },
              body: body(),
            }),
          )
        : unwrap(
            api.POST('/api/v1/centers/{id}/inspection-visits', {
              params: { path: { id: c.id } },
              body: body(),
            }),
          ),
    onSuccess: () => {
      setInspector(null);
      done();
    },
  });
  const cancel = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/inspection-visits/{visitId}/cancel', {
          params: { path: { visitId: booked!.id } },
          body: { reason: f.reason },
        }),
      ),
    onSuccess: done,
  });
  const window = (v: { startsAt: string; endsAt: string }) =>
    t('visits.window', { from: fmt.dateTime(v.startsAt), until: fmt.dateTime(v.endsAt) });
  const canBook = c.status === 'under_setup';

  return (
    <section className="card" aria-labelledby="visit-h">
      <h2 id="visit-h">{t('visits.title')}</h2>
      {list.isPending ? <Loading /> : null}
      <FormAlert error={list.error} />
      {booked ? (
        <Notice>
          <strong>{t('visits.booked')}</strong> {window(booked)}
          {booked.reschedules > 0 ? ` · ${t('visits.moved', { count: booked.reschedules })}` : ''}
          {admin ? ' · ' : null}
          {admin
            ? booked.inspectorName
              ? t('visits.inspectorIs', { name: booked.inspectorName })
              : t('visits.noInspector')
            : null}
        </Notice>
      ) : list.data ? (
        <p>{canBook ? t('visits.none') : t('visits.notWaiting')}</p>
      ) : null}
      {(list.data ?? []).filter((v) => v.status !== 'booked').length > 0 ? (
        <ul className="plain-list">
          {(list.data ?? [])
            .filter((v) => v.status !== 'booked')
            .map((v) => (
              <li key={v.id}>
                {window(v)} · {t(`visits.status.${v.status}`)}
                {v.cancelReason ? ` · ${v.cancelReason}` : ''}
              </li>
            ))}
        </ul>
      ) : null}
      {admin && canBook ? (
        <form
          className="form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <h3>{booked ? t('visits.move') : t('visits.book')}</h3>
          <TextField
            id="visit-date"
            type="date"
            label={t('visits.date')}
            value={f.date}
            onChange={(e) => setF({ ...f, date: e.target.value })}
            error={fieldError(save.error, 'startsAt')}
            required
          />
          <TextField
            id="visit-from"
            type="time"
            label={t('visits.from')}
            value={f.from}
            onChange={(e) => setF({ ...f, from: e.target.value })}
            required
          />
          <TextField
            id="visit-to"
            type="time"
            label={t('visits.to')}
            value={f.to}
            onChange={(e) => setF({ ...f, to: e.target.value })}
            error={fieldError(save.error, 'endsAt')}
            required
          />
          <InspectorField
            id="visit-inspector"
            value={inspector ?? booked?.inspectorId ?? ''}
            onChange={setInspector}
            error={fieldError(save.error, 'inspectorId')}
          />
          <FormAlert error={save.error} />
          {save.isSuccess ? <Notice kind="success">{t('visits.saved')}</Notice> : null}
          <button type="submit" className="btn btn--primary" disabled={save.isPending || !f.date}>
            {booked ? t('visits.move') : t('visits.book')}
          </button>
        </form>
      ) : null}
      {admin && booked ? (
        <form
          className="form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            cancel.mutate();
          }}
        >
          <TextField
            id="visit-reason"
            label={t('visits.reason')}
            value={f.reason}
            onChange={(e) => setF({ ...f, reason: e.target.value })}
            error={fieldError(cancel.error, 'reason')}
            required
          />
          <FormAlert error={cancel.error} />
          <button type="submit" className="btn" disabled={cancel.isPending}>
            {t('visits.cancel')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
