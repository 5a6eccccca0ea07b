import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { calendarLinks } from './calendar-links';

/** The private calendar feed: its address, and one-tap ways to add it to a phone or web calendar. */
export function CalendarLink() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [copied, setCopied] = useState(false);
  const feed = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/me/calendar-feed'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/calendar-feed')),
    onSuccess: (d) => {
      qc.setQueryData(['calendar-feed'], d);
      setCopied(false);
    },
  });
  // The server gives an absolute address when it knows its public URL; else this page's origin.
  const links = feed.data ? calendarLinks(feed.data.url, window.location.origin) : null;
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="cal-h">
      <h2 id="cal-h">{t('bk.mine.calendar')}</h2>
      <p>{t('bk.mine.calendarLead')}</p>
      {feed.isPending ? <Loading /> : null}
      <FormAlert error={feed.error ?? rotate.error} />
      {feed.data ? (
        <>
          <p>
            <code className="secret code-text">{links!.https}</code>
          </p>
          <ul className="link-list" aria-label={t('front.addToCalendar')}>
            <li>
              <a href={links!.webcal}>{t('front.calendarPhone')}</a>
            </li>
            <li>
              <a href={links!.google} target="_blank" rel="noreferrer">
                {t('front.calendarGoogle')}
              </a>
            </li>
            <li>
              <a href={links!.outlook} target="_blank" rel="noreferrer">
                {t('front.calendarOutlook')}
              </a>
            </li>
          </ul>
          <div className="actions">
            <button type="button" className="btn" onClick={() => links && copy(links.https)}>
              {copied ? t('bk.mine.copied') : t('bk.mine.copy')}
            </button>
            <button type="button" className="btn" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
              {t('bk.mine.calendarRotate')}
            </button>
          </div>
          {copied ? (
            <p role="status" className="visually-hidden">
              {t('bk.mine.copied')}
            </p>
          ) : null}
        </>
      ) : feed.data === null ? (
        <button type="button" className="btn" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
          {t('bk.mine.calendarCreate')}
        </button>
      ) : null}
    </section>
  );
}
