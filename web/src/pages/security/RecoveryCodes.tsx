import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Ten one-time codes, shown once, with a copy button; the list reads left to right in Urdu too. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert--success" role="status">
      <p className="alert-title">{t('factor.codesTitle')}</p>
      <p>{t('factor.codesLead')}</p>
      <ol className="recovery-codes" dir="ltr" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn"
        onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => setCopied(true))}
      >
        {copied ? t('factor.copied') : t('factor.copy')}
      </button>
    </div>
  );
}
