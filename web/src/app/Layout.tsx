import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { SiteNav, type SiteNavItem } from '../components/SiteNav';
import { currentLang } from '../i18n';
import { CITIZEN_LINKS } from '../pages/citizen/routes';
import { NotificationBell } from '../pages/notifications/Bell';
import { AREAS } from './all-areas';
import { adminItems } from './core-nav';
import { useLogout, useMe, useSwitchLanguage } from './session';

const MENU_PATHS = AREAS.flatMap((a) => a.nav.map((n) => n.to));

function LanguageButton() {
  const { t } = useTranslation();
  const switchLang = useSwitchLanguage();
  const next = currentLang() === 'ur' ? 'en' : 'ur';
  return (
    <button
      type="button"
      className="btn btn--ghost lang-switch"
      onClick={() => switchLang.mutate(next)}
      aria-label={t('nav.switchLanguageLabel')}
      disabled={switchLang.isPending}
    >
      <span lang={next} dir={next === 'ur' ? 'rtl' : 'ltr'}>
        {next === 'ur' ? 'اردو' : 'English'}
      </span>
    </button>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  // After client-side navigation, move focus to the new page so keyboard and screen reader
  // users start at its content, as they would after a full page load.
  // Compare with the path last shown (not a first-run flag) so StrictMode's double effects in
  // development do not steal focus on the first page.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    const h1 = mainRef.current?.querySelector('h1');
    (h1 ?? mainRef.current)?.focus({ preventScroll: false });
  }, [location.pathname]);

  const lang = currentLang();
  const areaItems: SiteNavItem[] = AREAS.flatMap((a) => a.nav)
    .filter((item) => item.group !== 'admin' && item.show(me?.role ?? null))
    // Exact match when another entry sits beneath it (Loans vs Loan portfolio).
    .map((item) => ({
      to: item.to,
      label: lang === 'ur' ? item.ur : item.en,
      end: MENU_PATHS.some((p) => p.startsWith(`${item.to}/`)),
    }));
  // Home (or the dashboard) first, the areas, then the person's own places; staff tools sit
  // behind one Administration entry.
  const navItems: SiteNavItem[] = me
    ? [
        { to: '/dashboard', label: t('nav.dashboard') },
        ...areaItems,
        ...(adminItems(me.role).length ? [{ to: '/admin', label: t('nav.admin') }] : []),
        { to: '/profile', label: t('nav.profile') },
      ]
    : [
        { to: '/', label: t('nav.home'), end: true },
        ...areaItems,
        { to: '/register', label: t('nav.register') },
      ];

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login?bye=1') });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-row">
          <Link to={me ? '/dashboard' : '/'} className="brand">
            <span lang="en" dir="ltr">
              Markaz
            </span>
            <span aria-hidden="true"> / </span>
            <span lang="ur" dir="rtl" className="brand-ur">
              مرکز
            </span>
          </Link>
          <div className="header-actions">
            <LanguageButton />
            {me ? <NotificationBell /> : null}
            {me ? (
              <button type="button" className="btn btn--ghost" onClick={onLogout} disabled={logout.isPending}>
                {t('nav.logout')}
              </button>
            ) : (
              <Link className="btn btn--ghost" to="/login">
                {t('nav.login')}
              </Link>
            )}
          </div>
        </div>
        <SiteNav label={t('nav.label')} items={navItems} />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('footer.programme')}</p>
        <nav aria-label={currentLang() === 'ur' ? 'شہریوں کے لیے' : 'For citizens'}>
          <ul className="footer-links">
            {CITIZEN_LINKS.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{currentLang() === 'ur' ? l.ur : l.en}</Link>
              </li>
            ))}
            <li>
              <a href="/api/docs">{t('footer.apiDocs')}</a>
            </li>
          </ul>
        </nav>
      </footer>
    </>
  );
}
