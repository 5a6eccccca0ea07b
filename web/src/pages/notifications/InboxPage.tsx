import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { UNREAD_KEY } from './Bell';
import './notifications.i18n';

type Item = components['schemas']['InboxItem'];

function Notice({ item, onRead, busy }: { item: Item; onRead: (id: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const unread = item.readAt === null;
  return (
    <li className={`card notice${unread ? ' notice--unread' : ''}`} data-notice={item.kind}>
      <h2 className="notice-subject">
        {unread ? <span className="badge">{t('notices.new')}</span> : null} {item.subject}
      </h2>
      <p>{item.text}</p>
      <p className="notice-actions">
        <span className="field-hint">{fmt.dateTime(item.createdAt)}</span>
        {item.link ? (
          <Link to={item.link} className="btn btn--small" onClick={() => unread && onRead(item.id)}>
            {t('notices.open')}
          </Link>
        ) : null}
        {unread ? (
          <button type="button" className="btn btn--small" onClick={() => onRead(item.id)} disabled={busy}>
            {t('notices.markRead')}
          </button>
        ) : null}
      </p>
    </li>
  );
}

/** My in-app notices, newest first: mark one or all read, open what each is about. */
export default function InboxPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const inbox = useInfiniteQuery({
    queryKey: ['notifications', 'inbox'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/notifications/inbox', {
          params: { query: { limit: 30, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/inbox/{id}/read', { params: { path: { id } } })),
    onSuccess: (r) => {
      qc.setQueryData(UNREAD_KEY, r);
      refresh();
    },
  });
  const readAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/inbox/read-all')),
    onSuccess: refresh,
  });
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = inbox.data?.pages[0]?.unread ?? 0;
  return (
    <Page title={t('notices.inboxTitle')}>
      <p>{t('notices.inboxLead')}</p>
      <p className="notice-actions">
        <Link to="/notifications/preferences">{t('notices.preferencesLink')}</Link>
        {unread > 0 ? (
          <>
            <span>{t('notices.unread', { count: unread })}</span>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => readAll.mutate()}
              disabled={readAll.isPending}
            >
              {t('notices.markAllRead')}
            </button>
          </>
        ) : null}
      </p>
      <FormAlert error={inbox.error ?? read.error ?? readAll.error} />
      {inbox.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('notices.none')}</p>
      ) : (
        <ul className="notice-list">
          {items.map((item) => (
            <Notice key={item.id} item={item} onRead={(id) => read.mutate(id)} busy={read.isPending} />
          ))}
        </ul>
      )}
      {inbox.hasNextPage ? (
        <div className="pager">
          <button
            type="button"
            className="btn"
            onClick={() => inbox.fetchNextPage()}
            disabled={inbox.isFetchingNextPage}
          >
            {inbox.isFetchingNextPage ? t('common.wait') : t('notices.older')}
          </button>
        </div>
      ) : null}
    </Page>
  );
}
