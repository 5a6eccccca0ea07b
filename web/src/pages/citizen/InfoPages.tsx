import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import './citizen.i18n';
import './citizen.css';

type Section = { h: string; p: string[] };

/** A page of headed sections from the strings (privacy, terms, accessibility). */
function SectionsPage({ ns }: { ns: 'privacy' | 'terms' | 'access' }) {
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
      {ns === 'terms' ? null : <SectionLinks ns={ns} />}
      {ns === 'access' ? <p className="info-section">{t('cz.access.reviewed')}</p> : null}
    </Page>
  );
}

/**
 * Where to act on the page: each privacy right (signed-in pages: a visitor is asked to sign in
 * first), or where to report an accessibility problem.
 */
function SectionLinks({ ns }: { ns: 'privacy' | 'access' }) {
  const { t } = useTranslation();
  const links = t(`cz.${ns}.links`, { returnObjects: true }) as { to: string; label: string }[];
  return (
    <section className="info-section" aria-labelledby="section-links-h">
      <h2 id="section-links-h">{t(`cz.${ns}.linksH`)}</h2>
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

export function AccessibilityPage() {
  return <SectionsPage ns="access" />;
}

/** Help and FAQ: each question a disclosure, so a phone shows the list first. */
export function FaqPage() {
  const { t } = useTranslation();
  const items = t('cz.faq.items', { returnObjects: true }) as {
    q: string;
    a: string;
    link?: { to: string; label: string };
  }[];
  return (
    <Page title={t('cz.faq.title')}>
      <p className="lead">{t('cz.faq.intro')}</p>
      <div className="faq">
        {Array.isArray(items)
          ? items.map((i) => (
              <details key={i.q} className="card">
                <summary>{i.q}</summary>
                <p>{i.a}</p>
                {i.link ? (
                  <p>
                    <Link to={i.link.to}>{i.link.label}</Link>
                  </p>
                ) : null}
              </details>
            ))
          : null}
      </div>
    </Page>
  );
}
