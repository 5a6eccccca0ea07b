import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { StatCard, StatGrid } from '../../components/StatCard';
import { useFormat } from '../../lib/useFormat';
import './citizen.i18n';
import './citizen.css';

/**
 * The loan calculator for building owners: the loans area computes the schedule and each partner
 * bank's markup (POST /loans/calculator); this page only asks and shows.
 */
export default function CalculatorPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [rupees, setRupees] = useState('5000000');
  const [tenor, setTenor] = useState('24');
  const [grace, setGrace] = useState('0');
  const calc = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/loans/calculator', {
          body: {
            principalMinor: Math.round(Number(rupees.replace(/[,\s]/g, '')) * 100),
            tenorMonths: Number(tenor),
            graceMonths: Number(grace),
          },
        }),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    calc.mutate();
  };
  const r = calc.data;
  const lines = r?.schedule.instalments ?? [];
  return (
    <Page title={t('cz.calc.title')}>
      <p className="lead">{t('cz.calc.intro')}</p>
      <form className="form calc-form" onSubmit={submit} noValidate>
        <TextField
          id="calc-amount"
          label={t('cz.calc.amount')}
          hint={t('cz.calc.amountHint')}
          inputMode="numeric"
          value={rupees}
          onChange={(e) => setRupees(e.target.value)}
          error={fieldError(calc.error, 'principalMinor')}
        />
        <div className="row-2">
          <TextField
            id="calc-tenor"
            label={t('cz.calc.tenor')}
            hint={t('cz.calc.tenorHint')}
            type="number"
            min={6}
            max={60}
            value={tenor}
            onChange={(e) => setTenor(e.target.value)}
            error={fieldError(calc.error, 'tenorMonths')}
          />
          <TextField
            id="calc-grace"
            label={t('cz.calc.grace')}
            hint={t('cz.calc.graceHint')}
            type="number"
            min={0}
            max={12}
            value={grace}
            onChange={(e) => setGrace(e.target.value)}
            error={fieldError(calc.error, 'graceMonths')}
          />
        </div>
        <FormAlert error={calc.error} />
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={calc.isPending}>
            {t('cz.calc.go')}
          </button>
        </div>
      </form>
      {r ? (
        <section aria-live="polite">
          <StatGrid>
            <StatCard label={t('cz.calc.youRepay')} value={<Money paisa={r.ownerRepaysMinor} />} />
            <StatCard label={t('cz.calc.monthly')} value={<Money paisa={lines[0]?.principalMinor ?? 0} />} />
            <StatCard label={t('cz.calc.months')} value={fmt.number(lines.length)} />
            <StatCard label={t('cz.calc.first')} value={lines[0] ? fmt.date(lines[0].dueDate) : '—'} />
          </StatGrid>
          <h2>{t('cz.calc.markup')}</h2>
          <DataTable
            label={t('cz.calc.markup')}
            rows={r.banks}
            rowKey={(b) => b.code}
            empty={<p>{t('cz.calc.noBanks')}</p>}
            columns={[
              {
                key: 'bank',
                header: t('cz.calc.bank'),
                label: t('cz.calc.bank'),
                cell: (b) => b.name,
                primary: true,
              },
              {
                key: 'rate',
                header: t('cz.calc.rate'),
                label: t('cz.calc.rate'),
                cell: (b) => `${fmt.number(b.rateBps / 100)}%`,
                align: 'end',
              },
              {
                key: 'pays',
                header: t('cz.calc.pays'),
                label: t('cz.calc.pays'),
                cell: (b) => <Money paisa={b.programmePaysMinor} />,
                align: 'end',
              },
            ]}
          />
          <p className="field-hint">{t('cz.calc.estimate')}</p>
          <details>
            <summary>{t('cz.calc.schedule')}</summary>
            <DataTable
              label={t('cz.calc.schedule')}
              rows={lines}
              rowKey={(l) => l.number}
              columns={[
                {
                  key: 'n',
                  header: t('cz.calc.number'),
                  label: t('cz.calc.number'),
                  cell: (l) => fmt.number(l.number),
                },
                {
                  key: 'due',
                  header: t('cz.calc.due'),
                  label: t('cz.calc.due'),
                  cell: (l) => fmt.date(l.dueDate),
                  primary: true,
                },
                {
                  key: 'p',
                  header: t('cz.calc.principal'),
                  label: t('cz.calc.principal'),
                  cell: (l) => <Money paisa={l.principalMinor} />,
                  align: 'end',
                },
              ]}
            />
          </details>
          <p>
            <Link to="/calls">{t('cz.calc.apply')}</Link>
          </p>
        </section>
      ) : null}
    </Page>
  );
}
