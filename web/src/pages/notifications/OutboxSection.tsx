import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';

/** The local outbox: each message as it would have been sent, with its headers (admins). */
export function OutboxSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const outbox = useInfiniteQuery({
    queryKey: ['notifications', 'outbox'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/notifications/outbox', {
          params: { query: { limit: 20, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = outbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="outbox-h">
      <h2 id="outbox-h">{t('notices.outboxTitle')}</h2>
      <p>{t('notices.outboxLead')}</p>
      <FormAlert error={outbox.error} />
      {outbox.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('notices.outboxNone')}</p>
      ) : (
        <ul className="notice-list">
          {items.map((m) => (
            <li key={m.messageId} className="card notice" data-outbox={m.channel}>
              <p className="field-hint">
                {t(`notices.channel.${m.channel}`)} · <span dir="ltr">{m.recipient}</span> ·{' '}
                {fmt.dateTime(m.receivedAt)}
              </p>
              {m.subject ? <h3 className="notice-subject">{m.subject}</h3> : null}
              <p className="outbox-text">{m.text}</p>
              <details>
                <summary>{t('notices.showHeaders')}</summary>
                <pre dir="ltr" className="outbox-headers">
                  {Object.entries(m.headers)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('\n')}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      {outbox.hasNextPage ? (
        <div className="pager">
          <button
            type="button"
            className="btn"
            onClick={() => outbox.fetchNextPage()}
            disabled={outbox.isFetchingNextPage}
          >
            {outbox.isFetchingNextPage ? t('common.wait') : t('notices.older')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
