import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { currentLang } from '../../i18n';
import { useFormat } from '../../lib/useFormat';

export const UNREAD_KEY = ['notifications', 'unread'] as const;

/**
 * The bell in the header of every page: how many in-app notices are unread, a link to the inbox.
 * Its words are inline (both languages) so it renders before the area's own strings load.
 */
export function NotificationBell() {
  const fmt = useFormat();
  const unread = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread')),
    refetchInterval: 60_000,
  });
  const n = unread.data?.unread ?? 0;
  const ur = currentLang() === 'ur';
  const label = ur
    ? n > 0
      ? `اطلاعات، ${fmt.number(n)} نہ پڑھی گئیں`
      : 'اطلاعات'
    : n > 0
      ? `Notifications, ${n} unread`
      : 'Notifications';
  return (
    <Link to="/notifications" className="btn btn--ghost bell" aria-label={label} title={label}>
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {n > 0 ? (
        <span className="bell-count" data-testid="unread-count">
          {n > 99 ? '99+' : fmt.number(n)}
        </span>
      ) : null}
    </Link>
  );
}
