import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Role } from '../api/client';
import { FormAlert } from '../components/FormAlert';
import { Loading, Page } from '../components/Page';
import { useMe } from './session';

/** Shows its children to a logged-in person (of one of `roles`, when given); others go to login. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <FormAlert error={me.error} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !roles.includes(me.data.role)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.body')}</p>
      </Page>
    );
  }
  return <>{children}</>;
}
