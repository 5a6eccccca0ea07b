import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useVerifyRegistration } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { formatMobile } from '../../lib/format';
import { looksLikeMobile } from '../../lib/validate';

/** After registration: the code sent by SMS creates the account and signs in. */
export function VerifyMobilePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const verify = useVerifyRegistration();
  const [mobile, setMobile] = useState(formatMobile(params.get('mobile')));
  const [code, setCode] = useState('');
  const [local, setLocal] = useState<{ mobile?: string; code?: string }>({});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs = {
      ...(looksLikeMobile(mobile) ? {} : { mobile: t('validate.mobile') }),
      ...(/^\d{6}$/.test(code.trim()) ? {} : { code: t('signin.codeFormat') }),
    };
    setLocal(errs);
    if (Object.keys(errs).length) return;
    verify.mutate(
      { mobile, code: code.trim() },
      { onSuccess: () => navigate('/dashboard?welcome=1', { replace: true }) },
    );
  };
  return (
    <Page title={t('signin.verifyMobileTitle')}>
      <Notice>{t('signin.codeSent', { minutes: 15 })}</Notice>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={verify.error} />
        <TextField
          id="verify-mobile"
          type="tel"
          label={t('fields.mobile')}
          inputMode="tel"
          dir="ltr"
          autoComplete="tel-national"
          value={mobile}
          onChange={(e) => setMobile(e.target.value)}
          error={local.mobile ?? fieldError(verify.error, 'mobile')}
        />
        <TextField
          id="verify-code"
          label={t('signin.code')}
          hint={t('signin.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          dir="ltr"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={local.code ?? fieldError(verify.error, 'code')}
        />
        <button className="btn btn--primary" type="submit" disabled={verify.isPending}>
          {verify.isPending ? t('common.wait') : t('signin.verifySubmit')}
        </button>
      </form>
      <p>
        {t('signin.noCode')} <Link to="/register">{t('signin.registerAgain')}</Link>
      </p>
    </Page>
  );
}

export default VerifyMobilePage;
