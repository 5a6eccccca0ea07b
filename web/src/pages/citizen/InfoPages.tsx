import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import './citizen.i18n';
import './citizen.css';

type Section = { h: string; p: string[] };

/** A page of headed sections from the strings (privacy, terms). */
function SectionsPage({ ns }: { ns: 'privacy' | 'terms' }) {
  const { t } = useTranslation();
  const sections = t(`cz.${ns}.sections`, { returnObjects: true }) as Section[];
  return (
    <Page title={t(`cz.${ns}.title`)}>
      <p className="lead">{t(`cz.${ns}.intro`)}</p>
      {Array.isArray(sections)
        ? sections.map((s) => (
            <section key={s.h} className="info-section">
              <h2>{s.h}</h2>
              {s.p.map((para) => (
                <p key={para.slice(0, 40)}>{para}</p>
              ))}
            </section>
          ))
        : null}
      {ns === 'privacy' ? <RightsLinks /> : null}
    </Page>
  );
}

/** Where each right is used (signed-in pages: a visitor is asked to sign in first). */
function RightsLinks() {
  const { t } = useTranslation();
  const links = t('cz.privacy.links', { returnObjects: true }) as { to: string; label: string }[];
  return (
    <section className="info-section" aria-labelledby="rights-links-h">
      <h2 id="rights-links-h">{t('cz.privacy.linksH')}</h2>
      <ul className="link-list">
        {Array.isArray(links)
          ? links.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{l.label}</Link>
              </li>
            ))
          : null}
      </ul>
    </section>
  );
}

export function PrivacyPage() {
  return <SectionsPage ns="privacy" />;
}

export function TermsPage() {
  return <SectionsPage ns="terms" />;
}

/** Help and FAQ: each question a disclosure, so a phone shows the list first. */
export function FaqPage() {
  const { t } = useTranslation();
  const items = t('cz.faq.items', { returnObjects: true }) as { q: string; a: string }[];
  return (
    <Page title={t('cz.faq.title')}>
      <p className="lead">{t('cz.faq.intro')}</p>
      <div className="faq">
        {Array.isArray(items)
          ? items.map((i) => (
              <details key={i.q} className="card">
                <summary>{i.q}</summary>
                <p>{i.a}</p>
              </details>
            ))
          : null}
      </div>
    </Page>
  );
}
