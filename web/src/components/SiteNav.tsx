import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';

export type SiteNavItem = {
  to: string;
  label: string;
  /** Match the path exactly (when another entry sits beneath it, e.g. Loans and Loan portfolio). */
  end?: boolean;
};

/**
 * The site's main menu. From 48rem up it is one row under the header; on a phone it folds
 * behind a Menu button (a disclosure: aria-expanded, aria-controls) and closes again when the
 * reader follows a link. Staff tools are not listed one by one: the shell passes a single
 * "Administration" entry that leads to them, so the menu stays short (decision 0032).
 */
export function SiteNav({ label, items }: { label: string; items: SiteNavItem[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const { pathname } = useLocation();

  // A followed link closes the menu on a phone, so the page it opened is what the reader sees.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the path changes
  useEffect(() => setOpen(false), [pathname]);

  return (
    <nav className={`site-nav${open ? ' site-nav--open' : ''}`} aria-label={label}>
      <button
        type="button"
        className="btn btn--ghost site-nav__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="site-nav__icon" aria-hidden="true">
          {open ? '✕' : '☰'}
        </span>
        {t('kit.menu')}
      </button>
      <ul className="site-nav__list" id={listId}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
