import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';

/** A bank officer's key for the holder hash, shown only when asked (each showing is audited). */
export function HolderKey() {
  const { t } = useTranslation();
  const show = useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/remittances/bank/holder-key')),
  });
  const k = show.data;
  return (
    <section className="card" aria-labelledby="remit-holder">
      <h2 id="remit-holder">{t('remit.holderTitle')}</h2>
      <p>{t('remit.holderIntro')}</p>
      <FormAlert error={show.error} />
      {k ? (
        <dl className="remit-key">
          <dt>{t('remit.holderKey')}</dt>
          <dd dir="ltr" data-testid="holder-key">
            <code>{k.keyHex}</code>
          </dd>
          <dd className="field-hint">
            {t('remit.holderExample', { cnic: k.example.cnic, hash: k.example.holderHash })}
          </dd>
        </dl>
      ) : (
        <button type="button" className="btn" onClick={() => show.mutate()} disabled={show.isPending}>
          {t('remit.holderShow')}
        </button>
      )}
    </section>
  );
}
