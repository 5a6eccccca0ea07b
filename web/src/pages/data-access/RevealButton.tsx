import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { fieldError } from '../../components/FormAlert';
import './data-access.i18n';
import { type AccessPurpose, PurposeSelect } from './PurposeSelect';

type Purpose = AccessPurpose;

/** Shows one person's CNIC, mobile and email in full, once a reason is chosen; the look is recorded. */
export function RevealButton({ user }: { user: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const reveal = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/users/{id}/reveal', {
          params: { path: { id: user.id } },
          body: { fields: ['cnic', 'mobile', 'email'], ...(purpose ? { purpose } : {}) },
        }),
      ),
  });
  if (!open)
    return (
      <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
        {t('dataAccess.reveal')}
        <span className="visually-hidden"> {user.name}</span>
      </button>
    );
  if (reveal.data)
    return (
      <div>
        <dl className="pairs" dir="ltr">
          <dt>{t('dataAccess.fields.cnic')}</dt>
          <dd>{reveal.data.cnic ?? '—'}</dd>
          <dt>{t('dataAccess.fields.mobile')}</dt>
          <dd>{reveal.data.mobile ?? '—'}</dd>
          <dt>{t('dataAccess.fields.email')}</dt>
          <dd>{reveal.data.email ?? '—'}</dd>
        </dl>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            reveal.reset();
            setOpen(false);
          }}
        >
          {t('dataAccess.hide')}
        </button>
      </div>
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    reveal.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('dataAccess.revealFor', { name: user.name })}>
      <PurposeSelect
        id={`purpose-${user.id}`}
        value={purpose}
        onChange={setPurpose}
        error={fieldError(reveal.error, 'purpose')}
      />
      <button className="btn btn--small" type="submit" disabled={reveal.isPending}>
        {t('dataAccess.reveal')}
      </button>
    </form>
  );
}
