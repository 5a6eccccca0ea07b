import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminItems } from '../../app/core-nav';
import { useMe } from '../../app/session';
import { Page } from '../../components/Page';
import { currentLang } from '../../i18n';

/** The Administration page: every staff tool the reader may use, one line each. */
export default function AdminHomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const ur = currentLang() === 'ur';
  const items = adminItems(me?.role ?? null);
  return (
    <Page title={t('admin.title')}>
      <p>{t('admin.intro')}</p>
      <ul className="admin-tools">
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>{ur ? item.ur : item.en}</Link>
            {item.hint ? <p className="field-hint">{ur ? item.hint.ur : item.hint.en}</p> : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
