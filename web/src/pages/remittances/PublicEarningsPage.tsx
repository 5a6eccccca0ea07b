import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { useUsd } from './lib';
import './remittances.css';

/** Public: declared and bank-attested export earnings side by side, by month and place. */
export default function PublicEarningsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const usd = useUsd();
  const [by, setBy] = useState<'province' | 'district'>('province');
  const data = useQuery({
    queryKey: ['public', 'earnings-evidence', by],
    queryFn: () => unwrap(api.GET('/api/v1/public/earnings-evidence', { params: { query: { by } } })),
  });
  const n = (v: number | null) => (v === null ? '—' : fmt.number(v));
  const pct = (bp: number | null) => (bp === null ? '—' : `${fmt.number(Math.round(bp / 100))}%`);
  return (
    <Page title={t('remit.publicTitle')} wide>
      <p className="lead">{t('remit.publicIntro', { n: fmt.number(data.data?.minGroup ?? 3) })}</p>
      <div className="remit-filters">
        <SelectField
          id="by"
          label={t('remit.by')}
          value={by}
          onChange={(e) => setBy(e.target.value as typeof by)}
        >
          <option value="province">{t('remit.byKind.province')}</option>
          <option value="district">{t('remit.byKind.district')}</option>
        </SelectField>
        <p>
          <a href="/api/v1/open-data/earnings-by-evidence.csv" download>
            {t('remit.openData')}
          </a>
        </p>
      </div>
      {data.isPending ? <Loading /> : null}
      <FormAlert error={data.error} />
      {data.data?.rows.length === 0 ? <p>{t('remit.noRows')}</p> : null}
      {data.data?.rows.length ? (
        <ScrollTable label={t('remit.publicTitle')} stack>
          <thead>
            <tr>
              <th scope="col">{t('remit.month')}</th>
              <th scope="col">{t('remit.place')}</th>
              <th scope="col">{t('remit.declarants')}</th>
              <th scope="col">{t('remit.declared')}</th>
              <th scope="col">{t('remit.attestedPeople')}</th>
              <th scope="col">{t('remit.attested')}</th>
              <th scope="col">{t('remit.share')}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.rows.map((r) => (
              <tr key={`${r.month}-${r.groupKey}`} className={r.groupKey === 'PK' ? 'row--total' : undefined}>
                <th scope="row" data-label={t('remit.month')}>
                  {fmt.month(r.month)}
                </th>
                <td data-label={t('remit.place')}>{fmt.lang === 'ur' ? r.groupLabelUr : r.groupLabel}</td>
                <td className="num" data-label={t('remit.declarants')}>
                  {n(r.declarants)}
                </td>
                <td className="num" data-label={t('remit.declared')}>
                  {usd(r.declared)}
                </td>
                <td className="num" data-label={t('remit.attestedPeople')}>
                  {n(r.attestedFreelancers)}
                </td>
                <td className="num" data-label={t('remit.attested')}>
                  {usd(r.attested)}
                </td>
                <td className="num" data-label={t('remit.share')}>
                  {pct(r.attestedShareBp)}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </Page>
  );
}
