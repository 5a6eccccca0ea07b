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
 * admins (others are told who may), and the rows, as `children`, once there are any.
 */
export function DeadLetters(props: {
  id: string;
  title: string;
  lead: string;
  none: string;
  adminOnly: string;
  retryAllLabel: string;
  count: number;
  pending: boolean;
  error: unknown;
  canRetry: boolean;
  retryAll: { run: () => void; busy: boolean; done: string | null };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <FormAlert error={props.error} />
      {props.retryAll.done ? (
        <p className="alert alert--success" role="status">
          {props.retryAll.done}
        </p>
      ) : null}
      {props.pending ? (
        <Loading />
      ) : props.count === 0 ? (
        <p>{props.none}</p>
      ) : (
        <>
          <p>{props.lead}</p>
          {props.canRetry ? (
            <button
              type="button"
              className="btn btn--primary"
              onClick={props.retryAll.run}
              disabled={props.retryAll.busy}
            >
              {props.retryAll.busy ? t('common.wait') : props.retryAllLabel}
            </button>
          ) : (
            <p className="field-hint">{props.adminOnly}</p>
          )}
          {props.children}
        </>
      )}
    </section>
  );
}
