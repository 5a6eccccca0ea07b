import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import '../security/security.css';
import '../security/security.i18n';
import { useOrganizations } from '../../api/orgs';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { ApiKeyLimitsForm, addressError, addressList, endOfDay } from './ApiKeyLimitsForm';

type ApiKey = components['schemas']['ApiKey'];

function KeysOfBank({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fmt = useFormat();
  const [name, setName] = useState('');
  const [addresses, setAddresses] = useState('');
  const [expires, setExpires] = useState('');
  const [editing, setEditing] = useState<ApiKey | null>(null);
  const key = ['api-keys', organizationId];
  const keys = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/api-keys', { params: { query: { organizationId } } })),
  });
  const create = useMutation({
    mutationFn: () => {
      const allowedCidrs = addressList(addresses);
      const expiresAt = endOfDay(expires);
      return unwrap(
        api.POST('/api/v1/api-keys', {
          body: { organizationId, name, allowedCidrs, ...(expiresAt ? { expiresAt } : {}) },
        }),
      );
    },
    onSuccess: () => {
      setName('');
      setAddresses('');
      setExpires('');
      return qc.invalidateQueries({ queryKey: key });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const onRevoke = (k: ApiKey) => {
    if (window.confirm(t('apiKeys.confirmRevoke', { name: k.name }))) revoke.mutate(k.id);
  };
  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <FormAlert error={keys.error ?? revoke.error} />
      {keys.isPending ? (
        <Loading />
      ) : keys.data?.length ? (
        <ScrollTable label={t('apiKeys.title')}>
          <thead>
            <tr>
              <th scope="col">{t('apiKeys.name')}</th>
              <th scope="col">{t('apiKeys.prefix')}</th>
              <th scope="col">{t('fields.created')}</th>
              <th scope="col">{t('apiKeys.lastUsed')}</th>
              <th scope="col">{t('apiKeyLimits.addresses')}</th>
              <th scope="col">{t('apiKeyLimits.expires')}</th>
              <th scope="col">{t('fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td dir="ltr">
                  <code>{k.prefix}…</code>
                </td>
                <td>{fmt.dateTime(k.createdAt)}</td>
                <td>{k.lastUsedAt ? fmt.dateTime(k.lastUsedAt) : t('apiKeys.never')}</td>
                <td>
                  {k.allowedCidrs.length ? (
                    <span dir="ltr">
                      {k.allowedCidrs.map((c) => (
                        <code key={c} className="cidr">
                          {c}
                        </code>
                      ))}
                    </span>
                  ) : (
                    t('apiKeyLimits.anywhere')
                  )}
                </td>
                <td>
                  {k.expiresAt
                    ? `${fmt.dateTime(k.expiresAt)}${new Date(k.expiresAt) <= new Date() ? ` (${t('apiKeyLimits.expired')})` : ''}`
                    : t('apiKeyLimits.never')}
                </td>
                <td>
                  {k.revokedAt ? (
                    t('apiKeys.revokedOn', { date: fmt.dateTime(k.revokedAt) })
                  ) : (
                    <div className="actions">
                      <button type="button" className="btn" onClick={() => setEditing(k)}>
                        {t('apiKeyEdit.edit')}
                        <span className="visually-hidden"> {k.name}</span>
                      </button>
                      <button
                        type="button"
                        className="btn btn--danger"
                        onClick={() => onRevoke(k)}
                        disabled={revoke.isPending}
                      >
                        {t('apiKeys.revoke')}
                        <span className="visually-hidden"> {k.name}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p>{t('apiKeys.none')}</p>
      )}
      {editing ? (
        <ApiKeyLimitsForm
          key={editing.id}
          apiKey={editing}
          onDone={(changed) => {
            setEditing(null);
            if (changed) return qc.invalidateQueries({ queryKey: key });
          }}
        />
      ) : null}
      {create.data ? (
        <div className="alert alert--success" role="status">
          <p className="alert-title">{t('apiKeys.created', { name: create.data.apiKey.name })}</p>
          <p>{t('apiKeys.secretOnce')}</p>
          <p>
            <code className="secret" dir="ltr" data-testid="api-secret">
              {create.data.secret}
            </code>
          </p>
          <button type="button" className="btn" onClick={() => create.reset()}>
            {t('apiKeys.secretSaved')}
          </button>
        </div>
      ) : null}
      <form className="form" onSubmit={onCreate} noValidate aria-labelledby="key-new">
        <h2 id="key-new">{t('apiKeys.create')}</h2>
        <FormAlert error={create.error} />
        <TextField
          id="key-name"
          label={t('apiKeys.name')}
          hint={t('apiKeys.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
        />
        <div className={`field${addressError(create.error) ? ' field--invalid' : ''}`}>
          <label htmlFor="key-addresses">{t('apiKeyLimits.addresses')}</label>
          <p className="field-hint" id="key-addresses-hint">
            {t('apiKeyLimits.addressesHint')}
          </p>
          <textarea
            id="key-addresses"
            dir="ltr"
            rows={3}
            aria-describedby={`key-addresses-hint${addressError(create.error) ? ' key-addresses-error' : ''}`}
            aria-invalid={addressError(create.error) ? true : undefined}
            value={addresses}
            onChange={(e) => setAddresses(e.target.value)}
          />
          {addressError(create.error) ? (
            <p className="field-error" id="key-addresses-error">
              {addressError(create.error)}
            </p>
          ) : null}
        </div>
        <TextField
          id="key-expires"
          type="date"
          label={t('apiKeyLimits.expires')}
          hint={t('apiKeyLimits.expiresHint')}
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
          error={fieldError(create.error, 'expiresAt')}
        />
        <button className="btn btn--primary" type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.wait') : t('apiKeys.submit')}
        </button>
      </form>
    </>
  );
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const banks = useOrganizations('bank');
  const [bankId, setBankId] = useState('');
  const chosen = bankId || banks.data?.[0]?.id || '';
  return (
    <Page title={t('apiKeys.title')} wide>
      <p>{t('apiKeys.intro')}</p>
      <FormAlert error={banks.error} />
      {banks.isPending ? (
        <Loading />
      ) : banks.data?.length ? (
        <>
          <SelectField
            id="key-bank"
            label={t('apiKeys.bank')}
            value={chosen}
            onChange={(e) => setBankId(e.target.value)}
          >
            {banks.data.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.code})
              </option>
            ))}
          </SelectField>
          {chosen ? <KeysOfBank key={chosen} organizationId={chosen} /> : null}
        </>
      ) : (
        <p>{t('apiKeys.noBanks')}</p>
      )}
    </Page>
  );
}
