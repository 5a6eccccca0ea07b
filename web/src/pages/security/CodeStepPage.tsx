import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { nextFrom, useCompleteSignIn } from './complete';
import './security.i18n';
import './security.css';

/** Sign-in's second step: the code from the authenticator app, or a recovery code. */
export default function CodeStepPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const complete = useCompleteSignIn();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const step = useQuery({
    queryKey: ['factor-step'],
    queryFn: async () => {
      const step = await unwrap(api.GET('/api/v1/auth/factor'));
      setCsrfToken(step.csrfToken);
      return step;
    },
    retry: false,
  });
  const verify = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/auth/factor/verify', {
          body: {
            ...(useRecovery ? { recoveryCode: code } : { code }),
            ...(remember ? { rememberDevice: true } : {}),
          },
        }),
      ),
    onSuccess: (s) => {
      complete(s);
      navigate(nextFrom(params), { replace: true });
    },
  });
  if (step.isPending) return <Loading />;
  if (step.data?.stage === 'enrol') return <Navigate to={`/sign-in/enrol?${params.toString()}`} replace />;
  if (step.isError || step.data.stage !== 'code') {
    return (
      <Page title={t('factor.codeTitle')}>
        <p>{t('factor.expired')}</p>
        <p>
          <Link to="/login">{t('factor.signInAgain')}</Link>
        </p>
      </Page>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate();
  };
  const field = useRecovery ? 'recoveryCode' : 'code';
  return (
    <Page title={t('factor.codeTitle')}>
      <p>{t('factor.codeLead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={verify.error} />
        <TextField
          key={field}
          id={field}
          label={useRecovery ? t('factor.recoveryCode') : t('factor.code')}
          hint={useRecovery ? t('factor.recoveryHint') : t('factor.codeHint')}
          autoComplete="one-time-code"
          inputMode={useRecovery ? 'text' : 'numeric'}
          dir="ltr"
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={fieldError(verify.error, field)}
        />
        {step.data.rememberDeviceDays ? (
          <label className="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />{' '}
            {t('trustedDevices.remember', { count: step.data.rememberDeviceDays })}
          </label>
        ) : null}
        <button className="btn btn--primary" type="submit" disabled={verify.isPending}>
          {verify.isPending ? t('common.wait') : t('factor.verify')}
        </button>
      </form>
      <p>
        <button
          type="button"
          className="btn btn--link"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setCode('');
            verify.reset();
          }}
        >
          {useRecovery ? t('factor.useApp') : t('factor.useRecovery')}
        </button>
      </p>
      <p>{t('factor.lostAll')}</p>
    </Page>
  );
}
