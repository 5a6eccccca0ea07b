import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';

type Settings = components['schemas']['BankSigningSettings'];
const KEY = ['remittances', 'signing'];

/** A bank officer's keys for signed requests (RFC 9421) and whether the bank requires them. */
export function SigningKeys() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/remittances/bank/signing')),
  });
  const done = (s: Settings) => qc.setQueryData(KEY, s);
  const [keyId, setKeyId] = useState('');
  const [alg, setAlg] = useState<'ed25519' | 'ecdsa-p256-sha256'>('ed25519');
  const [pem, setPem] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/remittances/bank/signing/keys', { body: { keyId, alg, publicKeyPem: pem } })),
    onSuccess: (s) => {
      done(s);
      setKeyId('');
      setPem('');
    },
  });
  const required = useMutation({
    mutationFn: (value: boolean) =>
      unwrap(api.PUT('/api/v1/remittances/bank/signing/required', { body: { required: value } })),
    onSuccess: done,
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/remittances/bank/signing/keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: done,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const s = settings.data;
  return (
    <section className="card" aria-labelledby="remit-signing">
      <h2 id="remit-signing">{t('remit.signingTitle')}</h2>
      <p>{t('remit.signingIntro', { n: fmt.number(s?.skewSeconds ?? 300) })}</p>
      <FormAlert error={settings.error ?? required.error ?? revoke.error} />
      {s ? (
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={s.required}
              disabled={required.isPending}
              onChange={(e) => required.mutate(e.target.checked)}
            />{' '}
            {t('remit.signingRequired')}
          </label>
          <p className="field-hint">
            {s.required ? t('remit.signingIsRequired') : t('remit.signingIsOptional')}
          </p>
        </div>
      ) : null}
      {s?.keys.length ? (
        <ScrollTable label={t('remit.signingKeys')} stack>
          <thead>
            <tr>
              <th scope="col">{t('remit.signingKeyId')}</th>
              <th scope="col">{t('remit.signingAlg')}</th>
              <th scope="col">{t('remit.signingFingerprint')}</th>
              <th scope="col">{t('remit.status')}</th>
            </tr>
          </thead>
          <tbody>
            {s.keys.map((k) => (
              <tr key={k.id}>
                <th scope="row" data-label={t('remit.signingKeyId')}>
                  <code dir="ltr">{k.keyId}</code>
                </th>
                <td data-label={t('remit.signingAlg')} dir="ltr">
                  {k.alg}
                </td>
                <td data-label={t('remit.signingFingerprint')}>
                  <code className="remit-wrap" dir="ltr">
                    {k.fingerprint}
                  </code>
                </td>
                <td data-label={t('remit.status')}>
                  {k.revokedAt ? (
                    t('remit.signingRevoked', { date: fmt.date(k.revokedAt) })
                  ) : (
                    <button
                      type="button"
                      className="btn"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(k.id)}
                      aria-label={t('remit.signingRevokeKey', { id: k.keyId })}
                    >
                      {t('remit.signingRevoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p>{t('remit.signingNoKeys')}</p>
      )}
      <form onSubmit={submit} noValidate>
        <h3>{t('remit.signingAdd')}</h3>
        <FormAlert error={add.error} />
        <TextField
          id="signingKeyId"
          label={t('remit.signingKeyId')}
          dir="ltr"
          value={keyId}
          onChange={(e) => setKeyId(e.target.value)}
          error={fieldError(add.error, 'keyId')}
        />
        <SelectField
          id="signingAlg"
          label={t('remit.signingAlg')}
          value={alg}
          onChange={(e) => setAlg(e.target.value as typeof alg)}
        >
          <option value="ed25519">Ed25519</option>
          <option value="ecdsa-p256-sha256">ECDSA P-256 (SHA-256)</option>
        </SelectField>
        <div className={`field${fieldError(add.error, 'publicKeyPem') ? ' field--invalid' : ''}`}>
          <label htmlFor="signingPem">{t('remit.signingPem')}</label>
          <textarea
            id="signingPem"
            className="remit-csv"
            dir="ltr"
            aria-describedby={fieldError(add.error, 'publicKeyPem') ? 'signingPem-error' : undefined}
            aria-invalid={fieldError(add.error, 'publicKeyPem') ? true : undefined}
            value={pem}
            onChange={(e) => setPem(e.target.value)}
          />
          {fieldError(add.error, 'publicKeyPem') ? (
            <p className="field-error" id="signingPem-error">
              {fieldError(add.error, 'publicKeyPem')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn--primary" disabled={add.isPending}>
          {t('remit.signingAddSave')}
        </button>
      </form>
    </section>
  );
}
