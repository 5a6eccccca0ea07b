import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { type Grant, type Jv, today, toMinor, useMoney } from './fund-lib';
import { GrantDetail } from './GrantDetail';
import { AppealsCard, GrantFiles } from './GrantFiles';
import { InvestorForm } from './InvestorForm';
import { JvCard } from './JvCard';
import { MiniForm } from './MiniForm';
import { JvForm, RuleSetForm } from './StaffSetupForms';
import { StartupsCard } from './StartupsCard';
import './fund.i18n';
import './fund-files.i18n';
import './fund.css';

const ALL = ['fund-staff'];
const CONDITIONS = ['moved_abroad', 'misuse', 'false_statement', 'other'] as const;

function Investors() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: [...ALL, 'investors'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/investors')),
  });
  const verify = useMutation({
    mutationFn: (v: { id: string; decision: 'verified' | 'rejected' }) =>
      unwrap(
        api.POST('/api/v1/fund/investors/{id}/verification', {
          params: { path: { id: v.id } },
          body: { decision: v.decision },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ALL }),
  });
  const pending = (list.data ?? []).filter((i) => i.status === 'pending');
  return (
    <section aria-labelledby="fund-verify">
      <h2 id="fund-verify">{t('fund.toVerify')}</h2>
      <FormAlert error={verify.error} />
      {pending.length === 0 ? <p>{t('fund.none')}</p> : null}
      <ul className="fund-list">
        {pending.map((i) => (
          <li key={i.id} className="card">
            <strong>{`${i.name} (${i.jurisdiction})`}</strong> · {i.registrationNo} · {i.evidence}
            <div className="fund-actions">
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => verify.mutate({ id: i.id, decision: 'verified' })}
              >
                {t('fund.verify')}
              </button>
              <button
                type="button"
                className="btn btn--danger"
                onClick={() => verify.mutate({ id: i.id, decision: 'rejected' })}
              >
                {t('fund.refuse')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function StaffActions({ g }: { g: Grant }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: ALL });
  const accept = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/fund/arrivals/{id}/review', {
          params: { path: { id } },
          body: { decision: 'accepted' },
        }),
      ),
    onSuccess: done,
  });
  const pay = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/fund/grants/{id}/tranches', {
          params: { path: { id: g.id } },
          headers: { 'idempotency-key': crypto.randomUUID() },
          body: { paidOn: today() },
        }),
      ),
    onSuccess: done,
  });
  const path = { params: { path: { id: g.id } } };
  if (g.status === 'submitted')
    return (
      <MiniForm
        id={`fund-decide-${g.id}`}
        submit={t('fund.approve')}
        refresh={[ALL]}
        fields={[
          {
            path: 'decision',
            label: t('fund.stage'),
            kind: 'select',
            options: [
              { value: 'approved', label: t('fund.approve') },
              { value: 'rejected', label: t('fund.reject') },
            ],
          },
          { path: 'reason', label: t('fund.reason') },
        ]}
        send={(v) =>
          unwrap(
            api.POST('/api/v1/fund/grants/{id}/decision', {
              ...path,
              body: { decision: v.decision as 'approved' | 'rejected', reason: v.reason! },
            }),
          )
        }
      />
    );
  if (g.status !== 'approved') return null;
  const pending = g.arrivals.filter((a) => a.status === 'pending');
  return (
    <>
      <FormAlert error={accept.error ?? pay.error} shown={[]} />
      <div className="fund-actions">
        {pending.map((a) => (
          <button key={a.id} type="button" className="btn" onClick={() => accept.mutate(a.id)}>
            {`${t('fund.accept')}: ${a.investorName}`}
          </button>
        ))}
        {g.entitledMinor > g.paidMinor ? (
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => pay.mutate()}
            data-testid="fund-pay"
          >
            {t('fund.pay')}
          </button>
        ) : null}
      </div>
      <details>
        <summary>{t('fund.recover')}</summary>
        <MiniForm
          id={`fund-recover-${g.id}`}
          submit={t('fund.recover')}
          refresh={[ALL]}
          fields={[
            {
              path: 'condition',
              label: t('fund.reason'),
              kind: 'select',
              options: CONDITIONS.map((c) => ({ value: c, label: t(`fund.conditionKind.${c}`) })),
            },
            { path: 'reason', label: t('fund.comment') },
          ]}
          send={(v) =>
            unwrap(
              api.POST('/api/v1/fund/grants/{id}/recovery', {
                ...path,
                body: { condition: v.condition as (typeof CONDITIONS)[number], reason: v.reason! },
              }),
            )
          }
        />
      </details>
    </>
  );
}

function JvActions({ jv }: { jv: Jv }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t('fund.jvMovement')}</summary>
      <MiniForm
        id={`fund-jv-${jv.id}`}
        submit={t('fund.record')}
        refresh={[ALL]}
        fields={[
          {
            path: 'kind',
            label: t('fund.stage'),
            kind: 'select',
            options: (['call', 'distribution', 'valuation', 'exit'] as const).map((k) => ({
              value: k,
              label: t(`fund.kind.${k}`),
            })),
          },
          { path: 'onDate', label: t('fund.onDate'), kind: 'date', initial: today() },
          { path: 'amountMinor', label: t('fund.amountIn', { currency: jv.currency }) },
        ]}
        send={(v) =>
          unwrap(
            api.POST('/api/v1/fund/joint-ventures/{id}/movements', {
              params: { path: { id: jv.id } },
              headers: { 'idempotency-key': crypto.randomUUID() },
              body: { kind: v.kind as 'call', onDate: v.onDate!, amountMinor: toMinor(v.amountMinor!) },
            }),
          )
        }
      />
    </details>
  );
}

/** Staff: verify investors, decide, accept arrivals, pay, recover; rates, envelopes and joint ventures. */
export default function StaffFundPage() {
  const { t } = useTranslation();
  const m = useMoney();
  const grants = useQuery({
    queryKey: [...ALL, 'grants'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/grants', { params: { query: { scope: 'all' } } })),
  });
  const jvs = useQuery({
    queryKey: [...ALL, 'jv'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/joint-ventures')),
  });
  const rates = useQuery({
    queryKey: [...ALL, 'rates'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/fx-rates')),
  });
  const budgets = useQuery({
    queryKey: [...ALL, 'budgets'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/budgets')),
  });
  if (!grants.data || !jvs.data || !rates.data || !budgets.data) return <Loading />;
  return (
    <Page title={t('fund.manage')} wide>
      <Investors />
      <details>
        <summary>{t('fund.investorForm.title')}</summary>
        <InvestorForm refresh={[ALL]} />
      </details>
      <StartupsCard />
      <AppealsCard />
      <h2>{t('fund.applications')}</h2>
      <ul className="fund-list">
        {grants.data.map((g) => (
          <GrantDetail key={g.id} g={g}>
            <StaffActions g={g} />
            <GrantFiles g={g} canUpload={false} staff />
          </GrantDetail>
        ))}
      </ul>
      <h2>{t('fund.jv')}</h2>
      {jvs.data.map((j) => (
        <JvCard key={j.id} jv={j}>
          <JvActions jv={j} />
        </JvCard>
      ))}
      <JvForm refresh={[ALL]} />
      <h2>{t('fund.budgets')}</h2>
      <ul>
        {budgets.data.map((b) => (
          <li
            key={b.fiscalYear}
          >{`${b.label}: ${m.pkr(b.committedPkrMinor)} / ${m.pkr(b.envelopePkrMinor)} · ${t('fund.left')} ${m.pkr(b.leftPkrMinor)}`}</li>
        ))}
      </ul>
      <MiniForm
        id="fund-budget"
        submit={t('fund.setBudget')}
        refresh={[ALL]}
        fields={[
          {
            path: 'fiscalYear',
            label: t('fund.fiscalYear'),
            initial: String(new Date().getFullYear() - (new Date().getMonth() < 6 ? 1 : 0)),
          },
          { path: 'envelopePkrMinor', label: t('fund.envelopePkr') },
        ]}
        send={(v) =>
          unwrap(
            api.PUT('/api/v1/fund/budgets', {
              body: { fiscalYear: Number(v.fiscalYear), envelopePkrMinor: toMinor(v.envelopePkrMinor!) },
            }),
          )
        }
      />
      <RuleSetForm refresh={[ALL]} />
      <h2>{t('fund.rates')}</h2>
      <p>
        {rates.data
          .slice(0, 5)
          .map((r) => `${m.date(r.onDate)}: ${r.currency} ${r.rate}`)
          .join(' · ')}
      </p>
      <MiniForm
        id="fund-rate"
        submit={t('fund.addRate')}
        refresh={[ALL]}
        fields={[
          {
            path: 'currency',
            label: t('fund.currency'),
            kind: 'select',
            options: ['USD', 'EUR', 'GBP', 'AED', 'SAR'].map((c) => ({ value: c, label: c })),
          },
          { path: 'onDate', label: t('fund.onDate'), kind: 'date', initial: today() },
          { path: 'rate', label: t('fund.rateValue') },
          { path: 'source', label: t('fund.source'), initial: 'State Bank of Pakistan' },
        ]}
        send={(v) =>
          unwrap(
            api.POST('/api/v1/fund/fx-rates', {
              body: {
                currency: v.currency as 'USD' | 'EUR' | 'GBP' | 'AED' | 'SAR',
                onDate: v.onDate!,
                rate: v.rate!,
                source: v.source!,
              },
            }),
          )
        }
      />
    </Page>
  );
}
