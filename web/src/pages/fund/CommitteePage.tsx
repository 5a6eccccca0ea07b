import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useMoney } from './fund-lib';
import { GrantDetail } from './GrantDetail';
import { GrantFiles } from './GrantFiles';
import { MiniForm } from './MiniForm';
import './fund.i18n';
import './fund-forms.i18n';
import './fund.css';

const QUEUE = ['fund-committee'];

/** A cleared member sees the application and scores it. */
function Cleared({ id }: { id: string }) {
  const { t } = useTranslation();
  const g = useQuery({
    queryKey: [...QUEUE, id],
    queryFn: () => unwrap(api.GET('/api/v1/fund/grants/{id}', { params: { path: { id } } })),
  });
  if (g.isError) return <FormAlert error={g.error} />;
  if (!g.data) return <Loading />;
  return (
    <ul className="fund-list">
      <GrantDetail g={g.data}>
        <GrantFiles g={g.data} canUpload={false} />
        {g.data.review.mine?.score == null ? (
          <MiniForm
            id={`fund-score-${id}`}
            submit={t('fund.sendScore')}
            refresh={[QUEUE]}
            fields={[
              { path: 'score', label: t('fund.score') },
              { path: 'comment', label: t('fund.comment') },
            ]}
            send={(v) =>
              unwrap(
                api.POST('/api/v1/fund/grants/{id}/score', {
                  params: { path: { id } },
                  body: { score: Number(v.score), comment: v.comment || undefined },
                }),
              )
            }
          />
        ) : null}
      </GrantDetail>
    </ul>
  );
}

/** The committee's queue: declare a conflict (or none) before seeing an application, then score it. */
export default function CommitteePage() {
  const { t } = useTranslation();
  const m = useMoney();
  const qc = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const queue = useQuery({ queryKey: QUEUE, queryFn: () => unwrap(api.GET('/api/v1/fund/committee/queue')) });
  const declare = useMutation({
    mutationFn: (v: { id: string; conflict: boolean }) =>
      unwrap(
        api.POST('/api/v1/fund/grants/{id}/conflict-declaration', {
          params: { path: { id: v.id } },
          body: { conflict: v.conflict },
        }),
      ),
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: QUEUE });
      if (!v.conflict) setOpen(v.id);
    },
  });
  if (!queue.data) return <Loading />;
  return (
    <Page title={t('fund.committee')}>
      <h2>{t('fund.queue')}</h2>
      <FormAlert error={declare.error} />
      {queue.data.length === 0 ? <p>{t('fund.none')}</p> : null}
      <ul className="fund-list">
        {queue.data.map((q) => (
          <li key={q.id} className="card" data-testid="fund-queue-item">
            <h3 className="fund-card-title">{q.startupName}</h3>
            <p>{`${t(`fund.sectors.${q.sector}`, { defaultValue: q.sector })} · ${t('fund.round')} ${m.usd(q.roundMinor, q.currency)} · ${t('fund.grant')} ${m.usd(q.requestedMinor, q.currency)}`}</p>
            {!q.declared ? (
              <>
                <p>{t('fund.declare')}</p>
                <div className="fund-actions">
                  <button
                    type="button"
                    className="btn btn--primary"
                    onClick={() => declare.mutate({ id: q.id, conflict: false })}
                  >
                    {t('fund.noConflict')}
                  </button>
                </div>
                <MiniForm
                  id={`fund-conflict-${q.id}`}
                  submit={t('fund.conflict')}
                  refresh={[QUEUE]}
                  fields={[
                    { path: 'note', label: t('fund.declaration.note'), hint: t('fund.declaration.noteHint') },
                  ]}
                  send={(v) =>
                    unwrap(
                      api.POST('/api/v1/fund/grants/{id}/conflict-declaration', {
                        params: { path: { id: q.id } },
                        body: { conflict: true, note: v.note ?? '' },
                      }),
                    )
                  }
                />
              </>
            ) : q.conflict ? (
              <p>{t('fund.recused')}</p>
            ) : open === q.id ? (
              <Cleared id={q.id} />
            ) : (
              <button type="button" className="btn" onClick={() => setOpen(q.id)}>
                {t('fund.sendScore')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
