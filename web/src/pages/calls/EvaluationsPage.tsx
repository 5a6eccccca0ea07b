import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { bi, provinceName, StatusBadge, useT } from './shared';

export default function EvaluationsPage() {
  const t = useT();
  const fmt = useFormat();
  const list = useQuery({ queryKey: ['evaluations'], queryFn: () => unwrap(api.GET('/api/v1/evaluations')) });
  return (
    <Page title={t('inboxTitle')} wide>
      <p>{t('inboxIntro')}</p>
      <FormAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p>{t('inboxEmpty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ScrollTable label={t('inboxTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('reference')}</th>
              <th scope="col">{t('buildingName')}</th>
              <th scope="col">{t('call')}</th>
              <th scope="col">{t('province')}</th>
              <th scope="col">{t('statusCol')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id} data-reference={a.reference}>
                <td dir="ltr">
                  <Link to={`/evaluations/${a.id}`}>{a.reference}</Link>
                </td>
                <td>{a.buildingName}</td>
                <td>{bi({ titleEn: a.callTitleEn, titleUr: a.callTitleUr }, fmt.lang)}</td>
                <td>
                  {provinceName(a.provinceCode, fmt.lang)}
                  {a.cityName ? ` · ${cityName(a, fmt.lang)}` : ''}
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </Page>
  );
}
