import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { type RegisterBody, useMe, useRegister } from '../app/session';
import { TextField } from '../components/Field';
import { FormAlert, fieldError } from '../components/FormAlert';
import { Page } from '../components/Page';
import { looksLikeCnic, looksLikeEmail, looksLikeMobile, PASSWORD_MIN } from '../lib/validate';

type Form = RegisterBody;
type Errors = Partial<Record<keyof Form, string>>;

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const register = useRegister();
  const [form, setForm] = useState<Form>({
    role: 'freelancer',
    name: '',
    email: '',
    mobile: '',
    cnic: '',
    password: '',
  });
  const [local, setLocal] = useState<Errors>({});

  if (me) return <Navigate to="/dashboard" replace />;

  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const check = (): Errors => {
    const errs: Errors = {};
    if (!form.name.trim()) errs.name = t('validate.required');
    if (!looksLikeEmail(form.email)) errs.email = t('validate.email');
    if (!looksLikeMobile(form.mobile)) errs.mobile = t('validate.mobile');
    if (!looksLikeCnic(form.cnic)) errs.cnic = t('validate.cnic');
    if (form.password.length < PASSWORD_MIN)
      errs.password = t('validate.passwordLength', { min: PASSWORD_MIN });
    return errs;
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const errs = check();
    setLocal(errs);
    const firstBad = Object.keys(errs)[0];
    if (firstBad) {
      e.currentTarget.querySelector<HTMLElement>(`#reg-${firstBad}`)?.focus();
      return;
    }
    register.mutate(form, {
      onSuccess: (r) => navigate(`/verify-mobile?mobile=${encodeURIComponent(r.mobile)}`),
    });
  };

  const err = (k: keyof Form) => local[k] ?? fieldError(register.error, k);

  return (
    <Page title={t('register.title')}>
      <p>{t('register.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={register.error} />
        <fieldset className="choice">
          <legend>{t('register.roleLegend')}</legend>
          {(['freelancer', 'owner'] as const).map((role) => (
            <label key={role} className="choice-option">
              <input
                type="radio"
                name="role"
                value={role}
                checked={form.role === role}
                onChange={() => setForm({ ...form, role })}
              />
              <span>
                <strong>{t(`roles.${role}`)}</strong>
                <span className="choice-hint">{t(`register.roleHint.${role}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          id="reg-name"
          label={t('fields.name')}
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={err('name')}
        />
        <TextField
          id="reg-email"
          type="email"
          label={t('fields.email')}
          autoComplete="email"
          inputMode="email"
          dir="ltr"
          required
          value={form.email}
          onChange={set('email')}
          error={err('email')}
        />
        <TextField
          id="reg-mobile"
          type="tel"
          label={t('fields.mobile')}
          hint={t('hints.mobile')}
          autoComplete="tel-national"
          inputMode="tel"
          dir="ltr"
          placeholder="0300 1234567"
          required
          value={form.mobile}
          onChange={set('mobile')}
          error={err('mobile')}
        />
        <TextField
          id="reg-cnic"
          label={t('fields.cnic')}
          hint={t('hints.cnic')}
          inputMode="numeric"
          dir="ltr"
          placeholder="35202-1234567-1"
          required
          value={form.cnic}
          onChange={set('cnic')}
          error={err('cnic')}
        />
        <TextField
          id="reg-password"
          type="password"
          label={t('fields.password')}
          hint={t('hints.password', { min: PASSWORD_MIN })}
          autoComplete="new-password"
          dir="ltr"
          required
          value={form.password}
          onChange={set('password')}
          error={err('password')}
        />
        <button className="btn btn--primary" type="submit" disabled={register.isPending}>
          {register.isPending ? t('common.wait') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </Page>
  );
}
