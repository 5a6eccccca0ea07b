import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { Loading, Page } from '../../components/Page';
import { Apply } from './ApplyForm';
import { type Grant, today, toMinor, useCities, useMoney } from './fund-lib';
import { GrantDetail } from './GrantDetail';
import { GrantFiles } from './GrantFiles';
import { InvestorForm } from './InvestorForm';
import { MiniForm } from './MiniForm';
import './fund.i18n';
import './fund-files.i18n';
import './fund.css';

const MINE = ['fund-mine'];
const SECTORS = [
  'fintech',
  'agritech',
  'healthtech',
  'edtech',
  'ecommerce',
  'logistics',
  'saas',
  'climate',
  'other',
] as const;
const STAGES = ['pre_seed', 'seed', 'series_a', 'series_b_plus'] as const;

function RegisterStartup() {
  const { t } = useTranslation();
  const cities = useCities();
  const m = useMoney();
  if (!cities.data) return <Loading />;
  return (
    <MiniForm
      id="fund-startup"
      submit={t('fund.save')}
      refresh={[MINE]}
      fields={[
        { path: 'name', label: t('fund.name') },
        { path: 'incorporationNo', label: t('fund.incorporationNo') },
        { path: 'incorporatedIn', label: t('fund.incorporatedIn'), initial: 'PK' },
        {
          path: 'sector',
          label: t('fund.sector'),
          kind: 'select',
          options: SECTORS.map((s) => ({ value: s, label: t(`fund.sectors.${s}`) })),
        },
        {
          path: 'cityId',
          label: t('fund.cityId'),
          kind: 'select',
          options: cities.data.map((c) => ({
            value: String(c.id),
            label: m.lang === 'ur' && c.nameUr ? c.nameUr : c.nameEn,
          })),
        },
        {
          path: 'stage',
          label: t('fund.startupStage'),
          kind: 'select',
          options: STAGES.map((s) => ({ value: s, label: t(`fund.stageNames.${s}`) })),
        },
        { path: 'founders.0.name', label: t('fund.founderName') },
        { path: 'founders.0.cnic', label: t('fund.founderCnic'), hint: '#####-#######-#' },
      ]}
      send={(v) =>
        unwrap(
          api.POST('/api/v1/fund/startups', {
            body: {
              name: v.name!,
              incorporationNo: v.incorporationNo!,
              incorporatedIn: v.incorporatedIn!.toUpperCase(),
              sector: v.sector as (typeof SECTORS)[number],
              cityId: Number(v.cityId),
              stage: v.stage as (typeof STAGES)[number],
              founders: [{ name: v['founders.0.name']!, cnic: v['founders.0.cnic']! }],
            },
          }),
        )
      }
    />
  );
}

function GrantActions({ g }: { g: Grant }) {
  const { t } = useTranslation();
  if (g.status !== 'approved') return null;
  const foreign = g.investors.filter((i) => i.foreign);
  return (
    <>
      <h4>{t('fund.showProof')}</h4>
      <MiniForm
        id={`fund-arrival-${g.id}`}
        submit={t('fund.save')}
        refresh={[MINE]}
        fields={[
          {
            path: 'investorId',
            label: t('fund.investors'),
            kind: 'select',
            options: foreign.map((i) => ({ value: i.investorId, label: i.name })),
          },
          { path: 'amountMinor', label: t('fund.amountIn', { currency: g.currency }) },
          { path: 'arrivedOn', label: t('fund.arrivedOn'), kind: 'date', initial: today() },
          { path: 'evidence', label: t('fund.evidence') },
        ]}
        send={(v) =>
          unwrap(
            api.POST('/api/v1/fund/grants/{id}/arrivals', {
              params: { path: { id: g.id } },
              body: {
                investorId: v.investorId!,
                amountMinor: toMinor(v.amountMinor!),
                arrivedOn: v.arrivedOn!,
                evidence: v.evidence!,
              },
            }),
          )
        }
      />
      {g.paidMinor > 0 ? (
        <>
          <h4>{t('fund.report')}</h4>
          <MiniForm
            id={`fund-report-${g.id}`}
            submit={t('fund.save')}
            refresh={[MINE]}
            fields={[
              { path: 'quarter', label: t('fund.quarter') },
              { path: 'jobs', label: t('fund.jobs') },
              { path: 'revenuePkrMinor', label: t('fund.revenue') },
              { path: 'exportsUsdMinor', label: t('fund.exports') },
              { path: 'followOnUsdMinor', label: t('fund.followOn'), initial: '0' },
              { path: 'stillInPakistan', label: t('fund.inPakistan'), kind: 'checkbox', initial: 'true' },
            ]}
            send={(v) =>
              unwrap(
                api.POST('/api/v1/fund/grants/{id}/reports', {
                  params: { path: { id: g.id } },
                  body: {
                    quarter: v.quarter!,
                    jobs: Number(v.jobs),
                    revenuePkrMinor: toMinor(v.revenuePkrMinor!),
                    exportsUsdMinor: toMinor(v.exportsUsdMinor!),
                    followOnUsdMinor: toMinor(v.followOnUsdMinor!),
                    stillInPakistan: v.stillInPakistan === 'true',
                  },
                }),
              )
            }
          />
        </>
      ) : null}
    </>
  );
}

/** A founder's startup, their application form (with each refused rule's reason), and their grants. */
export default function FounderPage() {
  const { t } = useTranslation();
  const startups = useQuery({
    queryKey: [...MINE, 'startups'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/startups')),
  });
  const grants = useQuery({
    queryKey: [...MINE, 'grants'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/grants')),
  });
  if (!startups.data || !grants.data) return <Loading />;
  return (
    <Page title={t('fund.mine')}>
      {startups.data.length === 0 ? (
        <p>{t('fund.noStartup')}</p>
      ) : (
        <p>{startups.data.map((s) => s.name).join(' · ')}</p>
      )}
      <details open={startups.data.length === 0}>
        <summary>{t('fund.register')}</summary>
        <RegisterStartup />
      </details>
      <details>
        <summary>{t('fund.investorForm.title')}</summary>
        <InvestorForm />
      </details>
      {startups.data.length ? <Apply startups={startups.data} refresh={MINE} /> : null}
      <ul className="fund-list">
        {grants.data.map((g) => (
          <GrantDetail key={g.id} g={g}>
            <GrantActions g={g} />
            <GrantFiles g={g} canUpload={g.status !== 'recovered' && g.status !== 'rejected'} founder />
          </GrantDetail>
        ))}
      </ul>
    </Page>
  );
}
