import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useLogin, useMe } from '../app/session';
import { TextField } from '../components/Field';
import { FormAlert, fieldError, Notice } from '../components/FormAlert';
import { Page } from '../components/Page';

/** Only same-site paths, so a crafted link cannot send people elsewhere after login. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboard';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (me && !login.isSuccess) return <Navigate to={next} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { login: email, password },
      {
        onSuccess: (s) =>
          s.secondFactor
            ? navigate(`/sign-in/${s.secondFactor}?next=${encodeURIComponent(next)}`, { replace: true })
            : navigate(next, { replace: true }),
      },
    );
  };
  const error = login.error;
  return (
    <Page title={t('login.title')}>
      {params.get('bye') ? <Notice>{t('login.loggedOut')}</Notice> : null}
      {params.get('password') ? <Notice kind="success">{t('login.passwordChanged')}</Notice> : null}
      {params.get('reset') ? <Notice kind="success">{t('signin.resetDone')}</Notice> : null}
      <form
        className="form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby={error ? 'login-error' : undefined}
      >
        <FormAlert error={error} id="login-error" />
        <TextField
          id="email"
          label={t('signin.login')}
          hint={t('signin.loginHint')}
          autoComplete="username"
          dir="ltr"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(error, 'login') ?? fieldError(error, 'email')}
        />
        <TextField
          id="password"
          type="password"
          label={t('fields.password')}
          autoComplete="current-password"
          dir="ltr"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(error, 'password')}
        />
        <button className="btn btn--primary" type="submit" disabled={login.isPending}>
          {login.isPending ? t('common.wait') : t('login.submit')}
        </button>
        {error instanceof ApiError && error.code === 'account_locked' ? (
          <p>
            {t('signin.lockedWayBack')} <Link to="/forgot-password">{t('signin.forgotLink')}</Link>
          </p>
        ) : null}
      </form>
      <p>
        <Link to="/forgot-password">{t('signin.forgotLink')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
      </p>
    </Page>
  );
}
