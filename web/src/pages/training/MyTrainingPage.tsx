import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { LogReceipts } from '../audit/LogReceipts';
import { Reasons } from './Reasons';
import './training.i18n';
import './training.css';

const QrCode = lazy(() => import('../bookings/Qr').then((m) => ({ default: m.QrCode })));
type Enrolment = components['schemas']['Enrolment'];

function CheckInCode({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const token = useQuery({
    queryKey: ['training-token', enrolmentId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/training/enrolments/{id}/check-in-token', { params: { path: { id: enrolmentId } } }),
      ),
    refetchInterval: 25_000,
    staleTime: 0,
    gcTime: 0,
  });
  if (token.isPending) return <Loading />;
  if (token.isError) return <FormAlert error={token.error} />;
  return (
    <div className="qr-box">
      <Suspense fallback={<Loading />}>
        <QrCode text={token.data.token} label={t('tr.showCode')} />
      </Suspense>
      <p className="field-hint">{t('tr.codeHelp', { s: fmt.number(token.data.stepSeconds) })}</p>
      <code className="code-text" data-testid="training-code">
        {token.data.token}
      </code>
    </div>
  );
}

function EnrolmentCard({ e }: { e: Enrolment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [code, setCode] = useState(false);
  const withdraw = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/training/enrolments/{id}/withdraw', { params: { path: { id: e.id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['my-training'] }),
  });
  const active = ['applied', 'admitted', 'waitlisted'].includes(e.status);
  return (
    <li className="card" data-enrolment={e.id}>
      <h2 className="cohort-title">{fmt.lang === 'ur' ? e.courseTitleUr : e.courseTitleEn}</h2>
      <p>
        <strong data-testid="enrolment-status">{t(`tr.status.${e.status}`)}</strong>
        {e.waitlistPosition ? ` · ${t('tr.position', { n: fmt.number(e.waitlistPosition) })}` : ''}
      </p>
      <Reasons reasons={e.reasons} />
      <FormAlert error={withdraw.error} />
      {e.status === 'admitted' ? (
        <button type="button" className="btn" onClick={() => setCode(!code)}>
          {t('tr.showCode')}
        </button>
      ) : null}
      {code ? <CheckInCode enrolmentId={e.id} /> : null}
      {active && !confirm ? (
        <button type="button" className="btn btn--danger" onClick={() => setConfirm(true)}>
          {t('tr.withdraw')}
        </button>
      ) : null}
      {confirm ? (
        <div className="card card--muted">
          <p>{t('tr.withdrawConfirm')}</p>
          <button type="button" className="btn btn--danger" onClick={() => withdraw.mutate()}>
            {t('tr.withdraw')}
          </button>
        </div>
      ) : null}
      <LogReceipts entity="training_enrolment" entityId={e.id} compact />
    </li>
  );
}

/** A freelancer's applications (with each rule's reason), timetable and earnings check-ins. */
export default function MyTrainingPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mine = useQuery({
    queryKey: ['my-training'],
    queryFn: () => unwrap(api.GET('/api/v1/training/me/enrolments')),
  });
  const timetable = useQuery({
    queryKey: ['my-training', 'timetable'],
    queryFn: () => unwrap(api.GET('/api/v1/training/me/timetable')),
  });
  const outcomes = useQuery({
    queryKey: ['my-training', 'outcomes'],
    queryFn: () => unwrap(api.GET('/api/v1/training/me/outcomes')),
  });
  return (
    <Page title={t('tr.mine')}>
      {mine.isPending ? <Loading /> : null}
      <FormAlert error={mine.error} />
      {mine.data?.length === 0 ? (
        <p>
          {t('tr.noneMine')} <Link to="/training">{t('tr.title')}</Link>
        </p>
      ) : null}
      <ul className="cohort-list">
        {(mine.data ?? []).map((e) => (
          <EnrolmentCard key={e.id} e={e} />
        ))}
      </ul>
      {timetable.data?.length ? (
        <section aria-labelledby="tr-timetable">
          <h2 id="tr-timetable">{t('tr.timetable')}</h2>
          <ul className="cohort-list">
            {timetable.data.map((s) => (
              <li key={`${s.sessionId}`} className="card session-row">
                <span>{fmt.dateTime(s.start)}</span>
                <span>{fmt.lang === 'ur' ? s.courseTitleUr : s.courseTitleEn}</span>
                <span>{s.centerName}</span>
                <span>{t(`tr.session.${s.status}`)}</span>
                {s.attended ? <span>✓ {t('tr.attended')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {outcomes.data?.length ? (
        <section aria-labelledby="tr-outcomes">
          <h2 id="tr-outcomes">{t('tr.outcomes')}</h2>
          <p>{t('tr.outcomesHelp')}</p>
          {outcomes.data.map((o) => (
            <ul key={o.enrolmentId} className="cohort-facts">
              {o.checkpoints.map((c) => (
                <li key={c.monthsAfter}>
                  {fmt.month(c.month)}: {c.declared ? t('tr.declared') : c.due ? t('tr.due') : t('tr.later')}
                </li>
              ))}
            </ul>
          ))}
          <Link to="/bookings/earnings">{t('tr.declare')}</Link>
        </section>
      ) : null}
    </Page>
  );
}
