import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, setCsrfToken, type User, unwrap } from '../api/client';
import { ME_KEY, useMe } from '../app/session';
import { SelectField, TextField } from '../components/Field';
import { FormAlert, fieldError, Notice } from '../components/FormAlert';
import { Page } from '../components/Page';
import i18n, { isLang, setLanguage } from '../i18n';
import { setUrduDigits, useFormat, useUrduDigits } from '../lib/useFormat';
import { PASSWORD_MIN } from '../lib/validate';
import './data-access/data-access.i18n';
import { HAS_SECOND_FACTOR } from './security/routes';
import { ContactsSection } from './signin/ContactsSection';

function ProfileForm({ me }: { me: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<'en' | 'ur'>(me.locale);
  const save = useMutation({
    mutationFn: (body: { name: string; locale: 'en' | 'ur' }) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: (user) => {
      qc.setQueryData(ME_KEY, user);
      if (isLang(user.locale) && user.locale !== i18n.language) void setLanguage(user.locale);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name, locale });
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="profile-h">
      <h2 id="profile-h">{t('profile.details')}</h2>
      {save.isSuccess ? <Notice kind="success">{t('profile.saved')}</Notice> : null}
      <FormAlert error={save.error} />
      <TextField
        id="profile-name"
        label={t('fields.name')}
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldError(save.error, 'name')}
      />
      <SelectField
        id="profile-locale"
        label={t('fields.language')}
        value={locale}
        onChange={(e) => setLocale(e.target.value === 'ur' ? 'ur' : 'en')}
        error={fieldError(save.error, 'locale')}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="ur" lang="ur">
          اردو
        </option>
      </SelectField>
      <button className="btn btn--primary" type="submit" disabled={save.isPending}>
        {save.isPending ? t('common.wait') : t('common.save')}
      </button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [localError, setLocalError] = useState<string>();
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST('/api/v1/me/password', { body })),
    onSuccess: () => {
      // The server ended every session of this account, this one included.
      setCsrfToken('');
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      navigate('/login?password=changed', { replace: true });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword.length < PASSWORD_MIN) {
      setLocalError(t('validate.passwordLength', { min: PASSWORD_MIN }));
      return;
    }
    setLocalError(undefined);
    change.mutate({ currentPassword, newPassword });
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="password-h">
      <h2 id="password-h">{t('profile.changePassword')}</h2>
      <p>{t('profile.changePasswordNote')}</p>
      <FormAlert error={change.error} />
      <TextField
        id="current-password"
        type="password"
        label={t('fields.currentPassword')}
        autoComplete="current-password"
        dir="ltr"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={fieldError(change.error, 'currentPassword')}
      />
      <TextField
        id="new-password"
        type="password"
        label={t('fields.newPassword')}
        hint={t('hints.password', { min: PASSWORD_MIN })}
        autoComplete="new-password"
        dir="ltr"
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={localError ?? fieldError(change.error, 'newPassword')}
      />
      <button className="btn btn--primary" type="submit" disabled={change.isPending}>
        {change.isPending ? t('common.wait') : t('profile.changePasswordSubmit')}
      </button>
    </form>
  );
}

/** A choice kept on this device only: Urdu digits (۱۲۳) or the usual 123 in Urdu pages. */
function DevicePreferences() {
  const { t } = useTranslation();
  const urduDigits = useUrduDigits();
  const fmt = useFormat();
  return (
    <section aria-labelledby="device-h">
      <h2 id="device-h">{t('profile.device')}</h2>
      <div className="check">
        <input
          type="checkbox"
          id="urdu-digits"
          checked={urduDigits}
          onChange={(e) => setUrduDigits(e.target.checked)}
          aria-describedby="urdu-digits-hint"
        />
        <label htmlFor="urdu-digits">{t('profile.urduDigits')}</label>
      </div>
      <p className="field-hint" id="urdu-digits-hint">
        {t('profile.urduDigitsHint', { example: fmt.number(1234567) })}
      </p>
    </section>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Page title={t('profile.title')}>
      <ProfileForm key={me.id} me={me} />
      <ContactsSection me={me} />
      <DevicePreferences />
      <PasswordForm />
      <section aria-labelledby="privacy-h">
        <h2 id="privacy-h">{t('dataAccess.mineTitle')}</h2>
        <ul className="link-list">
          <li>
            <Link to="/me/data">
              {i18n.language === 'ur'
                ? 'میرا ڈیٹا: ڈاؤن لوڈ کریں یا اکاؤنٹ بند کریں'
                : 'My data: download it, or close my account'}
            </Link>
          </li>
          <li>
            <Link to="/me/corrections">
              {i18n.language === 'ur' ? 'میرے ڈیٹا کی درستی کی درخواست' : 'Ask to correct my data'}
            </Link>
          </li>
          <li>
            <Link to="/me/data-access">{t('dataAccess.mineTitle')}</Link>
          </li>
        </ul>
      </section>
      {HAS_SECOND_FACTOR.includes(me.role) ? (
        <p>
          <Link to="/security">
            {i18n.language === 'ur'
              ? 'لاگ اِن کی حفاظت: دوسرا مرحلہ اور ریکوری کوڈ'
              : 'Sign-in security: second factor and recovery codes'}
          </Link>
        </p>
      ) : null}
    </Page>
  );
}
