import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';

/** Lines refused because the account's holder is not the person who consented. */
export function HolderMismatches() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useQuery({
    queryKey: ['remittances', 'mismatches'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/staff/holder-mismatches')),
  });
  return (
    <section aria-labelledby="remit-mismatches">
      <h2 id="remit-mismatches">{t('remit.mismatches')}</h2>
      <p>{t('remit.mismatchesIntro')}</p>
      <FormAlert error={list.error} />
      {list.data?.length === 0 ? <p>{t('remit.noMismatches')}</p> : null}
      {list.data?.length ? (
        <ScrollTable label={t('remit.mismatches')} stack>
          <thead>
            <tr>
              <th scope="col">{t('remit.name')}</th>
              <th scope="col">{t('remit.bank')}</th>
              <th scope="col">{t('remit.month')}</th>
              <th scope="col">{t('remit.reportedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td data-label={t('remit.bank')}>{m.bankCode}</td>
                <td data-label={t('remit.month')}>{m.month}</td>
                <td data-label={t('remit.reportedAt')}>{fmt.dateTime(m.reportedAt)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}

function IbanCodeForm({ bank }: { bank: { id: string; name: string; ibanCode: string | null } }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [code, setCode] = useState(bank.ibanCode ?? '');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/remittances/banks/{id}/iban-code', {
          params: { path: { id: bank.id } },
          body: { ibanCode: code.trim().toUpperCase() },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['remittances', 'banks'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const id = `iban-code-${bank.id}`;
  const error = fieldError(save.error, 'ibanCode');
  return (
    <form className="remit-code" onSubmit={submit} noValidate>
      <label htmlFor={id}>{bank.name}</label>
      <input
        id={id}
        dir="ltr"
        maxLength={4}
        value={code}
        placeholder={t('remit.ibanCodeNone')}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" className="btn" disabled={save.isPending}>
        {t('remit.ibanCodeSave')}
      </button>
      {error ? <p className="field-error">{error}</p> : null}
      {save.error && !error ? <FormAlert error={save.error} /> : null}
    </form>
  );
}

/** Staff record each partner bank's IBAN code, which a consent's account must carry. */
export function BankIbanCodes() {
  const { t } = useTranslation();
  const banks = useQuery({
    queryKey: ['remittances', 'banks'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/banks')),
  });
  return (
    <section aria-labelledby="remit-codes">
      <h2 id="remit-codes">{t('remit.bankCodes')}</h2>
      <p>{t('remit.bankCodesIntro')}</p>
      <FormAlert error={banks.error} />
      {(banks.data ?? []).map((b) => (
        <IbanCodeForm key={b.id} bank={b} />
      ))}
    </section>
  );
}
