import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { TrainerBank } from './TrainerBank';
import './training.i18n';
import './training.css';

type Cohort = components['schemas']['Cohort'];
type Enrolment = components['schemas']['Enrolment'];

function Sessions({ c }: { c: Cohort }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [token, setToken] = useState('');
  const [session, setSession] = useState(c.sessions[0]?.id ?? '');
  const act = useMutation({
    mutationFn: (v: { id: string; action: 'held' | 'cancelled' | 'close_attendance' }) =>
      unwrap(api.POST('/api/v1/training/sessions/{id}/{action}', { params: { path: v } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['training-managed'] }),
  });
  const scan = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/training/sessions/{id}/check-ins', {
          params: { path: { id: session } },
          body: { token },
        }),
      ),
    onSuccess: () => setToken(''),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    scan.mutate();
  };
  return (
    <>
      <FormAlert error={act.error} />
      <ul className="cohort-list">
        {c.sessions.map((s) => {
          // What the server accepts: held or closed once started; a trainer cancels only before it.
          const started = new Date(s.start).getTime() <= Date.now();
          return (
            <li key={s.id} className="session-row">
              <span>{fmt.dateTime(s.start)}</span>
              <span>{t(`tr.session.${s.status}`)}</span>
              {s.status === 'scheduled' && started ? (
                <button
                  type="button"
                  className="btn"
                  onClick={() => act.mutate({ id: s.id, action: 'held' })}
                >
                  {t('tr.markHeld')}
                </button>
              ) : null}
              {s.status === 'scheduled' && !started ? (
                <button
                  type="button"
                  className="btn"
                  onClick={() => act.mutate({ id: s.id, action: 'cancelled' })}
                >
                  {t('tr.cancelSession')}
                </button>
              ) : null}
              {started && s.status !== 'cancelled' && !s.attendanceClosed ? (
                <button
                  type="button"
                  className="btn"
                  onClick={() => act.mutate({ id: s.id, action: 'close_attendance' })}
                >
                  {t('tr.closeAttendance')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t('tr.scanFor')}{' '}
          <select value={session} onChange={(e) => setSession(e.target.value)}>
            {c.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {fmt.dateTime(s.start)}
              </option>
            ))}
          </select>
        </label>
        <TextField
          id={`scan-${c.id}`}
          label={t('tr.scan')}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="btn btn--primary">
          {t('tr.checkIn')}
        </button>
      </form>
      <FormAlert error={scan.error} />
      {scan.isSuccess ? <Notice kind="success">✓ {t('tr.attended')}</Notice> : null}
    </>
  );
}

function Trainee({ e, c }: { e: Enrolment; c: Cohort }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [score, setScore] = useState(e.assessmentScore?.toString() ?? '');
  const [reason, setReason] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['training-roster', c.id] });
  const docs = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/training/enrolments/{id}/documents-checked', { params: { path: { id: e.id } } }),
      ),
    onSuccess: refresh,
  });
  const assess = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/training/enrolments/{id}/assessment', {
          params: { path: { id: e.id } },
          body: { score: Number(score) },
        }),
      ),
    onSuccess: refresh,
  });
  const correct = useMutation({
    mutationFn: (present: boolean) =>
      unwrap(
        api.POST('/api/v1/training/sessions/{id}/attendance', {
          params: { path: { id: c.sessions.at(-1)?.id ?? '' } },
          body: { enrolmentId: e.id, present, reason },
        }),
      ),
  });
  return (
    <li className="card">
      <p>
        <strong>{e.name}</strong> · {t(`tr.status.${e.status}`)}
      </p>
      {e.status === 'admitted' ? (
        <div className="inline-form">
          {e.documentsChecked ? (
            <span>✓ {t('tr.docs')}</span>
          ) : (
            <button type="button" className="btn" onClick={() => docs.mutate()}>
              {t('tr.checkDocs')}
            </button>
          )}
          <TextField
            id={`score-${e.id}`}
            type="number"
            min={0}
            max={100}
            label={t('tr.score')}
            value={score}
            onChange={(ev) => setScore(ev.target.value)}
          />
          <button type="button" className="btn" onClick={() => assess.mutate()}>
            {t('tr.saveScore')}
          </button>
          <TextField
            id={`reason-${e.id}`}
            label={`${t('tr.correct')}: ${t('tr.reason')}`}
            value={reason}
            onChange={(ev) => setReason(ev.target.value)}
          />
          <button type="button" className="btn" onClick={() => correct.mutate(true)}>
            {t('tr.present')}
          </button>
          <button type="button" className="btn" onClick={() => correct.mutate(false)}>
            {t('tr.absent')}
          </button>
        </div>
      ) : null}
      <FormAlert error={docs.error ?? assess.error ?? correct.error} />
    </li>
  );
}

function CohortBlock({ c }: { c: Cohort }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const roster = useQuery({
    queryKey: ['training-roster', c.id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/training/cohorts/{id}/enrolments', { params: { path: { id: c.id } } })),
  });
  const finish = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/training/cohorts/{id}/finish', { params: { path: { id: c.id } } })),
  });
  return (
    <section className="card" aria-label={c.course.titleEn} data-cohort={c.id}>
      <h2 className="cohort-title">
        {fmt.lang === 'ur' ? c.course.titleUr : c.course.titleEn} — {c.centerName}
      </h2>
      <p>
        {fmt.date(c.startsOn)} – {fmt.date(c.endsOn)} · {t(`tr.cohortStatus.${c.status}`)}
      </p>
      <Sessions c={c} />
      <h3>{t('tr.roster')}</h3>
      <ul className="cohort-list">
        {(roster.data ?? [])
          .filter((e) => e.status !== 'ineligible')
          .map((e) => (
            <Trainee key={e.id} e={e} c={c} />
          ))}
      </ul>
      {c.status === 'admitted' ? (
        <button type="button" className="btn btn--primary" onClick={() => finish.mutate()}>
          {t('tr.finish')}
        </button>
      ) : null}
      <FormAlert error={finish.error} />
      {finish.data ? (
        <Notice kind="success">
          {t('tr.finished', {
            c: fmt.number(finish.data.completed),
            n: fmt.number(finish.data.notCompleted),
          })}
        </Notice>
      ) : null}
    </section>
  );
}

/** A trainer's cohorts: sessions, QR check-in, documents, corrections, assessment, finishing. */
export default function TrainerPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['training-managed'],
    queryFn: () => unwrap(api.GET('/api/v1/training/cohorts/managed')),
  });
  return (
    <Page title={t('tr.teach')} wide>
      {q.isPending ? <Loading /> : null}
      <FormAlert error={q.error} />
      {q.data?.length === 0 ? <p>{t('tr.noCohorts')}</p> : null}
      {(q.data ?? [])
        .filter((c) => c.status !== 'finished')
        .map((c) => (
          <CohortBlock key={c.id} c={c} />
        ))}
      <TrainerBank />
    </Page>
  );
}
