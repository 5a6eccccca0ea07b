import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { PASSWORD_MIN } from '../../lib/validate';

type Body =
  | { token: string; newPassword: string }
  | { login: string; code: string; flow?: string; newPassword: string };

/** A new password, with the link's token (from the email) or the login and the SMS code. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  // The id the reset request answered with: an SMS code works only with it (decision 0081).
  const flow = params.get('flow') ?? undefined;
  const [login, setLogin] = useState(params.get('login') ?? '');
  const [code, setCode] = useState('');
  const [newPassword, setNew] = useState('');
  const [local, setLocal] = useState<string>();
  const reset = useMutation({
    mutationFn: (body: Body) => unwrap(api.POST('/api/v1/auth/password/reset', { body })),
    onSuccess: () => navigate('/login?reset=1', { replace: true }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword.length < PASSWORD_MIN) {
      setLocal(t('validate.passwordLength', { min: PASSWORD_MIN }));
      return;
    }
    setLocal(undefined);
    reset.mutate(
      token ? { token, newPassword } : { login, code: code.trim(), ...(flow ? { flow } : {}), newPassword },
    );
  };
  return (
    <Page title={t('signin.resetTitle')}>
      <p>{t('signin.resetIntro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={reset.error} />
        {fieldError(reset.error, 'token') ? (
          <p className="field-error">
            {fieldError(reset.error, 'token')} <Link to="/forgot-password">{t('signin.askAgain')}</Link>
          </p>
        ) : null}
        {token ? null : (
          <>
            <TextField
              id="reset-login"
              label={t('signin.login')}
              autoComplete="username"
              dir="ltr"
              value={login}
              onChange={(e) => setLogin(e.target.value)}
              error={fieldError(reset.error, 'login')}
            />
            <TextField
              id="reset-code"
              label={t('signin.code')}
              hint={t('signin.codeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              dir="ltr"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={fieldError(reset.error, 'code')}
            />
          </>
        )}
        <TextField
          id="reset-password"
          type="password"
          label={t('fields.newPassword')}
          hint={t('hints.password', { min: PASSWORD_MIN })}
          autoComplete="new-password"
          dir="ltr"
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
          error={local ?? fieldError(reset.error, 'newPassword')}
        />
        <p className="field-hint">{t('signin.resetEndsSessions')}</p>
        <button className="btn btn--primary" type="submit" disabled={reset.isPending}>
          {reset.isPending ? t('common.wait') : t('signin.resetSubmit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('signin.askAgain')}</Link>
      </p>
    </Page>
  );
}

export default ResetPasswordPage;
