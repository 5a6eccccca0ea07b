import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type components, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import '../security/security.i18n';

type ApiKey = components['schemas']['ApiKey'];

/** The first wrong address, named: "10.0.0.0/40: must be an IPv4 or IPv6 address or CIDR block". */
export function addressError(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const issue = error.fields.find((f) => f.path.startsWith('allowedCidrs'));
  return issue ? fieldError(error, issue.path) : undefined;
}

/** Addresses typed one per line (or with commas or spaces) as the API's list. */
export const addressList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** The end of the chosen day in Pakistan (the programme's time zone), or no expiry. */
export const endOfDay = (date: string) => (date ? `${date}T23:59:59+05:00` : null);

/** The day (in Pakistan) a key expires on, for the date field. */
const dayOf = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 5 * 3600_000).toISOString().slice(0, 10) : '';

/** "Edit limits" of one existing key: its addresses and expiry, replaced as a whole. */
export function ApiKeyLimitsForm({ apiKey, onDone }: { apiKey: ApiKey; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [addresses, setAddresses] = useState(apiKey.allowedCidrs.join('\n'));
  const [expires, setExpires] = useState(dayOf(apiKey.expiresAt));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/api-keys/{id}/limits', {
          params: { path: { id: apiKey.id } },
          body: { allowedCidrs: addressList(addresses), expiresAt: endOfDay(expires) },
        }),
      ),
    onSuccess: () => onDone(true),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const wrong = addressError(save.error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="limits-title">
      <h2 id="limits-title">{t('apiKeyEdit.title', { name: apiKey.name })}</h2>
      <p>{t('apiKeyEdit.lead')}</p>
      <FormAlert error={save.error} />
      <div className={`field${wrong ? ' field--invalid' : ''}`}>
        <label htmlFor="limits-addresses">{t('apiKeyLimits.addresses')}</label>
        <p className="field-hint" id="limits-addresses-hint">
          {t('apiKeyLimits.addressesHint')}
        </p>
        <textarea
          id="limits-addresses"
          dir="ltr"
          rows={3}
          aria-describedby={`limits-addresses-hint${wrong ? ' limits-addresses-error' : ''}`}
          aria-invalid={wrong ? true : undefined}
          value={addresses}
          onChange={(e) => setAddresses(e.target.value)}
        />
        {wrong ? (
          <p className="field-error" id="limits-addresses-error">
            {wrong}
          </p>
        ) : null}
      </div>
      <TextField
        id="limits-expires"
        type="date"
        label={t('apiKeyLimits.expires')}
        hint={t('apiKeyLimits.expiresHint')}
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
        error={fieldError(save.error, 'expiresAt')}
      />
      <div className="actions">
        <button className="btn btn--primary" type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.wait') : t('apiKeyEdit.save')}
        </button>
        <button className="btn" type="button" onClick={() => onDone(false)}>
          {t('apiKeyEdit.cancel')}
        </button>
      </div>
    </form>
  );
}
