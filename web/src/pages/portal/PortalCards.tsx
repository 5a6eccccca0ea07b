import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/client';
import { StatCard, StatGrid } from '../../components/StatCard';
import { currentLang } from '../../i18n';
import { type FormatLang, type FormatOptions, formatDate, formatMonth } from '../../lib/format';
import { useUrduDigits } from '../../lib/useFormat';
import { formatFigure, formatFigureCard } from './portal-lib';

type Figure = components['schemas']['PublicFigure'];
type PromiseEntry = components['schemas']['Promise'];

function useFigureOptions(): FormatOptions {
  return { urduDigits: useUrduDigits(), grouping: 'pk' };
}

/** The headline figures as stat cards: label over value, a value that shrinks rather than spill. */
export function Figures({ figures }: { figures: Figure[] }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const opts = useFigureOptions();
  return (
    <section aria-labelledby="figures-h">
      <h2 id="figures-h">{t('portal.figuresTitle')}</h2>
      <StatGrid>
        {figures.map((f) => (
          <StatCard
            key={f.key}
            tone={f.available ? 'plain' : 'muted'}
            label={lang === 'ur' ? f.labelUr : f.labelEn}
            value={
              f.available && f.total !== null ? (
                <span
                  data-testid={`figure-${f.key}`}
                  data-figure={f.key}
                  title={f.unit === 'pkr_paisa' ? formatFigure(f.unit, f.total, lang, opts) : undefined}
                >
                  {formatFigureCard(f.unit, f.total, lang, opts)}
                </span>
              ) : (
                <span className="stat-card__none" title={t('portal.noDataWhy')}>
                  {t('portal.noData')}
                </span>
              )
            }
            note={
              <details>
                <summary>{t('portal.definition')}</summary>
                <p>{lang === 'ur' ? f.definitionUr : f.definitionEn}</p>
                {!f.available ? <p>{t('portal.noDataWhy')}</p> : null}
              </details>
            }
          />
        ))}
      </StatGrid>
      <p>
        <Link to="/portal/earnings">{t('remit.publicTitle')}</Link>
      </p>
    </section>
  );
}

function announced(p: PromiseEntry, lang: FormatLang, opts: FormatOptions): string {
  if (p.announcedPrecision === 'year') return p.announcedOn.slice(0, 4);
  if (p.announcedPrecision === 'month') return formatMonth(p.announcedOn, lang, { ...opts, short: true });
  return formatDate(p.announcedOn, lang, opts);
}

/** One promise: what was announced, by whom and where, its target beside what is delivered. */
function PromiseCard({ p }: { p: PromiseEntry }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const opts = useFigureOptions();
  const pct =
    p.delivered !== null && p.target > 0 ? Math.min(100, Math.round((p.delivered / p.target) * 100)) : null;
  return (
    <li className={`promise-card${p.supersededBy ? ' promise-card--superseded' : ''}`} data-promise={p.ref}>
      <p className="promise-card__meta">
        <bdi dir="ltr" className="ref">
          {p.ref}
        </bdi>
        <span> · </span>
        <span>{announced(p, lang, opts)}</span>
      </p>
      <h3 className="promise-card__title">{lang === 'ur' ? p.titleUr : p.titleEn}</h3>
      <p className="promise-card__source">
        {p.announcedBy} · {p.sourceUrl ? <a href={p.sourceUrl}>{p.sourceName}</a> : p.sourceName}
      </p>
      <dl className="promise-card__figures">
        <div>
          <dt>{t('portal.colTarget')}</dt>
          <dd title={formatFigure(p.unit, p.target, lang, opts)}>
            {formatFigureCard(p.unit, p.target, lang, opts)}
          </dd>
        </div>
        <div>
          <dt>{t('portal.colDelivered')}</dt>
          <dd>
            {p.delivered === null ? t('portal.noData') : formatFigureCard(p.unit, p.delivered, lang, opts)}
          </dd>
        </div>
      </dl>
      {pct !== null ? (
        <div className="promise-card__progress">
          <span className="quota-bar" aria-hidden="true">
            <span className="quota-fill" style={{ inlineSize: `${pct}%` }} />
          </span>
          <span>{t('portal.progress', { pct })}</span>
        </div>
      ) : null}
      <p className="promise-card__status">
        <span className={`status status--${p.status}`}>{t(`portal.status.${p.status}`)}</span>
      </p>
      {p.supersededBy ? <p className="promise-card__note">{t('portal.superseded')}</p> : null}
      {p.correctionNote ? (
        <p className="promise-card__note">{t('portal.correction', { note: p.correctionNote })}</p>
      ) : null}
    </li>
  );
}

/** The promise register as cards: nothing off-screen on a phone, no table wider than the page. */
export function Promises({ items, rule }: { items: PromiseEntry[]; rule: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="promises-h">
      <h2 id="promises-h">{t('portal.promisesTitle')}</h2>
      <p>{t('portal.promisesIntro')}</p>
      <details className="rule">
        <summary>{t('portal.statusRule')}</summary>
        <p>{rule}</p>
      </details>
      <ul className="card-grid promise-cards">
        {items.map((p) => (
          <PromiseCard key={p.id} p={p} />
        ))}
      </ul>
    </section>
  );
}
