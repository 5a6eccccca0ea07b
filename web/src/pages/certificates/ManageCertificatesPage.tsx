import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { CertificateCard } from './MyCertificatesPage';
import './certificates.i18n';
import './certificates.css';

type Certificate = components['schemas']['Certificate'];

function Revoke({ c }: { c: Certificate }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/certificates/{code}/revoke', {
          params: { path: { code: c.code } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['certificates'] });
    },
  });
  if (!open)
    return (
      <button type="button" className="btn btn--danger" onClick={() => setOpen(true)}>
        {t('cert.revoke')}
      </button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    revoke.mutate();
  };
  return (
    <form className="card card--muted" onSubmit={submit} noValidate>
      <FormAlert error={revoke.error} />
      <TextField
        id={`reason-${c.code}`}
        label={t('cert.reason')}
        hint={t('cert.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldError(revoke.error, 'reason')}
      />
      <div className="inline-form">
        <button type="submit" className="btn btn--danger" disabled={revoke.isPending}>
          {t('cert.confirmRevoke')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('cert.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Staff find certificates and revoke one with a reason; auditors read. */
export default function ManageCertificatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'' | 'valid' | 'revoked'>('');
  const list = useQuery({
    queryKey: ['certificates', q, status],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/certificates', {
          params: { query: { ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status } : {}) } },
        }),
      ),
  });
  const canRevoke = me.data?.role === 'program_admin';
  return (
    <Page title={t('cert.manage')} wide>
      <div className="inline-form">
        <TextField
          id="cert-search"
          type="search"
          label={t('cert.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <SelectField
          id="cert-status"
          label={t('cert.statusLabel')}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
        >
          <option value="">{t('cert.all')}</option>
          <option value="valid">{t('cert.status.valid')}</option>
          <option value="revoked">{t('cert.status.revoked')}</option>
        </SelectField>
      </div>
      {list.isPending ? <Loading /> : null}
      <FormAlert error={list.error} />
      {list.data?.length === 0 ? <p>{t('cert.none')}</p> : null}
      <ul className="cert-list">
        {(list.data ?? []).map((c) => (
          <CertificateCard key={c.id} c={c}>
            {canRevoke && c.status === 'valid' ? <Revoke c={c} /> : null}
          </CertificateCard>
        ))}
      </ul>
    </Page>
  );
}
