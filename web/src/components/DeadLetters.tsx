import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from './FormAlert';
import { Loading } from './Page';

/** A machine's error text, in English as it was raised, kept left to right inside Urdu pages. */
export function ErrorText({ text }: { text: string | null }) {
  return text ? (
    <span lang="en" dir="ltr" className="event-error">
      {text}
    </span>
  ) : null;
}

/** A status word, the dead one as a badge that stands out in a long table. */
export function StatusText({ dead, children }: { dead: boolean; children: ReactNode }) {
  return dead ? <span className="badge">{children}</span> : <>{children}</>;
}

/**
 * The staff's dead-letter card (domain events, notices): what failed for good, a "retry all" for
 * admins (others are told who may), and the rows, as `children`, once there are any. Its words
 * are the area's: `<ns>.deadTitle`, `deadLead`, `deadNone`, `adminOnly`, `retryAll`, `retried`.
 */
export function DeadLetters(props: {
  ns: 'events' | 'notices';
  count: number;
  pending: boolean;
  error: unknown;
  canRetry: boolean;
  retryAll: { run: () => void; busy: boolean; retried: number | null };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = `${props.ns}-dead-h`;
  const k = (key: string) => t(`${props.ns}.${key}`);
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{k('deadTitle')}</h2>
      <FormAlert error={props.error} />
      {props.retryAll.retried !== null ? (
        <p className="alert alert--success" role="status">
          {t(`${props.ns}.retried`, { count: props.retryAll.retried })}
        </p>
      ) : null}
      {props.pending ? (
        <Loading />
      ) : props.count === 0 ? (
        <p>{k('deadNone')}</p>
      ) : (
        <>
          <p>{k('deadLead')}</p>
          {props.canRetry ? (
            <button
              type="button"
              className="btn btn--primary"
              onClick={props.retryAll.run}
              disabled={props.retryAll.busy}
            >
              {props.retryAll.busy ? t('common.wait') : k('retryAll')}
            </button>
          ) : (
            <p className="field-hint">{k('adminOnly')}</p>
          )}
          {props.children}
        </>
      )}
    </section>
  );
}
