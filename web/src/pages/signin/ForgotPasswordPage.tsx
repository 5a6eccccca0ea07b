import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { looksLikeCnic } from '../../lib/validate';

/** Asks for a reset code (mobile) or link (email); the answer is the same whether or not an account matches. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const ask = useMutation({
    mutationFn: (body: { login: string; channel: 'sms' | 'email' }) =>
      unwrap(api.POST('/api/v1/auth/password/forgot', { body })),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate({ login, channel });
  };
  const sent = ask.data;
  return (
    <Page title={t('signin.forgotTitle')}>
      <p>{t('signin.forgotIntro')}</p>
      {sent ? (
        <>
          <Notice kind="success">
            {sent.via === 'sms'
              ? t('signin.forgotSentSms', { minutes: sent.minutes })
              : t('signin.forgotSentEmail', { minutes: sent.minutes })}
          </Notice>
          {sent.via === 'sms' ? (
            <p>
              <Link
                className="btn btn--primary"
                to={`/reset-password?login=${encodeURIComponent(login)}&flow=${encodeURIComponent(sent.flow)}`}
              >
                {t('signin.enterCode')}
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <FormAlert error={ask.error} />
          <TextField
            id="forgot-login"
            label={t('signin.login')}
            hint={t('signin.loginHint')}
            autoComplete="username"
            dir="ltr"
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            error={fieldError(ask.error, 'login')}
          />
          {looksLikeCnic(login) ? (
            <fieldset className="choice">
              <legend>{t('signin.sendBy')}</legend>
              {(['sms', 'email'] as const).map((c) => (
                <label key={c} className="choice-option">
                  <input
                    type="radio"
                    name="channel"
                    value={c}
                    checked={channel === c}
                    onChange={() => setChannel(c)}
                  />
                  <span>{t(`signin.by.${c}`)}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <button className="btn btn--primary" type="submit" disabled={ask.isPending}>
            {ask.isPending ? t('common.wait') : t('signin.forgotSubmit')}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">{t('signin.backToLogin')}</Link>
      </p>
    </Page>
  );
}

export default ForgotPasswordPage;
