import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { localizeFieldIssue } from '../i18n/server-messages';

/** Minutes when a wait is long, seconds when short: "15 minutes", "42 seconds". */
function useWait() {
  const { t } = useTranslation();
  return (seconds: number) =>
    seconds >= 90
      ? t('wait.minutes', { count: Math.ceil(seconds / 60) })
      : t('wait.seconds', { count: Math.max(1, Math.round(seconds)) });
}

/**
 * The form-level message for a failed request: a short title in the reader's language for the
 * problem's code, the server's detail under it, and how long to wait when the server said.
 * `shown` lists the fields whose inputs show their own messages (all of them when not given);
 * a message about any other field (a button with no inputs, a date the page fills itself) is
 * listed here, so no refusal is ever left unexplained.
 */
export function FormAlert({ error, id, shown }: { error: unknown; id?: string; shown?: readonly string[] }) {
  const { t } = useTranslation();
  const wait = useWait();
  if (!error) return null;
  const e = error instanceof ApiError ? error : new ApiError(0, { code: 'network', detail: String(error) });
  const title = t(`problem.${e.code}`, { defaultValue: t('problem.internal') });
  const retry = e.retryAfterSeconds;
  return (
    <div className="alert alert--error" role="alert" id={id}>
      <p className="alert-title">{title}</p>
      {e.code === 'account_locked' && retry != null ? (
        <p>{t('login.lockedFor', { wait: wait(retry) })}</p>
      ) : null}
      {e.code === 'rate_limited' && retry != null ? <p>{t('login.retryIn', { wait: wait(retry) })}</p> : null}
      {e.fields.some((f) => !shown || shown.includes(f.path)) ? <p>{t('problem.seeFields')}</p> : null}
      {shown
        ? e.fields
            .filter((f) => !shown.includes(f.path))
            .map((f) => (
              <p key={f.path} className="alert-detail">
                {localizeFieldIssue(f, i18n.language)}
              </p>
            ))
        : null}
      {e.detail && e.detail !== title && !e.fields.length && retry == null && e.code !== 'network' ? (
        <p className="alert-detail" lang="en" dir="ltr">
          {e.detail}
        </p>
      ) : null}
    </div>
  );
}

export function Notice({
  children,
  kind = 'info',
}: {
  children: React.ReactNode;
  kind?: 'info' | 'success';
}) {
  return (
    <div className={`alert alert--${kind}`} role="status">
      {children}
    </div>
  );
}

/** The message to show beside one input, from a failed request. */
export function fieldError(error: unknown, path: string): string | undefined {
  const issue = error instanceof ApiError ? error.fieldIssue(path) : undefined;
  return issue === undefined ? undefined : localizeFieldIssue(issue, i18n.language);
}
