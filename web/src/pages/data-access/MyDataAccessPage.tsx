import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { DataAccessTable } from './DataAccessTable';
import './data-access.i18n';

/** The person's own record of who at the programme or a bank looked at their personal data, and why. */
export default function MyDataAccessPage() {
  const { t } = useTranslation();
  const looks = useQuery({
    queryKey: ['me', 'data-access'],
    queryFn: () => unwrap(api.GET('/api/v1/me/data-access', { params: { query: { limit: 200 } } })),
  });
  return (
    <Page title={t('dataAccess.mineTitle')}>
      <p>{t('dataAccess.mineLead')}</p>
      <FormAlert error={looks.error} />
      {looks.isPending ? (
        <Loading />
      ) : looks.data?.items.length ? (
        <DataAccessTable items={looks.data.items} />
      ) : (
        <p role="status">{t('dataAccess.none')}</p>
      )}
    </Page>
  );
}
