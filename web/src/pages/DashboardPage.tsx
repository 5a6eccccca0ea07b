import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Role } from '../api/client';
import { AREAS } from '../app/all-areas';
import { useMe } from '../app/session';
import { Notice } from '../components/FormAlert';
import { Page } from '../components/Page';
import { currentLang } from '../i18n';
import { useFormat } from '../lib/useFormat';

type Action = { key: string; to: string };

/** What each role can do in Markaz today; the rest is listed honestly as not built yet. */
const NOW: Record<Role, Action[]> = {
  freelancer: [{ key: 'profile', to: '/profile' }],
  owner: [{ key: 'profile', to: '/profile' }],
  evaluator: [{ key: 'profile', to: '/profile' }],
  bank_officer: [{ key: 'profile', to: '/profile' }],
  program_admin: [
    { key: 'users', to: '/admin/users' },
    { key: 'createUser', to: '/admin/users/new' },
    { key: 'organizations', to: '/admin/organizations' },
    { key: 'apiKeys', to: '/admin/api-keys' },
    { key: 'audit', to: '/audit' },
    { key: 'profile', to: '/profile' },
  ],
  auditor: [
    { key: 'audit', to: '/audit' },
    { key: 'users', to: '/admin/users' },
    { key: 'profile', to: '/profile' },
  ],
  trainer: [{ key: 'profile', to: '/profile' }],
};

/** What is not built yet for each role, said plainly (the built areas add their own links). */
const LATER: Record<Role, string[]> = {
  freelancer: [],
  owner: [],
  evaluator: [],
  bank_officer: [],
  program_admin: [],
  auditor: [],
  trainer: [],
};

export function DashboardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const fmt = useFormat();
  if (!me) return null;
  return (
    <Page title={t('dashboard.title', { name: me.name })}>
      {params.get('welcome') ? <Notice kind="success">{t('dashboard.welcome')}</Notice> : null}
      <dl className="facts">
        <div>
          <dt>{t('fields.name')}</dt>
          <dd>{me.name}</dd>
        </div>
        <div>
          <dt>{t('fields.role')}</dt>
          <dd data-testid="role">{t(`roles.${me.role}`)}</dd>
        </div>
        <div>
          <dt>{t('fields.organization')}</dt>
          <dd>{me.organizationName ?? t('dashboard.noOrganization')}</dd>
        </div>
        <div>
          <dt>{t('dashboard.memberSince')}</dt>
          <dd>{fmt.date(me.createdAt)}</dd>
        </div>
      </dl>
      <section aria-labelledby="can-now">
        <h2 id="can-now">{t('dashboard.canNow')}</h2>
        <ul className="link-list">
          {AREAS.flatMap((a) => a.nav)
            .filter((item) => item.show(me.role))
            .map((item) => (
              <li key={`area-${item.to}`}>
                <Link to={item.to}>{currentLang() === 'ur' ? item.ur : item.en}</Link>
              </li>
            ))}
          {NOW[me.role].map((a) => (
            <li key={a.key}>
              <Link to={a.to}>{t(`dashboard.now.${a.key}`)}</Link>
            </li>
          ))}
        </ul>
      </section>
      {LATER[me.role].length === 0 ? null : (
        <section aria-labelledby="not-yet">
          <h2 id="not-yet">{t('dashboard.notYet')}</h2>
          <p>{t('dashboard.notYetIntro')}</p>
          <ul className="plain-list">
            {LATER[me.role].map((k) => (
              <li key={k}>
                {t(`dashboard.later.${k}`)} <span className="badge">{t('common.notYetAvailable')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
