import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './audit-log.i18n';
import { Link } from 'react-router';
import { LogHeadPanel } from './LogHeadPanel';

type Verify = components['schemas']['AuditVerifyResult'];
const PAGE = 50;

function short(id: string | null): string {
  return id ? (id.length > 12 ? `${id.slice(0, 8)}…` : id) : '—';
}

function VerifyPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const verify = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/audit/verify')) });
  const r: Verify | undefined = verify.data;
  return (
    <section aria-labelledby="verify-h" className="card">
      <h2 id="verify-h">{t('audit.verifyTitle')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <button
        className="btn btn--primary"
        type="button"
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
      >
        {verify.isPending ? t('common.wait') : t('audit.verify')}
      </button>
      <FormAlert error={verify.error} />
      {r ? (
        <div
          className={`alert ${r.ok ? 'alert--success' : 'alert--error'}`}
          role="status"
          data-testid="verify-result"
        >
          <p className="alert-title">{r.ok ? t('audit.ok') : t('audit.broken')}</p>
          <ul className="plain-list">
            <li>{t('audit.checked', { n: fmt.number(r.checkedEntries) })}</li>
            <li>{t('auditLog.headsChecked', { n: fmt.number(r.headsChecked) })}</li>
            <li>{t('audit.checkpoints', { n: fmt.number(r.checkpointsChecked) })}</li>
            <li>{t('auditLog.ledgerChecked', { n: fmt.number(r.ledgerTransactionsChecked) })}</li>
            <li>{t('audit.unchained', { n: fmt.number(r.unchainedEntries) })}</li>
            {r.lastHash ? (
              <li>
                {t('audit.lastHash')}{' '}
                <code dir="ltr" className="hash">
                  {r.lastHash}
                </code>
              </li>
            ) : null}
          </ul>
          {r.broken ? (
            <p>
              {t('audit.brokenAt', { seq: r.broken.chainSeq, id: r.broken.id ?? '—' })}{' '}
              <span lang="en" dir="ltr">
                {r.broken.reason}
              </span>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [entity, setEntity] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState({ entity: '', action: '' });
  // Proofs exist only for entries under the latest signed head (the same query as the head panel's).
  const head = useQuery({
    queryKey: ['audit', 'tree-head'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/tree-head')),
  });
  const signedSize = head.data?.head?.treeSize ?? 0;
  const entries = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit/entries', {
          params: {
            query: {
              limit: PAGE,
              ...(pageParam ? { beforeId: pageParam } : {}),
              ...(filter.entity ? { entity: filter.entity } : {}),
              ...(filter.action ? { action: filter.action } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
  const onFilter = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ entity: entity.trim(), action: action.trim() });
  };
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('audit.title')} wide>
      <LogHeadPanel />
      <VerifyPanel />
      <search>
        <form className="filters" onSubmit={onFilter}>
          <TextField
            id="audit-entity"
            label={t('audit.entity')}
            hint={t('audit.entityHint')}
            dir="ltr"
            value={entity}
            onChange={(e) => setEntity(e.target.value)}
          />
          <TextField
            id="audit-action"
            label={t('audit.action')}
            hint={t('audit.actionHint')}
            dir="ltr"
            value={action}
            onChange={(e) => setAction(e.target.value)}
          />
          <button className="btn" type="submit">
            {t('common.filter')}
          </button>
        </form>
      </search>
      <FormAlert error={entries.error} />
      {entries.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <ScrollTable label={t('audit.title')}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.seq')}</th>
              <th scope="col">{t('auditLog.proof')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{fmt.number(r.id)}</td>
                <td>{fmt.dateTime(r.occurredAt)}</td>
                <td dir="ltr">
                  {r.actorName ?? r.actorKind} <span title={r.actorId ?? ''}>{short(r.actorId)}</span>
                </td>
                <td dir="ltr">
                  <code>{r.action}</code>
                </td>
                <td dir="ltr">
                  {r.entity} <span title={r.entityId}>{short(r.entityId)}</span>
                </td>
                <td>{r.chainSeq == null ? t('audit.pending') : fmt.number(r.chainSeq)}</td>
                <td>
                  {r.chainSeq == null ? null : r.chainSeq <= signedSize ? (
                    <Link to={`/log?seq=${r.chainSeq}`}>{t('auditLog.proof')}</Link>
                  ) : (
                    <span>{t('auditLog.notYetCovered')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {entries.hasNextPage ? (
        <div className="pager">
          <button
            type="button"
            className="btn"
            onClick={() => entries.fetchNextPage()}
            disabled={entries.isFetchingNextPage}
          >
            {entries.isFetchingNextPage ? t('common.wait') : t('audit.older')}
          </button>
        </div>
      ) : null}
    </Page>
  );
}
