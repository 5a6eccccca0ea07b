import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import './citizen.i18n';
import './citizen.css';

const QUESTIONS = {
  owner: ['pakistan', 'internet', 'loan'],
  freelancer: ['cnic', 'mobile', 'work'],
} as const;
type Who = keyof typeof QUESTIONS;

/**
 * A quick pre-check before registering or applying, from the programme's rules (PRODUCT.md: loans
 * up to Rs 10 million; the inspection minimums in centers.settings.ts; registration by CNIC and an
 * SMS code). Nothing leaves the browser.
 */
export default function EligibilityPage() {
  const { t } = useTranslation();
  const [who, setWho] = useState<Who>('owner');
  const [answers, setAnswers] = useState<Record<string, boolean | undefined>>({});
  const qs = QUESTIONS[who];
  const answered = qs.every((q) => answers[`${who}.${q}`] !== undefined);
  const failing = qs.filter((q) => answers[`${who}.${q}`] === false);
  return (
    <Page title={t('cz.check.title')}>
      <p className="lead">{t('cz.check.intro')}</p>
      <fieldset className="choice">
        <legend>{t('cz.check.who')}</legend>
        {(['owner', 'freelancer'] as const).map((w) => (
          <label key={w} className="choice-option">
            <input type="radio" name="who" checked={who === w} onChange={() => setWho(w)} />{' '}
            {t(`cz.check.${w}`)}
          </label>
        ))}
      </fieldset>
      <ol className="check-list">
        {qs.map((q) => {
          const key = `${who}.${q}`;
          return (
            <li key={key}>
              <fieldset className="choice">
                <legend>{t(`cz.check.${who}Q.${q}`)}</legend>
                {([true, false] as const).map((v) => (
                  <label key={String(v)} className="choice-option">
                    <input
                      type="radio"
                      name={key}
                      checked={answers[key] === v}
                      onChange={() => setAnswers((a) => ({ ...a, [key]: v }))}
                    />{' '}
                    {v ? t('cz.check.yes') : t('cz.check.no')}
                  </label>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {answered ? (
        <section className="card" aria-live="polite" data-result={failing.length ? 'not-yet' : 'ok'}>
          <h2>{t('cz.check.result')}</h2>
          {failing.length === 0 ? (
            <p>
              <strong>{t('cz.check.ok')}</strong>
            </p>
          ) : (
            <>
              <p>
                <strong>{t('cz.check.notYet')}</strong>
              </p>
              <ul>
                {failing.map((q) => (
                  <li key={q}>{t(`cz.check.${who}Why.${q}`)}</li>
                ))}
              </ul>
            </>
          )}
          <p>{t(who === 'owner' ? 'cz.check.ownerNext' : 'cz.check.freelancerNext')}</p>
          <p className="actions">
            {who === 'owner' ? (
              <>
                <Link className="btn" to="/calls">
                  {t('cz.check.calls')}
                </Link>
                <Link className="btn" to="/calculator">
                  {t('cz.links.calculator')}
                </Link>
              </>
            ) : (
              <Link className="btn" to="/centres">
                {t('cz.check.find')}
              </Link>
            )}
            <Link className="btn btn--primary" to="/register">
              {t('cz.check.register')}
            </Link>
          </p>
        </section>
      ) : null}
    </Page>
  );
}
