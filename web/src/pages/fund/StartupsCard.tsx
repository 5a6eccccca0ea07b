import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { type AccessPurpose, PurposeSelect } from '../data-access/PurposeSelect';
import './fund-more.i18n';
import { cityName } from '../../lib/names';

type Startup = components['schemas']['FundStartup'];
type Purpose = AccessPurpose;

/** One startup's founders in full, once a purpose from the fixed list is chosen; the look is recorded. */
function RevealFounders({ startup }: { startup: Startup }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const reveal = useMutation({
    mutationFn: (p: Purpose | '') =>
      unwrap(
        api.POST('/api/v1/fund/startups/{id}/founders/reveal', {
          params: { path: { id: startup.id } },
          body: p ? { purpose: p } : {},
        }),
      ),
  });
  if (!open)
    return (
      <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
        {t('fund.startups.reveal')}
        <span className="visually-hidden"> {startup.name}</span>
      </button>
    );
  if (reveal.data)
    return (
      <div data-testid="fund-founders-revealed">
        <ul className="fund-list">
          {reveal.data.founders.map((f) => (
            <li key={f.cnic}>
              {f.name} · <span dir="ltr">{f.cnic}</span>
            </li>
          ))}
        </ul>
        <Notice kind="success">
          {t('fund.startups.recorded', { purpose: purpose ? t(`dataAccess.purposes.${purpose}`) : '' })}
        </Notice>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            reveal.reset();
            setOpen(false);
          }}
        >
          {t('dataAccess.hide')}
        </button>
      </div>
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    reveal.mutate(purpose);
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('fund.startups.revealFor', { name: startup.name })}>
      <FormAlert error={reveal.error} />
      <PurposeSelect
        id={`fund-purpose-${startup.id}`}
        value={purpose}
        onChange={setPurpose}
        error={fieldError(reveal.error, 'purpose')}
      />
      <button className="btn btn--small" type="submit" disabled={reveal.isPending}>
        {t('fund.startups.reveal')}
      </button>
    </form>
  );
}

/** Staff: every registered startup, founders' CNICs masked, each with its reveal. */
export function StartupsCard() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['fund-staff', 'startups'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/startups', { params: { query: { scope: 'all' } } })),
  });
  return (
    <section aria-labelledby="fund-startups">
      <h2 id="fund-startups">{t('fund.startups.title')}</h2>
      <FormAlert error={list.error} />
      {list.data?.length === 0 ? <p>{t('fund.startups.none')}</p> : null}
      <ul className="fund-list" data-testid="fund-startups">
        {(list.data ?? []).map((s) => (
          <li key={s.id} className="card">
            <strong>{s.name}</strong>
            {` · ${t('fund.startups.incorporation')} `}
            <span dir="ltr">{s.incorporationNo}</span>
            {` · ${t(`fund.sectors.${s.sector}`)} · ${cityName(s)}`}
            <p>
              {`${t('fund.startups.founders')}: `}
              {s.founders.map((f, i) => (
                <span key={`${f.name}-${f.cnic}`}>
                  {i ? ', ' : ''}
                  {f.name} <span dir="ltr">{f.cnic}</span>
                </span>
              ))}
            </p>
            <RevealFounders startup={s} />
          </li>
        ))}
      </ul>
    </section>
  );
}
