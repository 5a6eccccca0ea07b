import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import './audit-log.i18n';

/** The log's head: the latest signed tree head and which witnesses vouch for it (public data; the auditor's page and /log). */
export function LogHeadPanel({ linkToCheck = true }: { linkToCheck?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const current = useQuery({
    queryKey: ['audit', 'tree-head'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/tree-head')),
  });
  const witnesses = useQuery({
    queryKey: ['audit', 'witnesses'],
    queryFn: () => unwrap(api.GET('/api/v1/audit/witnesses')),
  });
  const head = current.data?.head;
  const vouched = new Set(current.data?.cosignatures.map((c) => c.witnessKeyId));
  return (
    <section aria-labelledby="head-h" className="card" data-testid="log-head">
      <h2 id="head-h">{t('auditLog.headTitle')}</h2>
      <FormAlert error={current.error ?? witnesses.error} />
      {current.isPending ? (
        <Loading />
      ) : !head ? (
        <p>{t('auditLog.headNone')}</p>
      ) : (
        <dl className="proof-facts">
          <dt>{t('auditLog.size')}</dt>
          <dd>{fmt.number(head.treeSize)}</dd>
          <dt>{t('auditLog.root')}</dt>
          <dd>
            <code className="hash" dir="ltr">
              {head.rootHash}
            </code>
          </dd>
          <dt>{t('auditLog.signedAt')}</dt>
          <dd>{fmt.dateTime(head.timestamp)}</dd>
          <dt>{t('auditLog.key')}</dt>
          <dd>
            <code dir="ltr">{head.keyId}</code>
          </dd>
        </dl>
      )}
      <h3>{t('auditLog.witnessesTitle')}</h3>
      {witnesses.data?.length ? (
        <ul className="plain-list">
          {witnesses.data.map((w) => (
            <li key={w.keyId}>
              <span aria-hidden="true">{vouched.has(w.keyId) ? '✓' : '…'}</span> {w.name}{' '}
              <code dir="ltr">{w.keyId}</code> —{' '}
              {vouched.has(w.keyId) ? t('auditLog.witnessVouched') : t('auditLog.witnessNotYet')}
            </li>
          ))}
        </ul>
      ) : witnesses.isPending ? null : (
        <p>{t('auditLog.witnessesNone')}</p>
      )}
      {linkToCheck ? (
        <p>
          <Link to="/log">{t('auditLog.checkPublic')}</Link>
        </p>
      ) : null}
    </section>
  );
}
