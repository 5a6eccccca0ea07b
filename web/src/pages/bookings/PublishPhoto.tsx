import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { photoAlt } from './CentrePhotos';
import './centre-photos.i18n';

type Photo = components['schemas']['InspectionPhoto'];

/** Staff publish an inspection photo on the centre's page, or take it off (SetupInspections). */
export function PublishPhoto({
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
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({
    altEn: photo.altEn ?? '',
    altUr: photo.altUr ?? '',
    noPeople: false,
  });
  const path = { id: centreId, inspectionId, photoId: photo.id };
  const url = '/api/v1/centers/{id}/inspections/{inspectionId}/photos/{photoId}/public' as const;
  const done = () => {
    setOpen(false);
    void qc.invalidateQueries({ queryKey: ['inspections', centreId] });
    void qc.invalidateQueries({ queryKey: ['centre-photos', centreId] });
  };
  const publish = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT(url, {
          params: { path },
          // The server refuses anything but true; the button waits for the tick.
          body: { altEn: f.altEn, altUr: f.altUr, noPeopleShown: f.noPeople as true },
        }),
      ),
    onSuccess: done,
  });
  const withdraw = useMutation({
    mutationFn: () => unwrap(api.DELETE(url, { params: { path } })),
    onSuccess: done,
  });
  if (!passed) return <p className="field-hint">{t('bk.pub.failedInspection')}</p>;
  if (photo.publicAt)
    return (
      <div className="publish-photo">
        <p>
          {t('bk.pub.published')}: <q>{photoAlt(photo)}</q>
        </p>
        <button type="button" className="btn btn--ghost" onClick={() => withdraw.mutate()}>
          {t('bk.pub.withdraw')}
        </button>
        <FormAlert error={withdraw.error} />
      </div>
    );
  // Only the owner's own consent, given on their set-up page, lets staff publish (decision 0078).
  if (!photo.ownerConsent) return <p className="field-hint">{t('bk.pub.noConsent')}</p>;
  if (!open)
    return (
      <button type="button" className="btn btn--ghost" onClick={() => setOpen(true)}>
        {t('bk.pub.publish')}
      </button>
    );
  const id = `pub-${photo.id}`;
  return (
    <div className="publish-photo">
      <FormAlert error={publish.error} />
      <TextField
        id={`${id}-en`}
        label={t('bk.pub.altEn')}
        hint={t('bk.pub.altHint')}
        dir="ltr"
        lang="en"
        value={f.altEn}
        onChange={(e) => setF({ ...f, altEn: e.target.value })}
        error={fieldError(publish.error, 'altEn')}
        required
      />
      <TextField
        id={`${id}-ur`}
        label={t('bk.pub.altUr')}
        dir="rtl"
        lang="ur"
        value={f.altUr}
        onChange={(e) => setF({ ...f, altUr: e.target.value })}
        error={fieldError(publish.error, 'altUr')}
        required
      />
      <div className="check">
        <input
          type="checkbox"
          id={`${id}-noPeople`}
          checked={f.noPeople}
          onChange={(e) => setF({ ...f, noPeople: e.target.checked })}
        />
        <label htmlFor={`${id}-noPeople`}>{t('bk.pub.noPeople')}</label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={!f.noPeople || publish.isPending}
          onClick={() => publish.mutate()}
        >
          {t('bk.pub.save')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => setOpen(false)}>
          {t('bk.pub.cancel')}
        </button>
      </div>
    </div>
  );
}
