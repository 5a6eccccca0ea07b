import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { FileUpload } from '../bookings/FileUpload';
import './privacy.i18n';

/** The person asks to correct a field and follows their requests. */
export default function MyCorrectionsPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const fields = useQuery({
    queryKey: ['me', 'correctable-fields'],
    queryFn: () => unwrap(api.GET('/api/v1/me/correctable-fields')),
  });
  const mine = useQuery({
    queryKey: ['me', 'corrections'],
    queryFn: () => unwrap(api.GET('/api/v1/me/corrections')),
  });
  const [field, setField] = useState('name');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/me/corrections', {
          body: { field, value, reason, ...(evidence.trim() ? { evidence } : {}) },
        }),
      ),
    onSuccess: () => {
      setValue('');
      setReason('');
      setEvidence('');
      void qc.invalidateQueries({ queryKey: ['me', 'corrections'] });
    },
  });
  const withdraw = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/me/corrections/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me', 'corrections'] }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const chosen = fields.data?.items.find((f) => f.field === field);
  return (
    <Page title={t('rights.correctionsTitle')}>
      <p>{t('rights.correctionsLead')}</p>
      <FormAlert error={fields.error ?? mine.error} />
      {fields.isPending ? (
        <Loading />
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          {send.isSuccess ? <Notice kind="success">{t('rights.sent')}</Notice> : null}
          <FormAlert error={send.error} />
          <SelectField
            id="corr-field"
            label={t('rights.field')}
            value={field}
            onChange={(e) => setField(e.target.value)}
            error={fieldError(send.error, 'field')}
          >
            {fields.data?.items.map((f) => (
              <option key={f.field} value={f.field}>
                {f.label[lang]}
              </option>
            ))}
          </SelectField>
          <p>
            {t('rights.current')}: <bdi>{chosen?.current ?? t('rights.none')}</bdi>
          </p>
          <TextField
            id="corr-value"
            label={t('rights.value')}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={fieldError(send.error, 'value')}
          />
          <TextField
            id="corr-reason"
            label={t('rights.why')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(send.error, 'reason')}
          />
          <TextField
            id="corr-evidence"
            label={t('rights.evidence')}
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            error={fieldError(send.error, 'evidence')}
          />
          <button className="btn btn--primary" type="submit" disabled={send.isPending}>
            {send.isPending ? t('common.wait') : t('rights.send')}
          </button>
        </form>
      )}
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t('rights.mine')}</h2>
        <FormAlert error={withdraw.error} />
        {mine.data?.items.length ? (
          <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
            {mine.data.items.map((r) => (
              <li key={r.id} className="card">
                <strong>{r.label[lang]}</strong> · {t(`rights.status.${r.status}`)}
                <p>
                  {t('rights.asked')}: <bdi>{r.requested}</bdi> · {fmt.dateTime(r.createdAt)}
                </p>
                <p>{r.reason}</p>
                {r.decisionReason ? <p>{t('rights.decisionBy', { reason: r.decisionReason })}</p> : null}
                {r.evidenceFile ? (
                  <p>
                    {t('rightsEvidence.attached')}:{' '}
                    <a href={`/api/v1/corrections/${r.id}/evidence`} download={r.evidenceFile.fileName}>
                      <bdi>{r.evidenceFile.fileName}</bdi>
                    </a>
                  </p>
                ) : null}
                {r.status === 'pending' ? (
                  <FileUpload
                    url={`/api/v1/me/corrections/${r.id}/evidence`}
                    label={r.evidenceFile ? t('rightsEvidence.replace') : t('rightsEvidence.attach')}
                    accept="application/pdf,image/jpeg,image/png"
                    onDone={() => void qc.invalidateQueries({ queryKey: ['me', 'corrections'] })}
                  />
                ) : null}
                {r.status === 'pending' ? (
                  <button
                    className="btn"
                    type="button"
                    onClick={() => withdraw.mutate(r.id)}
                    disabled={withdraw.isPending}
                  >
                    {t('rights.withdraw')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p role="status">{t('rights.noRequests')}</p>
        )}
      </section>
    </Page>
  );
}
