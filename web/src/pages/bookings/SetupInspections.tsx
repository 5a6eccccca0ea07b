import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { photoAlt } from './CentrePhotos';
import { FileUpload } from './FileUpload';
import type { Center } from './lib';
import { PhotoConsent } from './PhotoConsent';
import { PublishPhoto } from './PublishPhoto';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { Section } from './setup-parts';

/** `owner`: the viewer runs this centre, and gives or withdraws consent to publish each photo. */
export function Inspections({ c, admin, owner = false }: { c: Center; admin: boolean; owner?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['inspections', c.id],
    queryFn: () => unwrap(api.GET('/api/v1/centers/{id}/inspections', { params: { path: { id: c.id } } })),
  });
  const [f, setF] = useState({
    internetMbpsMeasured: '',
    backupPowerTested: false,
    backupPowerMinutes: '',
    seatsCounted: String(c.seatCount),
    passed: true,
    notes: '',
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/inspections', {
          params: { path: { id: c.id } },
          body: {
            internetMbpsMeasured: Number(f.internetMbpsMeasured),
            backupPowerTested: f.backupPowerTested,
            ...(f.backupPowerMinutes ? { backupPowerMinutes: Number(f.backupPowerMinutes) } : {}),
            seatsCounted: Number(f.seatsCounted),
            passed: f.passed,
            ...(f.notes.trim() ? { notes: f.notes.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['inspections', c.id] });
      void qc.invalidateQueries({ queryKey: ['centre', c.id] });
    },
  });
  const history = (
    <>
      {list.isPending ? <Loading /> : null}
      <FormAlert error={list.error} />
      {list.data && list.data.length === 0 ? <p>{t('bk.setup.inspectionNone')}</p> : null}
      <ul className="plain-list">
        {(list.data ?? []).map((i) => (
          <li key={i.id}>
            {fmt.dateTime(i.inspectedAt)}: {i.passed ? t('bk.setup.passed') : t('bk.setup.failed')} ·{' '}
            {t('bk.amenity.internet', { mbps: fmt.number(i.internetMbpsMeasured) })} ·{' '}
            {t('bk.setup.seatsCounted')} {fmt.number(i.seatsCounted)}
            {i.notes ? ` · ${i.notes}` : ''}
            {i.photos.length ? (
              <div className="inspection-photos">
                {i.photos.map((p, n) => (
                  <div key={p.id}>
                    <a
                      href={`/api/v1/centers/${c.id}/inspections/${i.id}/photos/${p.id}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      <img
                        src={`/api/v1/centers/${c.id}/inspections/${i.id}/photos/${p.id}`}
                        alt={photoAlt(p) ?? t('bk.setup.photoAlt', { n: n + 1 })}
                        width={96}
                        height={72}
                      />
                    </a>
                    {admin ? (
                      <PublishPhoto centreId={c.id} inspectionId={i.id} passed={i.passed} photo={p} />
                    ) : null}
                    {owner ? (
                      <PhotoConsent centreId={c.id} inspectionId={i.id} passed={i.passed} photo={p} />
                    ) : null}
                  </div>
                ))}
              </div>
            ) : null}
            {admin ? (
              <FileUpload
                url={`/api/v1/centers/${c.id}/inspections/${i.id}/photos`}
                label={t('bk.setup.addPhoto')}
                accept="image/jpeg,image/png"
                onDone={() => void qc.invalidateQueries({ queryKey: ['inspections', c.id] })}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
  if (!admin) {
    return (
      <section className="card" aria-labelledby="insp-h">
        <h2 id="insp-h">{t('bk.setup.inspections')}</h2>
        {owner ? <p>{t('bk.pub.consentIntro')}</p> : null}
        {history}
        <p className="field-hint">{t('bk.setup.onlyAdmin')}</p>
      </section>
    );
  }
  return (
    <Section
      id="insp"
      title={t('bk.setup.inspections')}
      onSubmit={() => save.mutate()}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
      submitLabel={t('bk.setup.record')}
    >
      {history}
      <TextField
        id="insp-internet"
        type="number"
        min={0}
        label={t('bk.setup.internetMeasured')}
        value={f.internetMbpsMeasured}
        onChange={(e) => setF({ ...f, internetMbpsMeasured: e.target.value })}
        error={fieldError(save.error, 'internetMbpsMeasured')}
        required
      />
      <div className="check">
        <input
          type="checkbox"
          id="insp-backup"
          checked={f.backupPowerTested}
          onChange={(e) => setF({ ...f, backupPowerTested: e.target.checked })}
        />
        <label htmlFor="insp-backup">{t('bk.setup.backupTested')}</label>
      </div>
      <TextField
        id="insp-backup-min"
        type="number"
        min={0}
        label={t('bk.setup.backupMinutes')}
        value={f.backupPowerMinutes}
        onChange={(e) => setF({ ...f, backupPowerMinutes: e.target.value })}
        error={fieldError(save.error, 'backupPowerMinutes')}
      />
      <TextField
        id="insp-seats"
        type="number"
        min={0}
        label={t('bk.setup.seatsCounted')}
        value={f.seatsCounted}
        onChange={(e) => setF({ ...f, seatsCounted: e.target.value })}
        error={fieldError(save.error, 'seatsCounted')}
      />
      <div className="check">
        <input
          type="checkbox"
          id="insp-passed"
          checked={f.passed}
          onChange={(e) => setF({ ...f, passed: e.target.checked })}
        />
        <label htmlFor="insp-passed">{t('bk.setup.passed')}</label>
      </div>
      <TextField
        id="insp-notes"
        label={t('bk.setup.notes')}
        value={f.notes}
        onChange={(e) => setF({ ...f, notes: e.target.value })}
        error={fieldError(save.error, 'notes')}
      />
    </Section>
  );
}
