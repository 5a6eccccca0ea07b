import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { Loading, Page } from '../../components/Page';
import { type Grant, today, toMinor, useCities, useMoney } from './fund-lib';
import { GrantDetail } from './GrantDetail';
import { GrantFiles } from './GrantFiles';
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

/** The eligibility rules a refused round broke, in the reader's language. */
function Refusals({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const known = error.fields.filter((f) => f.rule && t(`fund.rule.${f.rule}`, { defaultValue: '' }));
  if (!known.length) return null;
  const pct = (bps: unknown) => String(Number(bps) / 100);
  return (
    <div className="fund-refusals" role="alert" data-testid="fund-refusals">
      <p>{t('fund.refused')}</p>
      <ul>
        {known.map((f) => (
          <li key={f.rule}>
            {t(`fund.rule.${f.rule}`, {
              min: pct(f.params?.minBps),
              actual: pct(f.params?.actualBps),
              max: f.rule === 'grant_cap' ? Number(f.params?.maxMinor) / 100 : pct(f.params?.maxBps),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Apply({ startups }: { startups: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const investors = useQuery({
    queryKey: ['fund-investors'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/investors')),
  });
  const rules = useQuery({ queryKey: ['fund-rules'], queryFn: () => unwrap(api.GET('/api/v1/fund/rules')) });
  const r = rules.data?.[0];
  if (!investors.data) return <Loading />;
  return (
    <section aria-labelledby="fund-apply">
      <h2 id="fund-apply">{t('fund.apply')}</h2>
      {r ? (
        <p className="field-hint">
          {t('fund.rules', {
            d: r.effectiveFrom,
            cap: r.maxGrantMinor / 100,
            share: r.maxGrantShareBps / 100,
            foreign: r.minForeignShareBps / 100,
          })}
        </p>
      ) : null}
      <Refusals error={error} />
      <MiniForm
        id="fund-apply-form"
        submit={t('fund.send')}
        refresh={[MINE]}
        onDone={() => setError(null)}
        fields={[
          {
            path: 'startupId',
            label: t('fund.startup'),
            kind: 'select',
            options: startups.map((s) => ({ value: s.id, label: s.name })),
          },
          {
            path: 'leadInvestorId',
            label: t('fund.lead'),
            kind: 'select',
            options: investors.data.map((i) => ({
              value: i.id,
              label: `${i.name} (${i.jurisdiction}) · ${t(`fund.investorStatus.${i.status}`)}`,
            })),
          },
          {
            path: 'currency',
            label: t('fund.currency'),
            kind: 'select',
            options: ['USD', 'EUR', 'GBP', 'AED', 'SAR'].map((c) => ({ value: c, label: c })),
          },
          { path: 'investors.0.amountMinor', label: t('fund.leadAmount') },
          { path: 'roundMinor', label: t('fund.roundUsd') },
          { path: 'requestedMinor', label: t('fund.requestedUsd') },
          { path: 'documents.0.reference', label: t('fund.termSheet') },
          { path: 'documents.1.reference', label: t('fund.subscription') },
        ]}
        send={async (v) => {
          setError(null);
          try {
            return await unwrap(
              api.POST('/api/v1/fund/grants', {
                body: {
                  startupId: v.startupId!,
                  leadInvestorId: v.leadInvestorId!,
                  currency: v.currency as 'USD' | 'EUR' | 'GBP' | 'AED' | 'SAR',
                  roundMinor: toMinor(v.roundMinor!),
                  requestedMinor: toMinor(v.requestedMinor!),
                  investors: [
                    { investorId: v.leadInvestorId!, amountMinor: toMinor(v['investors.0.amountMinor']!) },
                  ],
                  documents: [
                    { kind: 'term_sheet', reference: v['documents.0.reference']! },
                    { kind: 'subscription_agreement', reference: v['documents.1.reference']! },
                  ],
                },
              }),
            );
          } catch (e) {
            setError(e);
            throw e;
          }
        }}
      />
    </section>
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
      {startups.data.length ? <Apply startups={startups.data} /> : null}
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
