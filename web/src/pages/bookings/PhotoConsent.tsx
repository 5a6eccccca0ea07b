import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import './centre-photos.i18n';

type Photo = components['schemas']['InspectionPhoto'];

/**
 * The owner's own consent to showing one inspection photo on the centre's public page
 * (decision 0078): a switch they turn on or off; turning it off takes the photo off at once.
 */
export function PhotoConsent({
  centreId,
  inspectionId,
  passed,
  photo,
}: {
  centreId: string;
  inspectionId: string;
  passed: boolean;
  photo: Photo;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const set = useMutation({
    mutationFn: (given: boolean) =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/inspections/{inspectionId}/photos/{photoId}/consent', {
          params: { path: { id: centreId, inspectionId, photoId: photo.id } },
          body: { given },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inspections', centreId] });
      void qc.invalidateQueries({ queryKey: ['centre-photos', centreId] });
    },
  });
  if (!passed) return <p className="field-hint">{t('bk.pub.failedInspection')}</p>;
  const id = `consent-${photo.id}`;
  const status = photo.publicAt
    ? t('bk.pub.consentPublic')
    : photo.ownerConsent
      ? t('bk.pub.consentGiven')
      : t('bk.pub.consentNone');
  return (
    <div className="photo-consent">
      <div className="check">
        <input
          type="checkbox"
          id={id}
          aria-describedby={`${id}-s`}
          checked={photo.ownerConsent}
          disabled={set.isPending}
          onChange={(e) => set.mutate(e.target.checked)}
        />
        <label htmlFor={id}>{t('bk.pub.consentLabel')}</label>
      </div>
      <p className="field-hint" id={`${id}-s`}>
        {status}
        {photo.ownerConsentAt ? ` (${fmt.dateTime(photo.ownerConsentAt)})` : ''}
      </p>
      <FormAlert error={set.error} />
    </div>
  );
}
