import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { CentreSelect, useOperationalCentres } from './Pickers';

type Session = { key: number; date: string; from: string; to: string };
let sessionKeys = 0;
const newSession = (from = '17:00', to = '19:00'): Session => ({ key: ++sessionKeys, date: '', from, to });
const EMPTY = {
  courseId: '',
  centerId: '',
  roomSpaceId: '',
  trainerId: '',
  capacity: '25',
  startsOn: '',
  endsOn: '',
  admissionOrder: 'merit' as 'merit' | 'first_come',
  seatRule: 'equal' as 'equal' | 'population',
};

/**
 * Staff open a cohort: course, centre and its training room, a trainer assigned there, seats,
 * dates, the districts sharing the seats and the timetable. Every session holds the whole room;
 * a clash comes back as a 409 naming free alternatives.
 */
export function OpenCohortForm() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [f, setF] = useState(EMPTY);
  const [sessions, setSessions] = useState<Session[]>(() => [newSession()]);
  const [weights, setWeights] = useState<Record<number, string>>({});
  const courses = useQuery({
    queryKey: ['training-courses'],
    queryFn: () => unwrap(api.GET('/api/v1/training/courses')),
  });
  const centre = useQuery({
    queryKey: ['training-centre', f.centerId],
    enabled: Boolean(f.centerId),
    queryFn: () => unwrap(api.GET('/api/v1/centers/{id}', { params: { path: { id: f.centerId } } })),
  });
  const centreProvince = useOperationalCentres().data?.items.find((c) => c.id === f.centerId)?.provinceCode;
  // Seats may be shared with another province's districts (a territory without districts of its own).
  const [otherProvince, setOtherProvince] = useState('');
  const province = otherProvince || centreProvince;
  const provinces = useQuery({
    queryKey: ['provinces'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/provinces')),
  });
  const districts = useQuery({
    queryKey: ['districts', province],
    enabled: Boolean(province),
    queryFn: () =>
      unwrap(api.GET('/api/v1/geo/provinces/{code}/districts', { params: { path: { code: province! } } })),
  });
  const trainers = useQuery({
    queryKey: ['training-assignments'],
    queryFn: () => unwrap(api.GET('/api/v1/training/trainer-assignments')),
  });
  const rooms = (centre.data?.spaces ?? []).filter((s) => s.kind === 'training_room');
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/training/cohorts', {
          body: {
            ...f,
            trainerId: f.trainerId || null,
            capacity: Number(f.capacity),
            districts: Object.entries(weights).map(([id, w]) => ({
              districtId: Number(id),
              weight: f.seatRule === 'equal' ? 1 : Number(w) || 1,
            })),
            sessions: sessions.map(({ key: _key, ...s }) => s),
          },
        }),
      ),
    onSuccess: () => {
      setF(EMPTY);
      setWeights({});
      setSessions([newSession()]);
      void qc.invalidateQueries({ queryKey: ['training-managed'] });
    },
  });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const err = (path: string) => fieldError(open.error, path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate();
  };
  const setSession = (i: number, patch: Partial<Session>) =>
    setSessions(sessions.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <form className="card card--muted" onSubmit={submit} noValidate aria-labelledby="tr-open">
      <h2 id="tr-open">{t('tr.openCohort')}</h2>
      <FormAlert error={open.error} />
      <SelectField
        id="cohort-course"
        label={t('tr.course')}
        value={f.courseId}
        onChange={set('courseId')}
        error={err('courseId')}
      >
        <option value="">{t('tr.choose')}</option>
        {(courses.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {c.code} · {fmt.lang === 'ur' ? c.titleUr : c.titleEn}
          </option>
        ))}
      </SelectField>
      <CentreSelect
        id="cohort-centre"
        value={f.centerId}
        onChange={(centerId) => {
          setF({ ...f, centerId, roomSpaceId: '', trainerId: '' });
          setOtherProvince('');
          setWeights({});
        }}
        error={err('centerId')}
      />
      <SelectField
        id="cohort-room"
        label={t('tr.room')}
        value={f.roomSpaceId}
        onChange={set('roomSpaceId')}
        error={err('roomSpaceId')}
      >
        <option value="">{t('tr.choose')}</option>
        {rooms.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="cohort-trainer"
        label={t('tr.trainer')}
        value={f.trainerId}
        onChange={set('trainerId')}
        error={err('trainerId')}
      >
        <option value="">{t('tr.noTrainerYet')}</option>
        {(trainers.data ?? [])
          .filter((a) => a.centerId === f.centerId)
          .map((a) => (
            <option key={`${a.trainerId}-${a.startsOn}`} value={a.trainerId}>
              {a.trainerName}
            </option>
          ))}
      </SelectField>
      <TextField
        id="cohort-capacity"
        type="number"
        label={t('tr.capacity')}
        value={f.capacity}
        onChange={set('capacity')}
        error={err('capacity')}
      />
      <TextField
        id="cohort-starts"
        type="date"
        label={t('tr.startsOn')}
        value={f.startsOn}
        onChange={set('startsOn')}
        error={err('startsOn')}
      />
      <TextField
        id="cohort-ends"
        type="date"
        label={t('tr.endsOn')}
        value={f.endsOn}
        onChange={set('endsOn')}
        error={err('endsOn')}
      />
      <SelectField
        id="cohort-order"
        label={t('tr.orderLabel')}
        value={f.admissionOrder}
        onChange={set('admissionOrder')}
      >
        <option value="merit">{t('tr.order.merit')}</option>
        <option value="first_come">{t('tr.order.first_come')}</option>
      </SelectField>
      <SelectField id="cohort-rule" label={t('tr.seatRule')} value={f.seatRule} onChange={set('seatRule')}>
        <option value="equal">{t('tr.seatRules.equal')}</option>
        <option value="population">{t('tr.seatRules.population')}</option>
      </SelectField>
      <fieldset className="picker">
        <legend>{t('tr.districts')}</legend>
        <SelectField
          id="cohort-province"
          label={t('tr.province')}
          value={province ?? ''}
          onChange={(e) => {
            setOtherProvince(e.target.value);
            setWeights({});
          }}
        >
          <option value="">{t('tr.choose')}</option>
          {(provinces.data ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {fmt.lang === 'ur' ? p.nameUr : p.nameEn}
            </option>
          ))}
        </SelectField>
        {err('districts') ? <p className="field-error">{err('districts')}</p> : null}
        {(districts.data ?? []).map((d) => (
          <div key={d.id} className="inline-form">
            <label>
              <input
                type="checkbox"
                checked={d.id in weights}
                onChange={(e) => {
                  const next = { ...weights };
                  if (e.target.checked) next[d.id] = '1';
                  else delete next[d.id];
                  setWeights(next);
                }}
              />{' '}
              {fmt.lang === 'ur' && d.nameUr ? d.nameUr : d.nameEn}
            </label>
            {f.seatRule === 'population' && d.id in weights ? (
              <TextField
                id={`weight-${d.id}`}
                type="number"
                label={t('tr.population')}
                value={weights[d.id]}
                onChange={(e) => setWeights({ ...weights, [d.id]: e.target.value })}
              />
            ) : null}
          </div>
        ))}
      </fieldset>
      <fieldset className="picker">
        <legend>{t('tr.timetableLabel')}</legend>
        {sessions.map((s, i) => (
          <div key={s.key} className="inline-form session-input">
            <TextField
              id={`session-${i}-date`}
              type="date"
              label={t('tr.date')}
              value={s.date}
              onChange={(e) => setSession(i, { date: e.target.value })}
              error={err(`sessions.${i}.date`)}
            />
            <TextField
              id={`session-${i}-from`}
              type="time"
              label={t('tr.fromTime')}
              value={s.from}
              onChange={(e) => setSession(i, { from: e.target.value })}
              error={err(`sessions.${i}.from`)}
            />
            <TextField
              id={`session-${i}-to`}
              type="time"
              label={t('tr.toTime')}
              value={s.to}
              onChange={(e) => setSession(i, { to: e.target.value })}
              error={err(`sessions.${i}.to`)}
            />
            {sessions.length > 1 ? (
              <button
                type="button"
                className="btn"
                onClick={() => setSessions(sessions.filter((_, j) => j !== i))}
              >
                {t('tr.removeSession')}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="btn"
          onClick={() => setSessions([...sessions, newSession(sessions.at(-1)?.from, sessions.at(-1)?.to)])}
        >
          {t('tr.addSession')}
        </button>
      </fieldset>
      <button type="submit" className="btn btn--primary" disabled={open.isPending}>
        {t('tr.openCohort')}
      </button>
      {open.isSuccess ? <p role="status">✓ {t('tr.opened')}</p> : null}
    </form>
  );
}
