import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { bi, provinceName, StatusBadge, scoreOf, useT } from './shared';

export default function MyApplicationsPage() {
  const t = useT();
  const fmt = useFormat();
  const apps = useQuery({
    queryKey: ['applications'],
    queryFn: () => unwrap(api.GET('/api/v1/applications')),
  });
  return (
    <Page title={t('myTitle')} wide>
      <p>
        {t('myIntro')} <Link to="/calls">{t('seeCalls')}</Link>
      </p>
      <FormAlert error={apps.error} />
      {apps.isPending ? <Loading /> : null}
      {apps.data && apps.data.length === 0 ? <p>{t('noApplications')}</p> : null}
      <ul className="cards call-list">
        {[...(apps.data ?? [])]
          .sort((x, y) => y.updatedAt.localeCompare(x.updatedAt))
          .map((a) => (
            <li key={a.id} className="card" data-reference={a.reference}>
              <h2>
                <Link to={a.status === 'draft' ? `/applications/${a.id}/edit` : `/applications/${a.id}`}>
                  {a.buildingName}
                </Link>
              </h2>
              <p>
                <StatusBadge status={a.status} /> <span dir="ltr">{a.reference}</span>
              </p>
              <dl className="facts">
                <div>
                  <dt>{t('call')}</dt>
                  <dd>{bi({ titleEn: a.callTitleEn, titleUr: a.callTitleUr }, fmt.lang)}</dd>
                </div>
                <div>
                  <dt>{t('province')}</dt>
                  <dd>
                    {provinceName(a.provinceCode, fmt.lang)}
                    {a.cityName ? ` · ${cityName(a, fmt.lang)}` : ''}
                  </dd>
                </div>
                <div>
                  <dt>{t('submittedAt')}</dt>
                  <dd>{a.submittedAt ? fmt.dateTime(a.submittedAt) : t('notSubmitted')}</dd>
                </div>
                {a.scoreMilli !== null ? (
                  <div>
                    <dt>{t('score')}</dt>
                    <dd>{scoreOf(a.scoreMilli)}</dd>
                  </div>
                ) : null}
                {a.rank !== null ? (
                  <div>
                    <dt>{t('rank')}</dt>
                    <dd data-testid="rank">{fmt.number(a.rank)}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          ))}
      </ul>
    </Page>
  );
}
