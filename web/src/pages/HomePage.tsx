import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../app/session';
import { Page } from '../components/Page';

export function HomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Page title={t('home.title')}>
      <p className="lead">{t('home.lead')}</p>
      <p>{t('home.how')}</p>
      <div className="actions">
        {me ? (
          <Link className="btn btn--primary" to="/dashboard">
            {t('home.toDashboard')}
          </Link>
        ) : (
          <>
            <Link className="btn btn--primary" to="/register">
              {t('home.register')}
            </Link>
            <Link className="btn" to="/login">
              {t('home.login')}
            </Link>
          </>
        )}
      </div>
      <section className="cards" aria-label={t('home.whoLabel')}>
        <article className="card">
          <h2>{t('home.freelancers.title')}</h2>
          <p>{t('home.freelancers.body')}</p>
          <p className="actions">
            <Link to="/centres">{t('front.findDesk')}</Link>
            <Link to="/training">{t('front.findTraining')}</Link>
          </p>
        </article>
        <article className="card">
          <h2>{t('home.owners.title')}</h2>
          <p>{t('home.owners.body')}</p>
          <p className="actions">
            <Link to="/calls">{t('front.seeCalls')}</Link>
            <Link to="/eligibility">{t('front.checkEligibility')}</Link>
          </p>
        </article>
        <article className="card">
          <h2>{t('home.portal.title')}</h2>
          <p>{t('home.portal.body')}</p>
          <Link to="/portal">{t('home.portal.link')}</Link>
        </article>
      </section>
    </Page>
  );
}
