import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';

/** The portal's training figures against the promise; small groups withheld by the server. */
export function OutcomesPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery({
    queryKey: ['public-training'],
    queryFn: () => unwrap(api.GET('/api/v1/public/training')),
  });
  if (!q.data) return null;
  const d = q.data;
  const small = t('tr.withheldSmall', { n: fmt.number(d.minGroup) });
  const n = (v: number | null) => (v === null ? small : fmt.number(v));
  const pct = (bp: number | null) => (bp === null ? small : `${fmt.number(Math.round(bp / 10) / 10)}%`);
  return (
    <section className="card" aria-labelledby="tr-portal">
      <h2 id="tr-portal">{t('tr.portal')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('tr.completedN')}</dt>
          <dd data-testid="trained">
            {fmt.number(d.completed)} / {fmt.number(d.promise.trained)}
          </dd>
        </div>
        <div>
          <dt>{t('tr.applied')}</dt>
          <dd>{fmt.number(d.applied)}</dd>
        </div>
        <div>
          <dt>{t('tr.admittedN')}</dt>
          <dd>{fmt.number(d.admitted)}</dd>
        </div>
        <div>
          <dt>{t('tr.certified')}</dt>
          <dd>{d.certified === null ? t('tr.notYet') : fmt.number(d.certified)}</dd>
        </div>
        <div>
          <dt>{t('tr.women')}</dt>
          <dd>{pct(d.womenShareBp)}</dd>
        </div>
        <div>
          <dt>{t('tr.declaring')}</dt>
          <dd>{pct(d.declaringShareBp)}</dd>
        </div>
        <div>
          <dt>{t('tr.median')}</dt>
          <dd>
            {d.medianDeclaredUsdCentsPerYear === null
              ? small
              : `USD ${fmt.number(Math.round(d.medianDeclaredUsdCentsPerYear / 100))}`}{' '}
            ({t('tr.claim', { n: fmt.number(d.promise.claimUsdCentsPerYear / 100) })})
          </dd>
        </div>
        <div>
          <dt>{t('tr.medianAttested')}</dt>
          <dd data-testid="median-attested">
            {d.medianUsdCentsPerYear === null
              ? small
              : `USD ${fmt.number(Math.round(d.medianUsdCentsPerYear / 100))}`}{' '}
            ({t('tr.attestedShare', { p: pct(d.attestedShareBp) })})
          </dd>
        </div>
      </dl>
      <ScrollTable label={t('tr.byProvince')} stack>
        <thead>
          <tr>
            <th scope="col">{t('tr.byProvince')}</th>
            <th scope="col">{t('tr.applied')}</th>
            <th scope="col">{t('tr.admittedN')}</th>
            <th scope="col">{t('tr.completedN')}</th>
            <th scope="col">{t('tr.women')}</th>
          </tr>
        </thead>
        <tbody>
          {d.byProvince.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.label}</th>
              <td data-label={t('tr.applied')}>{n(g.applied)}</td>
              <td data-label={t('tr.admittedN')}>{n(g.admitted)}</td>
              <td data-label={t('tr.completedN')}>{n(g.completed)}</td>
              <td data-label={t('tr.women')}>{pct(g.womenShareBp)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
