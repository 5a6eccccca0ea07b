import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { type Bar, bi, type Call, provinceName, QuotaBars, StatusBadge, useT } from './shared';

function HowToApply({ call }: { call: Call }) {
  const t = useT();
  const { data: me } = useMe();
  if (call.phase === 'upcoming') return <p>{t('applyUpcoming')}</p>;
  if (call.phase !== 'open') return <p>{t('applyClosed')}</p>;
  if (!me)
    return (
      <p>
        {t('applyLogin')} <Link to={`/login?next=/calls/${call.id}/apply`}>{t('login')}</Link> ·{' '}
        <Link to="/register">{t('register')}</Link>
      </p>
    );
  if (me.role !== 'owner') return <p>{t('applyOwnersOnly')}</p>;
  return (
    <p>
      <Link className="btn btn--primary" to={`/calls/${call.id}/apply`}>
        {t('apply')}
      </Link>
    </p>
  );
}

function Results({ call }: { call: Call }) {
  const t = useT();
  const fmt = useFormat();
  const results = useQuery({
    queryKey: ['call', call.id, 'results'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/results', { params: { path: { id: call.id } } })),
  });
  if (results.error) return <FormAlert error={results.error} />;
  if (!results.data) return <Loading />;
  const bars: Bar[] = results.data.provinces.map((p) => ({
    key: p.provinceCode,
    name: fmt.lang === 'ur' ? p.nameUr : p.nameEn,
    filled: p.shortlisted,
    seats: p.seats,
  }));
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">{t('resultsTitle')}</h2>
      <p>{t('resultsIntro', { date: fmt.dateTime(results.data.decidedAt) })}</p>
      <QuotaBars bars={bars} label={t('shortlistedPerProvince')} />
      {results.data.provinces
        .filter((p) => p.items.length > 0)
        .map((p) => (
          <section key={p.provinceCode} aria-labelledby={`res-${p.provinceCode}`}>
            <h3 id={`res-${p.provinceCode}`}>{fmt.lang === 'ur' ? p.nameUr : p.nameEn}</h3>
            <div className="compact">
              <ScrollTable label={fmt.lang === 'ur' ? p.nameUr : p.nameEn}>
                <thead>
                  <tr>
                    <th scope="col">{t('rank')}</th>
                    <th scope="col">{t('reference')}</th>
                    <th scope="col">{t('score')}</th>
                    <th scope="col">{t('result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.items.map((i) => (
                    <tr key={i.reference}>
                      <td className="num">{i.rank == null ? '—' : fmt.number(i.rank)}</td>
                      <td dir="ltr">{i.reference}</td>
                      <td className="num">{i.score ?? '—'}</td>
                      <td>
                        <StatusBadge status={i.result} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </ScrollTable>
            </div>
          </section>
        ))}
    </section>
  );
}

export default function CallDetailPage() {
  const t = useT();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const call = useQuery({
    queryKey: ['call', id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id } } })),
  });
  const c = call.data;
  return (
    <Page title={c ? bi(c, fmt.lang) : t('callTitle')} wide>
      <FormAlert error={call.error} />
      {!c ? (
        call.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          <p>
            <StatusBadge status={c.phase} />
          </p>
          {me?.role === 'program_admin' || me?.role === 'auditor' ? (
            <p className="actions">
              <Link className="btn" to={`/calls/${c.id}/manage`}>
                {t('manage')}
              </Link>
              {me.role === 'program_admin' && c.status !== 'decided' && c.status !== 'closed' ? (
                <Link className="btn" to={`/calls/${c.id}/edit`}>
                  {t('edit')}
                </Link>
              ) : null}
            </p>
          ) : null}
          <p className="lead" dir="auto">
            {fmt.lang === 'ur' ? c.descriptionUr || c.descriptionEn : c.descriptionEn}
          </p>
          <dl className="facts">
            <div>
              <dt>{t('opens')}</dt>
              <dd>{fmt.dateTime(c.opensAt)}</dd>
            </div>
            <div>
              <dt>{t('closes')}</dt>
              <dd>{fmt.dateTime(c.closesAt)}</dd>
            </div>
            <div>
              <dt>{t('passMark')}</dt>
              <dd>{t('outOf100', { n: fmt.number(c.passMark) })}</dd>
            </div>
            <div>
              <dt>{t('evaluatorsPer')}</dt>
              <dd>{fmt.number(c.evaluatorsPerApplication)}</dd>
            </div>
            <div>
              <dt>{t('loanCap')}</dt>
              <dd>{fmt.pkr(c.loanCapMinor)}</dd>
            </div>
            <div>
              <dt>{t('appealWindow')}</dt>
              <dd>{t('days', { count: c.appealWindowDays, n: fmt.number(c.appealWindowDays) })}</dd>
            </div>
          </dl>
          <section aria-labelledby="apply-h">
            <h2 id="apply-h">{t('howToApply')}</h2>
            <p>{t('howToApplyText')}</p>
            <HowToApply call={c} />
          </section>
          <section aria-labelledby="criteria-h">
            <h2 id="criteria-h">{t('criteria')}</h2>
            <p>{t('criteriaIntro')}</p>
            <ol className="criteria-list">
              {c.criteria.map((k) => (
                <li key={k.key}>
                  {fmt.lang === 'ur' ? k.labelUr : k.labelEn}
                  <small>
                    {t('weight')}: {fmt.number(k.weight)} · {t('maxScore')}: {fmt.number(k.maxScore)}
                  </small>
                </li>
              ))}
            </ol>
          </section>
          {c.status !== 'decided' ? (
            <section aria-labelledby="quotas-h">
              <h2 id="quotas-h">{t('quotas')}</h2>
              <p>{t('quotasIntro', { n: fmt.number(c.totalSeats) })}</p>
              <ul className="plain-list">
                {c.quotas
                  .filter((q) => q.districtId === null)
                  .map((q) => (
                    <li key={q.provinceCode}>
                      {provinceName(q.provinceCode, fmt.lang)}: {fmt.number(q.seats)}
                    </li>
                  ))}
              </ul>
            </section>
          ) : (
            <Results call={c} />
          )}
        </>
      )}
    </Page>
  );
}
