import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { today, toMinor, useMoney } from './fund-lib';
import { MiniForm } from './MiniForm';

// Staff set up the fund: commit to a joint-venture fund with a verified foreign manager, and
// publish an eligibility and decision rule set from a day on (quorum, minimum score, rate age).

/** "30" or "30.5" (percent) → basis points; NaN when it is not a number. */
const toBps = (text: string) => {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : Number.NaN;
};
const toInt = (text: string) => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

export function JvForm({ refresh }: { refresh: readonly unknown[][] }) {
  const { t } = useTranslation();
  const investors = useQuery({
    queryKey: [...refresh[0]!, 'investors'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/investors')),
  });
  const managers = (investors.data ?? []).filter((i) => i.status === 'verified' && i.foreign);
  if (!investors.data) return null;
  return (
    <details className="fund-card">
      <summary>{t('fund.setup.jvTitle')}</summary>
      <MiniForm
        id="fund-jv-form"
        submit={t('fund.setup.commit')}
        refresh={refresh}
        fields={[
          { path: 'name', label: t('fund.setup.jvName') },
          {
            path: 'managerId',
            label: t('fund.setup.manager'),
            kind: 'select',
            options: managers.map((i) => ({ value: i.id, label: `${i.name} (${i.jurisdiction})` })),
          },
          {
            path: 'currency',
            label: t('fund.currency'),
            kind: 'select',
            options: ['USD', 'EUR', 'GBP', 'AED', 'SAR'].map((c) => ({ value: c, label: c })),
          },
          { path: 'commitmentMinor', label: t('fund.setup.commitment') },
          { path: 'foreignRaisedMinor', label: t('fund.setup.foreignRaised'), initial: '0' },
          { path: 'committedOn', label: t('fund.setup.committedOn'), kind: 'date', initial: today() },
        ]}
        send={(v) =>
          unwrap(
            api.POST('/api/v1/fund/joint-ventures', {
              body: {
                name: v.name!,
                managerId: v.managerId!,
                currency: v.currency as 'USD' | 'EUR' | 'GBP' | 'AED' | 'SAR',
                commitmentMinor: toMinor(v.commitmentMinor!),
                foreignRaisedMinor: toMinor(v.foreignRaisedMinor!),
                committedOn: v.committedOn!,
              },
            }),
          )
        }
      />
    </details>
  );
}

export function RuleSetForm({ refresh }: { refresh: readonly unknown[][] }) {
  const { t } = useTranslation();
  const m = useMoney();
  const rules = useQuery({
    queryKey: [...refresh[0]!, 'rules'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/rules')),
  });
  const latest = rules.data?.[0];
  return (
    <section data-testid="fund-rules">
      <h2>{t('fund.setup.rulesTitle')}</h2>
      <p>{t('fund.setup.rulesIntro')}</p>
      <ul>
        {(rules.data ?? []).map((r) => (
          <li key={r.id}>
            {t('fund.setup.ruleLine', {
              from: m.date(r.effectiveFrom),
              max: m.usd(r.maxGrantMinor),
              share: r.maxGrantShareBps / 100,
              foreign: r.minForeignShareBps / 100,
              grants: r.maxGrantsPerStartup,
              quorum: r.quorum,
              minScore: r.minScore,
              age: r.maxRateAgeDays,
            })}
          </li>
        ))}
      </ul>
      {rules.data ? (
        <details className="fund-card">
          <summary>{t('fund.setup.publish')}</summary>
          <MiniForm
            id="fund-rules-form"
            submit={t('fund.setup.publish')}
            refresh={refresh}
            fields={[
              {
                path: 'effectiveFrom',
                label: t('fund.setup.effectiveFrom'),
                hint: t('fund.setup.effectiveFromHint'),
                kind: 'date',
                initial: today(),
              },
              {
                path: 'maxGrantMinor',
                label: t('fund.setup.maxGrant'),
                initial: latest ? String(latest.maxGrantMinor / 100) : '',
              },
              {
                path: 'maxGrantShareBps',
                label: t('fund.setup.maxGrantShare'),
                initial: latest ? String(latest.maxGrantShareBps / 100) : '',
              },
              {
                path: 'minForeignShareBps',
                label: t('fund.setup.minForeignShare'),
                initial: latest ? String(latest.minForeignShareBps / 100) : '',
              },
              {
                path: 'maxGrantsPerStartup',
                label: t('fund.setup.maxGrantsPerStartup'),
                initial: String(latest?.maxGrantsPerStartup ?? 1),
              },
              { path: 'quorum', label: t('fund.setup.quorum'), initial: String(latest?.quorum ?? 2) },
              { path: 'minScore', label: t('fund.setup.minScore'), initial: String(latest?.minScore ?? 50) },
              {
                path: 'maxRateAgeDays',
                label: t('fund.setup.maxRateAgeDays'),
                initial: String(latest?.maxRateAgeDays ?? 7),
              },
              {
                path: 'appealWindowDays',
                label: t('fund.setup.appealWindowDays'),
                initial: String(latest?.appealWindowDays ?? 10),
              },
            ]}
            send={(v) =>
              unwrap(
                api.POST('/api/v1/fund/rules', {
                  body: {
                    effectiveFrom: v.effectiveFrom!,
                    maxGrantMinor: toMinor(v.maxGrantMinor!),
                    maxGrantShareBps: toBps(v.maxGrantShareBps!),
                    minForeignShareBps: toBps(v.minForeignShareBps!),
                    maxGrantsPerStartup: toInt(v.maxGrantsPerStartup!),
                    quorum: toInt(v.quorum!),
                    minScore: toInt(v.minScore!),
                    maxRateAgeDays: toInt(v.maxRateAgeDays!),
                    appealWindowDays: toInt(v.appealWindowDays!),
                  },
                }),
              )
            }
          />
        </details>
      ) : null}
    </section>
  );
}
