import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { useKindLabel } from './kind-label';
import './notifications.i18n';

/**
 * The address in an email's List-Unsubscribe header, opened in a browser. Opening it changes
 * nothing (a mail scanner's prefetch must not unsubscribe anyone): the person confirms with the
 * button, or their mail client posts the one-click request (RFC 8058) to the same address.
 */
export default function UnsubscribePage() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const [params] = useSearchParams();
  const q = {
    u: params.get('u') ?? '',
    k: params.get('k') ?? '',
    c: params.get('c') ?? '',
    t: params.get('t') ?? '',
  };
  const channel = q.c === 'sms' ? 'sms' : 'email';
  const stop = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/notifications/unsubscribe', {
          params: { query: { u: q.u, k: q.k, c: channel, t: q.t } },
        }),
      ),
  });
  const what = { kind: kindLabel(q.k), channel: t(`notices.channel.${channel}`) };
  return (
    <Page title={t('notices.unsubTitle')}>
      {stop.isSuccess ? (
        <div className="alert" role="status">
          <p>{t('notices.unsubDone', what)}</p>
        </div>
      ) : (
        <>
          <p>{t('notices.unsubAsk', what)}</p>
          <FormAlert error={stop.error} />
          <p className="notice-actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => stop.mutate()}
              disabled={stop.isPending || !q.t}
            >
              {t('notices.unsubConfirm')}
            </button>
          </p>
        </>
      )}
      <p>
        <Link to="/notifications/preferences">{t('notices.unsubPrefs')}</Link>
      </p>
    </Page>
  );
}
