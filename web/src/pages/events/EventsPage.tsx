import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { DeadLetters, ErrorText, StatusText } from '../../components/DeadLetters';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './events.i18n';

type Delivery = components['schemas']['EventDelivery'];
const PAGE = 50;

/** The event's name and id, as machines write them. */
function EventCell({ d, label }: { d: Delivery; label: string }) {
  return (
    <td data-label={label} dir="ltr">
      <code>{d.eventName}</code>
      <br />
      <span className="field-hint" title={d.eventId}>
        v{d.eventVersion} · {d.eventId.slice(0, 8)}…
      </span>
    </td>
  );
}

function DeadLetterList({ canRetry }: { canRetry: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const dead = useQuery({
    queryKey: ['events', 'dead'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/events/deliveries', { params: { query: { status: 'dead', limit: 200 } } })),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['events'] });
  const retry = useMutation({
    mutationFn: (d: Delivery) =>
      unwrap(
        api.POST('/api/v1/events/deliveries/{eventId}/{handlerId}/retry', {
          params: { path: { eventId: d.eventId, handlerId: d.handlerId } },
        }),
      ),
    onSuccess: refresh,
  });
  const retryAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/events/deliveries/retry-dead')),
    onSuccess: refresh,
  });
  const rows = dead.data?.items ?? [];
  return (
    <DeadLetters
      ns="events"
      count={rows.length}
      pending={dead.isPending}
      error={dead.error ?? retry.error ?? retryAll.error}
      canRetry={canRetry}
      retryAll={{
        run: () => retryAll.mutate(),
        busy: retryAll.isPending,
        retried: retryAll.data?.retried ?? null,
      }}
    >
      <ScrollTable label={t('events.deadTitle')} stack>
        <thead>
          <tr>
            <th scope="col">{t('events.colEvent')}</th>
            <th scope="col">{t('events.colHandler')}</th>
            <th scope="col">{t('events.colWhen')}</th>
            <th scope="col">{t('events.colAttempts')}</th>
            <th scope="col">{t('events.colError')}</th>
            {canRetry ? <th scope="col">{t('events.retry')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={`${d.eventId}/${d.handlerId}`} data-dead={d.handlerId}>
              <EventCell d={d} label={t('events.colEvent')} />
              <td data-label={t('events.colHandler')} dir="ltr">
                <code>{d.handlerId}</code>
              </td>
              <td data-label={t('events.colWhen')}>{fmt.dateTime(d.occurredAt)}</td>
              <td data-label={t('events.colAttempts')}>{fmt.number(d.attempts)}</td>
              <td data-label={t('events.colError')}>
                <ErrorText text={d.lastError} />
              </td>
              {canRetry ? (
                <td>
                  <button
                    type="button"
                    className="btn btn--small btn--nowrap"
                    aria-label={t('events.retryOne', { handler: d.handlerId, event: d.eventName })}
                    onClick={() => retry.mutate(d)}
                    disabled={retry.isPending}
                  >
                    {t('events.retry')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </DeadLetters>
  );
}

function RecentDeliveries() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const recent = useInfiniteQuery({
    queryKey: ['events', 'recent'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/events/deliveries', {
          params: { query: { limit: PAGE, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const rows = recent.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="recent-h">
      <h2 id="recent-h">{t('events.recentTitle')}</h2>
      <FormAlert error={recent.error} />
      {recent.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('events.recentNone')}</p>
      ) : (
        <ScrollTable label={t('events.recentTitle')} stack>
          <thead>
            <tr>
              <th scope="col">{t('events.colEvent')}</th>
              <th scope="col">{t('events.colHandler')}</th>
              <th scope="col">{t('events.colWhen')}</th>
              <th scope="col">{t('events.colStatus')}</th>
              <th scope="col">{t('events.colAttempts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={`${d.eventId}/${d.handlerId}`}>
                <EventCell d={d} label={t('events.colEvent')} />
                <td data-label={t('events.colHandler')} dir="ltr">
                  <code>{d.handlerId}</code>
                </td>
                <td data-label={t('events.colWhen')}>{fmt.dateTime(d.occurredAt)}</td>
                <td data-label={t('events.colStatus')}>
                  <StatusText dead={d.status === 'dead'}>{t(`events.status.${d.status}`)}</StatusText>
                  {d.status === 'pending' && d.nextAttemptAt ? (
                    <span className="field-hint">
                      {' '}
                      {t('events.next', { when: fmt.dateTime(d.nextAttemptAt) })}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('events.colAttempts')}>{fmt.number(d.attempts)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {recent.hasNextPage ? (
        <div className="pager">
          <button
            type="button"
            className="btn"
            onClick={() => recent.fetchNextPage()}
            disabled={recent.isFetchingNextPage}
          >
            {recent.isFetchingNextPage ? t('common.wait') : t('events.older')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Staff: domain events' deliveries to their handlers; dead letters and retrying them. */
export default function EventsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Page title={t('events.title')} wide>
      <p>{t('events.lead')}</p>
      <DeadLetterList canRetry={me?.role === 'program_admin'} />
      <RecentDeliveries />
    </Page>
  );
}
