import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';

/**
 * The page an email's link opens. It waits for a click rather than confirming on load, so a mail
 * scanner that follows links does not spend the one-time token.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/email/verify', { body: { token } })),
  });
  return (
    <Page title={t('signin.verifyEmailTitle')}>
      {verify.data ? (
        <Notice kind="success">
          {t('signin.emailConfirmed')} <bdi dir="ltr">{verify.data.email}</bdi>
        </Notice>
      ) : (
        <>
          <p>{t('signin.verifyEmailIntro')}</p>
          <FormAlert error={verify.error} />
          {fieldError(verify.error, 'token') ? (
            <p className="field-error">{fieldError(verify.error, 'token')}</p>
          ) : null}
          <button
            className="btn btn--primary"
            type="button"
            disabled={verify.isPending || !token}
            onClick={() => verify.mutate()}
          >
            {verify.isPending ? t('common.wait') : t('signin.verifyEmailSubmit')}
          </button>
        </>
      )}
      <p>
        <Link to="/profile">{t('signin.toProfile')}</Link>
      </p>
    </Page>
  );
}

export default VerifyEmailPage;
