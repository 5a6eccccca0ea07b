import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The certificate's public verification link, to copy and send to an employer or client. */
export function ShareLink({ code }: { code: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}/verify/${code}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="cert-share">
      <label htmlFor={`share-${code}`}>{t('cert.share')}</label>
      <div className="inline-form">
        <input id={`share-${code}`} readOnly value={url} dir="ltr" onFocus={(e) => e.target.select()} />
        <button type="button" className="btn" onClick={() => void copy()}>
          {copied ? t('cert.copied') : t('cert.copy')}
        </button>
      </div>
    </div>
  );
}
