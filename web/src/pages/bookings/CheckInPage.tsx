import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { useCentre } from './CentrePage';
import { centerName, timeOf } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';

export type Detector = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
export type DetectorCtor = new (opts: { formats: string[] }) => Detector;

/** Scans a QR code with the camera where the browser has BarcodeDetector (Chrome on Android). */
export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const Ctor = (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
    if (!Ctor) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Ctor({ formats: ['qr_code'] });
    const run = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        const video = videoRef.current;
        if (!video || stopped) return;
        video.srcObject = stream;
        await video.play();
        while (!stopped) {
          const codes = await detector.detect(video);
          const found = codes[0]?.rawValue;
          if (found) {
            onCode(found);
            return;
          }
          await new Promise((r) => setTimeout(r, 300));
        }
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    };
    void run();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);
  return (
    <div>
      <video ref={videoRef} className="video-scan" muted playsInline aria-label={t('bk.checkin.scan')} />
      {error ? (
        <p className="field-error" lang="en" dir="ltr">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function CheckInPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const centre = useCentre(id);
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const canScan = typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices;
  const checkIn = useMutation({
    mutationFn: (token: string) =>
      unwrap(
        api.POST('/api/v1/centers/{id}/check-ins', { params: { path: { id: id ?? '' } }, body: { token } }),
      ),
    onSuccess: () => setCode(''),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    checkIn.mutate(code.trim());
  };
  if (centre.isPending) return <Loading />;
  if (centre.isError) return <FormAlert error={centre.error} />;
  const ok = checkIn.data;
  return (
    <Page title={t('bk.checkin.title', { name: centerName(centre.data) })}>
      <p>{t('bk.checkin.lead')}</p>
      {ok ? (
        <Notice kind="success">
          <p className="big-result">
            {t('bk.checkin.ok', {
              centre: ok.centerName,
              seat: ok.seatLabel,
              time: `${timeOf(ok.start)}–${timeOf(ok.end)}`,
            })}
          </p>
          <p>
            {fmt.date(ok.start)} · {t(`bk.plan.${ok.plan}`)} ·{' '}
            {t('bk.mine.owed', { price: fmt.pkr(ok.price.amountMinor) })}
          </p>
        </Notice>
      ) : null}
      {checkIn.error ? (
        <div>
          <p className="big-result field-error">{t('bk.checkin.failed')}</p>
          <FormAlert error={checkIn.error} />
        </div>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          id="checkin-code"
          label={t('bk.checkin.code')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          dir="ltr"
          required
          error={fieldError(checkIn.error, 'token')}
        />
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={checkIn.isPending || !code.trim()}>
            {t('bk.checkin.submit')}
          </button>
          {canScan ? (
            <button
              type="button"
              className="btn"
              onClick={() => setScanning((s) => !s)}
              aria-expanded={scanning}
            >
              {scanning ? t('bk.checkin.stopScan') : t('bk.checkin.scan')}
            </button>
          ) : null}
        </div>
        {!canScan ? <p className="field-hint">{t('bk.checkin.noCamera')}</p> : null}
      </form>
      {scanning ? (
        <Scanner
          onCode={(c) => {
            setScanning(false);
            setCode(c);
            checkIn.mutate(c);
          }}
        />
      ) : null}
    </Page>
  );
}
