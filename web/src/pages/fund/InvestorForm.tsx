import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { MiniForm } from './MiniForm';
import './fund.i18n';
import './fund-forms.i18n';

/**
 * Registers an investor (founders and staff): name, country of registration, registration number
 * and evidence, contact email. The investor then awaits staff verification.
 */
export function InvestorForm({ refresh = [['fund-investors']] }: { refresh?: unknown[][] }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="fund-investor-form">
      <h2 id="fund-investor-form">{t('fund.investorForm.title')}</h2>
      <p className="field-hint">{t('fund.investorForm.intro')}</p>
      {done ? (
        <p role="status" data-testid="fund-investor-done">
          {t('fund.investorForm.done', { name: done })}
        </p>
      ) : null}
      <MiniForm
        id="fund-investor"
        submit={t('fund.investorForm.submit')}
        refresh={refresh}
        onDone={(r) => setDone((r as { name: string }).name)}
        fields={[
          { path: 'name', label: t('fund.investorForm.name') },
          { path: 'jurisdiction', label: t('fund.investorForm.jurisdiction') },
          { path: 'registrationNo', label: t('fund.investorForm.registrationNo') },
          { path: 'evidence', label: t('fund.investorForm.evidence') },
          { path: 'contactEmail', label: t('fund.investorForm.contactEmail') },
        ]}
        send={(v) => {
          setDone(null);
          return unwrap(
            api.POST('/api/v1/fund/investors', {
              body: {
                name: v.name ?? '',
                jurisdiction: (v.jurisdiction ?? '').trim().toUpperCase(),
                registrationNo: v.registrationNo ?? '',
                evidence: v.evidence ?? '',
                contactEmail: v.contactEmail ?? '',
              },
            }),
          );
        }}
      />
    </section>
  );
}
