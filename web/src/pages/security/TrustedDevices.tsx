import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './security.i18n';

const KEY = ['my-trusted-devices'];

/** The browsers that skip the code at sign-in (decision 0077): each, or all, can be forgotten. */
export function TrustedDevices() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/me/trusted-devices')) });
  const forget = useMutation({
    mutationFn: (id: string | null) =>
      id
        ? unwrap(api.DELETE('/api/v1/me/trusted-devices/{id}', { params: { path: { id } } }))
        : unwrap(api.DELETE('/api/v1/me/trusted-devices')),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  if (list.isPending) return <Loading />;
  const data = list.data;
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t('trustedDevices.title')}</h2>
      <FormAlert error={list.error ?? forget.error} />
      {data ? (
        <p>
          {data.offeredDays
            ? t('trustedDevices.lead', { count: data.offeredDays })
            : t('trustedDevices.notOffered')}
        </p>
      ) : null}
      {data?.devices.length ? (
        <>
          <ScrollTable label={t('trustedDevices.title')}>
            <thead>
              <tr>
                <th scope="col">{t('trustedDevices.device')}</th>
                <th scope="col">{t('trustedDevices.trusted')}</th>
                <th scope="col">{t('trustedDevices.lastUsed')}</th>
                <th scope="col">{t('trustedDevices.until')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('trustedDevices.forget')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.devices.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.device}
                    {d.address ? (
                      <>
                        {' '}
                        <span dir="ltr">({d.address})</span>
                      </>
                    ) : null}
                  </td>
                  <td>{fmt.dateTime(d.createdAt)}</td>
                  <td>{d.lastUsedAt ? fmt.dateTime(d.lastUsedAt) : t('trustedDevices.notYet')}</td>
                  <td>{fmt.dateTime(d.expiresAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn"
                      disabled={forget.isPending}
                      onClick={() => forget.mutate(d.id)}
                    >
                      {t('trustedDevices.forget')}
                      <span className="visually-hidden"> {d.device}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <p>
            <button
              type="button"
              className="btn btn--danger"
              disabled={forget.isPending}
              onClick={() => {
                if (window.confirm(t('trustedDevices.confirmAll'))) forget.mutate(null);
              }}
            >
              {t('trustedDevices.forgetAll')}
            </button>
          </p>
        </>
      ) : (
        <p>{t('trustedDevices.none')}</p>
      )}
    </section>
  );
}
