import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { bi, type CallSummary, provinceName, StatusBadge, useT } from './shared';

function CallCard({ call }: { call: CallSummary }) {
  const t = useT();
  const fmt = useFormat();
  // The quotas come with the call itself; cached for the detail page too.
  const detail = useQuery({
    queryKey: ['call', call.id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id: call.id } } })),
  });
  return (
    <li className="card call-card">
      <h2>
        <Link to={`/calls/${call.id}`}>{bi(call, fmt.lang)}</Link>
      </h2>
      <p>
        <StatusBadge status={call.phase} />
      </p>
      <dl className="facts">
        <div>
          <dt>{t('opens')}</dt>
          <dd>{fmt.dateTime(call.opensAt)}</dd>
        </div>
        <div>
          <dt>{t('closes')}</dt>
          <dd>{fmt.dateTime(call.closesAt)}</dd>
        </div>
        <div>
          <dt>{t('centres')}</dt>
          <dd>{fmt.number(call.totalSeats)}</dd>
        </div>
        <div>
          <dt>{t('loanCap')}</dt>
          <dd>{fmt.pkr(call.loanCapMinor)}</dd>
        </div>
        <div>
          <dt>{t('submittedApplications')}</dt>
          <dd>{fmt.number(call.submittedApplications)}</dd>
        </div>
      </dl>
      {detail.data ? (
        <p className="quota-line">
          {t('quotas')}:{' '}
          {detail.data.quotas
            .filter((q) => q.districtId === null)
            .map((q) => `${provinceName(q.provinceCode, fmt.lang)} ${fmt.number(q.seats)}`)
            .join(' · ')}
        </p>
      ) : null}
    </li>
  );
}

export default function CallsListPage() {
  const t = useT();
  const { data: me } = useMe();
  const calls = useQuery({ queryKey: ['calls'], queryFn: () => unwrap(api.GET('/api/v1/calls')) });
  return (
    <Page title={t('listTitle')} wide>
      <p className="lead">{t('listLead')}</p>
      {me?.role === 'program_admin' ? (
        <p>
          <Link className="btn btn--primary" to="/calls/new">
            {t('newCall')}
          </Link>
        </p>
      ) : null}
      <FormAlert error={calls.error} />
      {calls.isPending ? <Loading /> : null}
      {calls.data && calls.data.length === 0 ? <p>{t('noCalls')}</p> : null}
      <ul className="cards call-list">
        {calls.data?.map((c) => (
          <CallCard key={c.id} call={c} />
        ))}
      </ul>
    </Page>
  );
}
