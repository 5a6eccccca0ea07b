import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, type components, setCsrfToken, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { QrCode } from '../bookings/Qr';
import { nextFrom, useCompleteSignIn } from './complete';
import { RecoveryCodes } from './RecoveryCodes';
import './security.i18n';
import './security.css';

type Enrolled = components['schemas']['FactorEnrolled'];

/** A privileged account's first sign-in: scan the key, confirm with a first code, save the recovery codes. */
export default function EnrolPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const complete = useCompleteSignIn();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<Enrolled | null>(null);
  const step = useQuery({
    queryKey: ['factor-step'],
    queryFn: async () => {
      const step = await unwrap(api.GET('/api/v1/auth/factor'));
      setCsrfToken(step.csrfToken);
      return step;
    },
    retry: false,
  });
  const start = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/factor/enrolment')) });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/factor/enrolment/confirm', { body: { code } })),
    onSuccess: setDone,
  });
  const ready = step.data?.stage === 'enrol';
  const { mutate: startEnrolment, isIdle } = start;
  useEffect(() => {
    if (ready && isIdle) startEnrolment();
  }, [ready, isIdle, startEnrolment]);

  if (done)
    return (
      <Page title={t('factor.enrolTitle')}>
        <RecoveryCodes codes={done.recoveryCodes} />
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => {
            complete(done.session);
            navigate(nextFrom(params), { replace: true });
          }}
        >
          {t('factor.codesSaved')}
        </button>
      </Page>
    );
  if (step.isPending) return <Loading />;
  if (!ready)
    return (
      <Page title={t('factor.enrolTitle')}>
        <p>{t('factor.expired')}</p>
        <p>
          <Link to="/login">{t('factor.signInAgain')}</Link>
        </p>
      </Page>
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  return (
    <Page title={t('factor.enrolTitle')}>
      <p>{t('factor.enrolLead')}</p>
      <FormAlert error={start.error} />
      {start.data ? (
        <div className="enrol">
          <h2>{t('factor.enrolStep1')}</h2>
          <div className="enrol-qr">
            <QrCode text={start.data.otpauthUri} label={t('factor.qrLabel')} />
          </div>
          <h2>{t('factor.enrolStep2')}</h2>
          <p>
            {t('factor.keyLabel')}:{' '}
            <code className="secret" dir="ltr" data-testid="totp-secret">
              {start.data.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
          </p>
          <button type="button" className="btn" onClick={() => start.mutate()} disabled={start.isPending}>
            {t('factor.newKey')}
          </button>
          <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="enrol-step3">
            <h2 id="enrol-step3">{t('factor.enrolStep3')}</h2>
            <FormAlert error={confirm.error} />
            <TextField
              id="code"
              label={t('factor.code')}
              hint={t('factor.codeHint')}
              autoComplete="one-time-code"
              inputMode="numeric"
              dir="ltr"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={fieldError(confirm.error, 'code')}
            />
            <button className="btn btn--primary" type="submit" disabled={confirm.isPending}>
              {confirm.isPending ? t('common.wait') : t('factor.confirm')}
            </button>
          </form>
        </div>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
