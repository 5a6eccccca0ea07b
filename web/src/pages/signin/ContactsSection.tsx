import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type User, unwrap } from '../../api/client';
import { ME_KEY } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { formatMobile } from '../../lib/format';

type Field = 'mobile' | 'email';

/**
 * The profile's contacts: each with whether it is confirmed, and a change that only takes effect
 * once the new one is proved (a code for a mobile, a link for an email).
 */
export function ContactsSection({ me }: { me: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [field, setField] = useState<Field | null>(null);
  const [value, setValue] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const ask = useMutation({
    mutationFn: (body: { mobile?: string; email?: string; password: string }) =>
      unwrap(api.POST('/api/v1/me/contacts', { body })),
    onSuccess: () => setPassword(''),
  });
  const confirm = useMutation({
    mutationFn: (body: { code: string }) => unwrap(api.POST('/api/v1/me/mobile/verify', { body })),
    onSuccess: (user) => {
      qc.setQueryData(ME_KEY, user);
      setField(null);
      ask.reset();
    },
  });
  const start = (f: Field) => {
    setField(f);
    setValue('');
    ask.reset();
    confirm.reset();
  };
  const onAsk = (e: FormEvent) => {
    e.preventDefault();
    if (field) ask.mutate({ [field]: value, password });
  };
  const onConfirm = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ code: code.trim() });
  };
  const status = (ok: boolean) => (
    <span className={`badge${ok ? ' badge--ok' : ''}`}>
      {ok ? t('signin.confirmed') : t('signin.notConfirmed')}
    </span>
  );
  return (
    <section aria-labelledby="contacts-h" className="form">
      <h2 id="contacts-h">{t('signin.contactsTitle')}</h2>
      {confirm.isSuccess ? <Notice kind="success">{t('signin.mobileChanged')}</Notice> : null}
      <dl className="contacts">
        <dt>{t('fields.email')}</dt>
        <dd>
          <bdi dir="ltr">{me.email}</bdi> {status(me.emailVerified)}{' '}
          <button type="button" className="btn btn--link" onClick={() => start('email')}>
            {me.emailVerified ? t('signin.change') : t('signin.confirmOrChange')}
          </button>
        </dd>
        <dt>{t('fields.mobile')}</dt>
        <dd>
          {me.mobile ? <bdi dir="ltr">{formatMobile(me.mobile)}</bdi> : '—'}{' '}
          {me.mobile ? status(me.mobileVerified) : null}{' '}
          <button type="button" className="btn btn--link" onClick={() => start('mobile')}>
            {me.mobile && !me.mobileVerified ? t('signin.confirmOrChange') : t('signin.change')}
          </button>
        </dd>
      </dl>
      {field && !ask.data ? (
        <form onSubmit={onAsk} noValidate aria-label={t(`signin.new.${field}`)}>
          <p>{t('signin.changeNote')}</p>
          <FormAlert error={ask.error} />
          <TextField
            id={`new-${field}`}
            type={field === 'email' ? 'email' : 'tel'}
            label={t(`signin.new.${field}`)}
            inputMode={field === 'email' ? 'email' : 'tel'}
            dir="ltr"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={fieldError(ask.error, field)}
          />
          <TextField
            id="contact-password"
            type="password"
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            dir="ltr"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError(ask.error, 'password')}
          />
          <button className="btn btn--primary" type="submit" disabled={ask.isPending}>
            {ask.isPending ? t('common.wait') : t('signin.sendProof')}
          </button>
        </form>
      ) : null}
      {ask.data?.field === 'email' ? (
        <Notice kind="success">
          {t('signin.linkSentTo', { to: ask.data.sentTo, minutes: ask.data.minutes })}
        </Notice>
      ) : null}
      {ask.data?.field === 'mobile' && !confirm.isSuccess ? (
        <form onSubmit={onConfirm} noValidate aria-label={t('signin.code')}>
          <Notice>
            {t('signin.codeSentTo', { to: formatMobile(ask.data.sentTo), minutes: ask.data.minutes })}
          </Notice>
          <FormAlert error={confirm.error} />
          <TextField
            id="contact-code"
            label={t('signin.code')}
            hint={t('signin.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            dir="ltr"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={fieldError(confirm.error, 'code')}
          />
          <button className="btn btn--primary" type="submit" disabled={confirm.isPending}>
            {confirm.isPending ? t('common.wait') : t('signin.verifySubmit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
