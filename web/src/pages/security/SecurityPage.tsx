import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { RecoveryCodes } from './RecoveryCodes';
import { TrustedDevices } from './TrustedDevices';
import './security.i18n';
import './security.css';

/** The signed-in person's second factor: since when, recovery codes left, ten new ones. */
export default function SecurityPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const status = useQuery({ queryKey: ['my-factor'], queryFn: () => unwrap(api.GET('/api/v1/me/factor')) });
  const regenerate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/factor/recovery-codes', { body: { code } })),
    onSuccess: () => {
      setCode('');
      return qc.invalidateQueries({ queryKey: ['my-factor'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    regenerate.mutate();
  };
  return (
    <Page title={t('factor.securityTitle')}>
      <FormAlert error={status.error} />
      {status.isPending ? (
        <Loading />
      ) : status.data ? (
        <>
          <p>
            {status.data.enrolled && status.data.enrolledAt
              ? t('factor.statusOn', { date: fmt.dateTime(status.data.enrolledAt) })
              : t('factor.statusOff')}
          </p>
          {status.data.enrolled ? (
            <>
              <p>{t('factor.codesLeft', { count: status.data.recoveryCodesLeft })}</p>
              {regenerate.data ? <RecoveryCodes codes={regenerate.data.recoveryCodes} /> : null}
              <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="codes-new">
                <h2 id="codes-new">{t('factor.regenerateTitle')}</h2>
                <p>{t('factor.regenerateLead')}</p>
                <FormAlert error={regenerate.error} />
                <TextField
                  id="code"
                  label={t('factor.code')}
                  hint={t('factor.codeHint')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  dir="ltr"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  error={fieldError(regenerate.error, 'code')}
                />
                <button className="btn btn--primary" type="submit" disabled={regenerate.isPending}>
                  {regenerate.isPending ? t('common.wait') : t('factor.regenerate')}
                </button>
              </form>
              <TrustedDevices />
            </>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
