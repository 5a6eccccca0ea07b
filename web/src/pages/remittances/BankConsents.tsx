import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';

const PAGE = 5000;

/** A bank officer sees whom the bank may report: each consent given to it, live or withdrawn. */
export function BankConsents() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['remittances', 'bank-consents'],
    // The latest changes first; a longer list says so (the API's next link carries the rest).
    queryFn: async () => {
      const res = await api.GET('/api/v1/remittances/bank/consents', { params: { query: { limit: PAGE } } });
      return { rows: await unwrap(Promise.resolve(res)), more: Boolean(res.response.headers.get('link')) };
    },
  });
  const rows = q.data?.rows;
  const live = (rows ?? []).filter((c) => c.status === 'active').length;
  return (
    <section aria-labelledby="remit-bank-consents">
      <h2 id="remit-bank-consents">{t('remit.bankConsents')}</h2>
      <p>{t('remit.bankConsentsIntro')}</p>
      {q.isPending ? <Loading /> : null}
      <FormAlert error={q.error} />
      {rows?.length === 0 ? <p>{t('remit.bankConsentsNone')}</p> : null}
      {rows?.length ? (
        <>
          <p>{t('remit.bankConsentsLive', { n: fmt.number(live) })}</p>
          {q.data?.more ? <p>{t('remit.bankConsentsMore', { n: fmt.number(PAGE) })}</p> : null}
          <ScrollTable label={t('remit.bankConsents')} stack>
            <thead>
              <tr>
                <th scope="col">{t('remit.iban')}</th>
                <th scope="col">{t('remit.holderHashCol')}</th>
                <th scope="col">{t('remit.bankConsentScope')}</th>
                <th scope="col">{t('remit.startsOn')}</th>
                <th scope="col">{t('remit.expiresOn')}</th>
                <th scope="col">{t('remit.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-consent={c.status}>
                  <td data-label={t('remit.iban')} dir="ltr">
                    {c.account}
                  </td>
                  <td data-label={t('remit.holderHashCol')} dir="ltr">
                    <code className="remit-wrap">{c.holderHash ?? '—'}</code>
                  </td>
                  <td data-label={t('remit.bankConsentScope')}>
                    {[t('remit.bankConsentAmount'), ...c.scope.map((s) => t(`remit.scopeItem.${s}`))].join(
                      t('remit.listSep'),
                    )}
                  </td>
                  <td data-label={t('remit.startsOn')}>{fmt.date(c.startsOn)}</td>
                  <td data-label={t('remit.expiresOn')}>{fmt.date(c.expiresOn)}</td>
                  <td data-label={t('remit.status')}>
                    {t(`remit.consentStatus.${c.status}`)}
                    {c.revokedAt ? ` · ${fmt.dateTime(c.revokedAt)}` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
    </section>
  );
}
