import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { DeadLetters, ErrorText, StatusText } from '../../components/DeadLetters';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { useKindLabel } from './kind-label';
import { OutboxSection } from './OutboxSection';

type Item = components['schemas']['NoticeLogItem'];

function LogTable({
  items,
  label,
  onRetry,
}: {
  items: Item[];
  label: string;
  onRetry?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const kind = useKindLabel();
  return (
    <ScrollTable label={label} stack>
      <thead>
        <tr>
          <th scope="col">{t('notices.col.kind')}</th>
          <th scope="col">{t('notices.col.channel')}</th>
          <th scope="col">{t('notices.col.to')}</th>
          <th scope="col">{t('notices.col.status')}</th>
          <th scope="col">{t('notices.col.attempts')}</th>
          <th scope="col">{t('notices.col.when')}</th>
          <th scope="col">{t('notices.col.error')}</th>
          {onRetry ? <th scope="col">{t('notices.retry')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((n) => (
          <tr key={n.id} data-notice-id={n.id}>
            <td data-label={t('notices.col.kind')}>
              {kind(n.kind)}
              <br />
              <code className="field-hint" title={n.id}>
                {n.id.slice(0, 10)}…
              </code>
            </td>
            <td data-label={t('notices.col.channel')}>
              {t(`notices.channel.${n.channel}`)}
              {n.smsSegments ? ` · ${t('notices.col.segments')} ${fmt.number(n.smsSegments)}` : ''}
            </td>
            <td data-label={t('notices.col.to')} dir="ltr">
              {n.recipient}
            </td>
            <td data-label={t('notices.col.status')}>
              <StatusText dead={n.status === 'dead'}>{t(`notices.status.${n.status}`)}</StatusText>
            </td>
            <td data-label={t('notices.col.attempts')}>{fmt.number(n.attempts)}</td>
            <td data-label={t('notices.col.when')}>{fmt.dateTime(n.createdAt)}</td>
            <td data-label={t('notices.col.error')}>
              <ErrorText text={n.lastError} />
            </td>
            {onRetry ? (
              <td>
                <button type="button" className="btn btn--small" onClick={() => onRetry(n.id)}>
                  {t('notices.retry')}
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** Staff: dead letters with retry, the delivery log, and (admins) the local outbox. */
export default function StaffPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const isAdmin = me?.role === 'program_admin';
  const qc = useQueryClient();
  const dead = useQuery({
    queryKey: ['notifications', 'log', 'dead'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/notifications/log', { params: { query: { status: 'dead', limit: 200 } } })),
  });
  const log = useQuery({
    queryKey: ['notifications', 'log', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications/log', { params: { query: { limit: 100 } } })),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications', 'log'] });
  const retry = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/log/{id}/retry', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const retryAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/log/retry-dead')),
    onSuccess: refresh,
  });
  const deadItems = dead.data?.items ?? [];
  return (
    <Page title={t('notices.staffTitle')} wide>
      <p>{t('notices.staffLead')}</p>
      <DeadLetters
        ns="notices"
        count={deadItems.length}
        pending={dead.isPending}
        error={dead.error ?? retry.error ?? retryAll.error}
        canRetry={isAdmin}
        retryAll={{
          run: () => retryAll.mutate(),
          busy: retryAll.isPending,
          retried: retryAll.data?.retried ?? null,
        }}
      >
        <LogTable
          items={deadItems}
          label={t('notices.deadTitle')}
          {...(isAdmin ? { onRetry: (id: string) => retry.mutate(id) } : {})}
        />
      </DeadLetters>
      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('notices.logTitle')}</h2>
        <FormAlert error={log.error} />
        {log.isPending ? (
          <Loading />
        ) : (
          <LogTable items={log.data?.items ?? []} label={t('notices.logTitle')} />
        )}
      </section>
      {isAdmin ? <OutboxSection /> : <p className="field-hint">{t('notices.adminOnly')}</p>}
    </Page>
  );
}
