import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { minorToDecimal } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useCentre } from './CentrePage';
import { FileUpload } from './FileUpload';
import { type Center, centerName, quarterHours } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';

type Status = components['schemas']['CenterStatus'];
const STATUSES: Status[] = ['approved', 'under_setup', 'inspected', 'operational', 'suspended', 'closed'];
const SPACE_KINDS = ['hot_desk_area', 'cabin', 'meeting_room', 'training_room'] as const;
const TIMES = [...quarterHours('00:00', '23:45'), '23:59'];

/** One section of the set-up page: its own form, its own error and "saved" message. */
function Section({
  title,
  id,
  onSubmit,
  pending,
  error,
  saved,
  children,
  submitLabel,
}: {
  title: string;
  id: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  saved: boolean;
  children: ReactNode;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="form card"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={`${id}-h`}>{title}</h2>
      <FormAlert error={error} />
      {children}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {submitLabel ?? t('bk.setup.save')}
        </button>
      </div>
      {saved ? (
        <p role="status" className="free-seats">
          {t('bk.setup.saved')}
        </p>
      ) : null}
    </form>
  );
}

function useSave<T>(fn: (body: T) => Promise<unknown>, centreId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre', centreId] }),
  });
}

const num = (v: string) => (v.trim() === '' ? null : Number(v));
const rupeesToPaisa = (v: string) => (v.trim() === '' ? null : Math.round(Number(v) * 100));

function Amenities({ c }: { c: Center }) {
  const { t } = useTranslation();
  const a = c.amenities;
  const [f, setF] = useState({
    internetMbps: a.internetMbps === null ? '' : String(a.internetMbps),
    backupPowerHours: a.backupPowerHours === null ? '' : String(a.backupPowerHours),
    hasUps: a.hasUps,
    womenOnlyArea: a.womenOnlyArea,
    prayerArea: a.prayerArea,
    parking: a.parking,
    accessible: a.accessible,
  });
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/amenities', {
          params: { path: { id: c.id } },
          body: { ...f, internetMbps: num(f.internetMbps), backupPowerHours: num(f.backupPowerHours) },
        }),
      ),
    c.id,
  );
  const flags = [
    ['hasUps', t('bk.setup.hasUps')],
    ['womenOnlyArea', t('bk.amenity.womenOnlyArea')],
    ['prayerArea', t('bk.amenity.prayerArea')],
    ['parking', t('bk.amenity.parking')],
    ['accessible', t('bk.amenity.accessible')],
  ] as const;
  return (
    <Section
      id="am"
      title={t('bk.setup.amenities')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      <TextField
        id="am-internet"
        type="number"
        min={0}
        label={t('bk.setup.internetMbps')}
        value={f.internetMbps}
        onChange={(e) => setF({ ...f, internetMbps: e.target.value })}
        error={fieldError(save.error, 'internetMbps')}
      />
      <TextField
        id="am-backup"
        type="number"
        min={0}
        label={t('bk.setup.backupPowerHours')}
        value={f.backupPowerHours}
        onChange={(e) => setF({ ...f, backupPowerHours: e.target.value })}
        error={fieldError(save.error, 'backupPowerHours')}
      />
      {flags.map(([k, label]) => (
        <div className="check" key={k}>
          <input
            type="checkbox"
            id={`am-${k}`}
            checked={f[k]}
            onChange={(e) => setF({ ...f, [k]: e.target.checked })}
          />
          <label htmlFor={`am-${k}`}>{label}</label>
        </div>
      ))}
    </Section>
  );
}

function Hours({ c }: { c: Center }) {
  const { t } = useTranslation();
  const initial = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const h = c.openingHours.find((x) => x.weekday === weekday);
    return { weekday, open: !!h, opens: h?.opens ?? '09:00', closes: h?.closes ?? '21:00' };
  });
  const [days, setDays] = useState(initial);
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/hours', {
          params: { path: { id: c.id } },
          body: {
            days: days
              .filter((d) => d.open)
              .map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
          },
        }),
      ),
    c.id,
  );
  const set = (i: number, patch: Partial<(typeof days)[number]>) =>
    setDays(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <Section
      id="hours"
      title={t('bk.setup.hours')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      <p className="field-hint">{t('bk.setup.hoursMidnight')}</p>
      {days.map((d, i) => {
        const day = t(`bk.weekday.${d.weekday}`);
        return (
          <div className="hour-row" key={d.weekday}>
            <div className="check">
              <input
                type="checkbox"
                id={`hours-open-${d.weekday}`}
                checked={d.open}
                onChange={(e) => set(i, { open: e.target.checked })}
              />
              <label htmlFor={`hours-open-${d.weekday}`}>{t('bk.setup.openDay', { day })}</label>
            </div>
            {d.open ? (
              <>
                <SelectField
                  id={`hours-opens-${d.weekday}`}
                  label={`${t('bk.setup.opens')} (${day})`}
                  value={d.opens}
                  onChange={(e) => set(i, { opens: e.target.value })}
                  error={fieldError(save.error, `days.${i}.opens`)}
                >
                  {TIMES.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </SelectField>
                <SelectField
                  id={`hours-closes-${d.weekday}`}
                  label={`${t('bk.setup.closes')} (${day})`}
                  value={d.closes}
                  onChange={(e) => set(i, { closes: e.target.value })}
                  error={fieldError(save.error, `days.${i}.closes`)}
                >
                  {TIMES.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </SelectField>
              </>
            ) : null}
          </div>
        );
      })}
    </Section>
  );
}

function Prices({ c }: { c: Center }) {
  const { t } = useTranslation();
  const r = (v: number | null) => (v === null ? '' : minorToDecimal(v).replace(/\.00$/, ''));
  const [f, setF] = useState({
    hourlyMinor: r(c.prices.hourlyMinor),
    dayPassMinor: r(c.prices.dayPassMinor),
    monthlyDeskMinor: r(c.prices.monthlyDeskMinor),
    meetingRoomHourlyMinor: r(c.prices.meetingRoomHourlyMinor),
  });
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/prices', {
          params: { path: { id: c.id } },
          body: {
            hourlyMinor: rupeesToPaisa(f.hourlyMinor),
            dayPassMinor: rupeesToPaisa(f.dayPassMinor),
            monthlyDeskMinor: rupeesToPaisa(f.monthlyDeskMinor),
            meetingRoomHourlyMinor: rupeesToPaisa(f.meetingRoomHourlyMinor),
          },
        }),
      ),
    c.id,
  );
  const fields = [
    ['hourlyMinor', t('bk.setup.hourly')],
    ['dayPassMinor', t('bk.setup.dayPass')],
    ['monthlyDeskMinor', t('bk.setup.monthly')],
    ['meetingRoomHourlyMinor', t('bk.setup.meetingHourly')],
  ] as const;
  return (
    <Section
      id="prices"
      title={t('bk.setup.prices')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      {fields.map(([k, label]) => (
        <TextField
          key={k}
          id={`price-${k}`}
          inputMode="decimal"
          dir="ltr"
          label={label}
          value={f[k]}
          onChange={(e) => setF({ ...f, [k]: e.target.value })}
          error={fieldError(save.error, k)}
        />
      ))}
    </Section>
  );
}

function Rules({ c }: { c: Center }) {
  const { t } = useTranslation();
  const keys = [
    'maxDaysAhead',
    'minNoticeMinutes',
    'cancellationWindowHours',
    'noShowGraceMinutes',
    'meetingBufferMinutes',
    'maxBookingHours',
    'maxConcurrentPerFreelancer',
  ] as const;
  const [f, setF] = useState(
    Object.fromEntries(keys.map((k) => [k, String(c.rules[k])])) as Record<(typeof keys)[number], string>,
  );
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/rules', {
          params: { path: { id: c.id } },
          body: Object.fromEntries(keys.map((k) => [k, Number(f[k])])) as Center['rules'],
        }),
      ),
    c.id,
  );
  return (
    <Section
      id="rules"
      title={t('bk.setup.rules')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      {keys.map((k) => (
        <TextField
          key={k}
          id={`rules-${k}`}
          type="number"
          inputMode="numeric"
          min={0}
          label={t(`bk.setup.${k}`)}
          value={f[k]}
          onChange={(e) => setF({ ...f, [k]: e.target.value })}
          error={fieldError(save.error, k)}
        />
      ))}
    </Section>
  );
}

function Closures({ c }: { c: Center }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [f, setF] = useState({ startsOn: '', endsOn: '', reason: '' });
  const add = useSave(
    () => unwrap(api.POST('/api/v1/centers/{id}/closures', { params: { path: { id: c.id } }, body: f })),
    c.id,
  );
  const datesReady = /^\d{4}-\d{2}-\d{2}$/.test(f.startsOn) && /^\d{4}-\d{2}-\d{2}$/.test(f.endsOn);
  // What the closure would cancel, shown before the owner confirms it.
  const impact = useQuery({
    queryKey: ['closure-impact', c.id, f.startsOn, f.endsOn],
    enabled: datesReady && f.endsOn >= f.startsOn,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/{id}/closures/preview', {
          params: { path: { id: c.id }, query: { startsOn: f.startsOn, endsOn: f.endsOn } },
        }),
      ),
  });
  const remove = useMutation({
    mutationFn: (closureId: string) =>
      unwrap(
        api.DELETE('/api/v1/centers/{id}/closures/{closureId}', {
          params: { path: { id: c.id, closureId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre', c.id] }),
  });
  return (
    <Section
      id="closures"
      title={t('bk.setup.closures')}
      onSubmit={() => add.mutate(undefined)}
      pending={add.isPending}
      error={add.error ?? remove.error}
      saved={add.isSuccess}
      submitLabel={
        impact.data?.bookings
          ? t('bk.setup.addClosureCancelling', { bookings: fmt.number(impact.data.bookings) })
          : t('bk.setup.addClosure')
      }
    >
      {c.closures.length ? (
        <ul className="plain-list">
          {c.closures.map((x) => (
            <li key={x.id}>
              {fmt.date(x.startsOn)}
              {x.endsOn !== x.startsOn ? ` – ${fmt.date(x.endsOn)}` : ''}: {x.reason}{' '}
              <button
                type="button"
                className="btn btn--small"
                onClick={() => remove.mutate(x.id)}
                disabled={remove.isPending}
              >
                {t('bk.setup.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row-2">
        <TextField
          id="cl-from"
          type="date"
          label={t('bk.setup.startsOn')}
          value={f.startsOn}
          onChange={(e) => setF({ ...f, startsOn: e.target.value, endsOn: f.endsOn || e.target.value })}
          error={fieldError(add.error, 'startsOn')}
        />
        <TextField
          id="cl-to"
          type="date"
          label={t('bk.setup.endsOn')}
          value={f.endsOn}
          onChange={(e) => setF({ ...f, endsOn: e.target.value })}
          error={fieldError(add.error, 'endsOn')}
        />
      </div>
      <TextField
        id="cl-reason"
        label={t('bk.setup.reason')}
        value={f.reason}
        onChange={(e) => setF({ ...f, reason: e.target.value })}
        error={fieldError(add.error, 'reason')}
      />
      {impact.data ? (
        <p
          role="status"
          className={impact.data.bookings ? 'cancel-reason' : 'field-hint'}
          data-testid="closure-impact"
        >
          {impact.data.bookings || impact.data.waitlist
            ? t('bk.setup.closureImpact', {
                bookings: fmt.number(impact.data.bookings),
                waitlist: fmt.number(impact.data.waitlist),
              })
            : t('bk.setup.closureImpactNone')}
        </p>
      ) : null}
    </Section>
  );
}

function Spaces({ c }: { c: Center }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({
    kind: 'hot_desk_area' as (typeof SPACE_KINDS)[number],
    name: '',
    capacity: '10',
    count: '10',
    labelPrefix: 'H',
  });
  const add = useSave(
    () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/spaces', {
          params: { path: { id: c.id } },
          body: {
            kind: f.kind,
            name: f.name,
            capacity: Number(f.capacity),
            seats: { count: Number(f.count), labelPrefix: f.labelPrefix },
          },
        }),
      ),
    c.id,
  );
  const toggle = useMutation({
    mutationFn: (s: { seatId: string; active: boolean }) =>
      unwrap(
        api.POST('/api/v1/centers/{id}/seats/{seatId}/active', {
          params: { path: { id: c.id, seatId: s.seatId } },
          body: { active: s.active },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre', c.id] }),
  });
  return (
    <Section
      id="spaces"
      title={t('bk.setup.spaces')}
      onSubmit={() => add.mutate(undefined)}
      pending={add.isPending}
      error={add.error ?? toggle.error}
      saved={add.isSuccess}
      submitLabel={t('bk.setup.addSpace')}
    >
      {c.spaces.map((s) => (
        <details key={s.id}>
          <summary>
            {s.name} ({t(`bk.spaceKind.${s.kind}`)}) —{' '}
            {t('bk.centre.seats', { count: s.seats.filter((x) => x.active).length })}
          </summary>
          <ul className="plain-list">
            {s.seats.map((seat) => (
              <li key={seat.id}>
                {seat.label} · {t(`bk.kind.${seat.kind}`)} · {seat.active ? t('bk.setup.active') : '—'}{' '}
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate({ seatId: seat.id, active: !seat.active })}
                >
                  {seat.active ? t('bk.setup.takeOut') : t('bk.setup.putBack')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <SelectField
        id="sp-kind"
        label={t('bk.setup.spaceKind')}
        value={f.kind}
        onChange={(e) => setF({ ...f, kind: e.target.value as (typeof SPACE_KINDS)[number] })}
      >
        {SPACE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`bk.spaceKind.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="sp-name"
        label={t('bk.setup.spaceName')}
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
        error={fieldError(add.error, 'name')}
      />
      <div className="row-2">
        <TextField
          id="sp-capacity"
          type="number"
          min={1}
          label={t('bk.setup.capacity')}
          value={f.capacity}
          onChange={(e) => setF({ ...f, capacity: e.target.value })}
          error={fieldError(add.error, 'capacity')}
        />
        <TextField
          id="sp-count"
          type="number"
          min={0}
          label={t('bk.setup.seatCount')}
          value={f.count}
          onChange={(e) => setF({ ...f, count: e.target.value })}
          error={fieldError(add.error, 'seats.count')}
        />
      </div>
      <TextField
        id="sp-prefix"
        label={t('bk.setup.labelPrefix')}
        value={f.labelPrefix}
        onChange={(e) => setF({ ...f, labelPrefix: e.target.value })}
        error={fieldError(add.error, 'seats.labelPrefix')}
      />
    </Section>
  );
}

function StatusSection({ c }: { c: Center }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [f, setF] = useState({ status: STATUSES.find((s) => s !== c.status) ?? 'operational', reason: '' });
  const stopping = f.status === 'suspended' || f.status === 'closed';
  const impact = useQuery({
    queryKey: ['status-impact', c.id, f.status],
    enabled: stopping,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/{id}/status/preview', {
          params: { path: { id: c.id }, query: { status: f.status } },
        }),
      ),
  });
  const save = useSave(
    () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/status', {
          params: { path: { id: c.id } },
          body: { status: f.status, reason: f.reason },
        }),
      ),
    c.id,
  );
  return (
    <Section
      id="status"
      title={t('bk.setup.status')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
      submitLabel={t('bk.setup.changeStatus')}
    >
      <p>
        {t('bk.setup.current', { status: t(`bk.centreStatus.${c.status}`) })}
        {c.statusReason ? ` — ${c.statusReason}` : ''}
      </p>
      <SelectField
        id="st-status"
        label={t('bk.setup.newStatus')}
        value={f.status}
        onChange={(e) => setF({ ...f, status: e.target.value as Status })}
        error={fieldError(save.error, 'status')}
      >
        {STATUSES.filter((s) => s !== c.status).map((s) => (
          <option key={s} value={s}>
            {t(`bk.centreStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="st-reason"
        label={t('bk.setup.reason')}
        value={f.reason}
        onChange={(e) => setF({ ...f, reason: e.target.value })}
        error={fieldError(save.error, 'reason')}
        required
      />
      {stopping && impact.data && (impact.data.bookings || impact.data.waitlist) ? (
        <p role="status" className="cancel-reason">
          {t('bk.setup.statusImpact', {
            bookings: fmt.number(impact.data.bookings),
            waitlist: fmt.number(impact.data.waitlist),
          })}
        </p>
      ) : null}
    </Section>
  );
}

function Inspections({ c, admin }: { c: Center; admin: boolean }) {
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
                  <a
                    key={p.id}
                    href={`/api/v1/centers/${c.id}/inspections/${i.id}/photos/${p.id}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    <img
                      src={`/api/v1/centers/${c.id}/inspections/${i.id}/photos/${p.id}`}
                      alt={t('bk.setup.photoAlt', { n: n + 1 })}
                      width={96}
                      height={72}
                    />
                  </a>
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

export function SetupPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const centre = useCentre(id);
  if (centre.isPending) return <Loading />;
  if (centre.isError) return <FormAlert error={centre.error} />;
  const c = centre.data;
  // Each section keeps its own form state; remount them when the centre changes on the server.
  const k = `${c.id}-${c.status}`;
  return (
    <Page title={t('bk.setup.title', { name: centerName(c) })}>
      <div className="cards setup-cards">
        <StatusSection key={`st-${k}`} c={c} />
        <Inspections c={c} admin={me.data?.role === 'program_admin'} />
        <Amenities c={c} />
        <Hours c={c} />
        <Prices c={c} />
        <Rules c={c} />
        <Closures c={c} />
        <Spaces c={c} />
      </div>
    </Page>
  );
}

/** The programme admin registers a centre that already runs, directly (before selection exists). */
export function RegisterCentrePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [f, setF] = useState({
    ownerId: '',
    nameEn: '',
    nameUr: '',
    address: '',
    cityId: '',
    latitude: '',
    longitude: '',
    status: 'approved' as 'approved' | 'operational',
  });
  const cities = useQuery({
    queryKey: ['geo-cities'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/cities', { params: { query: { limit: 500 } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const owners = useQuery({
    queryKey: ['owners'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { role: 'owner', limit: 100 } } })),
    retry: false,
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/centers', {
          body: {
            ownerId: f.ownerId,
            nameEn: f.nameEn,
            ...(f.nameUr.trim() ? { nameUr: f.nameUr } : {}),
            address: f.address,
            cityId: Number(f.cityId),
            latitude: Number(f.latitude),
            longitude: Number(f.longitude),
            status: f.status,
          },
        }),
      ),
    onSuccess: (c) => navigate(`/owner/centres/${c.id}/setup`),
  });
  const pickCity = (id: string) => {
    const city = cities.data?.find((c) => String(c.id) === id);
    setF({
      ...f,
      cityId: id,
      latitude: f.latitude || (city ? String(city.latitude) : ''),
      longitude: f.longitude || (city ? String(city.longitude) : ''),
    });
  };
  const ownerItems = (owners.data as { items?: { id: string; name: string; email: string }[] } | undefined)
    ?.items;
  return (
    <Page title={t('bk.admin.title')}>
      <p className="lead">{t('bk.admin.lead')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <FormAlert error={save.error} />
        {save.isSuccess ? (
          <Notice kind="success">
            <p>{t('bk.admin.created')}</p>
          </Notice>
        ) : null}
        {ownerItems ? (
          <SelectField
            id="rc-owner"
            label={t('bk.admin.owner')}
            value={f.ownerId}
            onChange={(e) => setF({ ...f, ownerId: e.target.value })}
            error={fieldError(save.error, 'ownerId')}
            required
          >
            <option value="">—</option>
            {ownerItems.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.email})
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            id="rc-owner"
            label={t('bk.admin.owner')}
            hint={t('bk.admin.ownerHint')}
            value={f.ownerId}
            dir="ltr"
            onChange={(e) => setF({ ...f, ownerId: e.target.value })}
            error={fieldError(save.error, 'ownerId')}
            required
          />
        )}
        <TextField
          id="rc-name-en"
          label={t('bk.admin.nameEn')}
          value={f.nameEn}
          onChange={(e) => setF({ ...f, nameEn: e.target.value })}
          error={fieldError(save.error, 'nameEn')}
          required
        />
        <TextField
          id="rc-name-ur"
          label={t('bk.admin.nameUr')}
          lang="ur"
          dir="rtl"
          value={f.nameUr}
          onChange={(e) => setF({ ...f, nameUr: e.target.value })}
          error={fieldError(save.error, 'nameUr')}
        />
        <TextField
          id="rc-address"
          label={t('bk.admin.address')}
          value={f.address}
          onChange={(e) => setF({ ...f, address: e.target.value })}
          error={fieldError(save.error, 'address')}
          required
        />
        <SelectField
          id="rc-city"
          label={t('bk.admin.city')}
          value={f.cityId}
          onChange={(e) => pickCity(e.target.value)}
          error={fieldError(save.error, 'cityId')}
          required
        >
          <option value="">—</option>
          {(cities.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {centerName(c)}
            </option>
          ))}
        </SelectField>
        <div className="row-2">
          <TextField
            id="rc-lat"
            inputMode="decimal"
            dir="ltr"
            label={t('bk.admin.lat')}
            value={f.latitude}
            onChange={(e) => setF({ ...f, latitude: e.target.value })}
            error={fieldError(save.error, 'latitude')}
            required
          />
          <TextField
            id="rc-lng"
            inputMode="decimal"
            dir="ltr"
            label={t('bk.admin.lng')}
            value={f.longitude}
            onChange={(e) => setF({ ...f, longitude: e.target.value })}
            error={fieldError(save.error, 'longitude')}
            required
          />
        </div>
        <SelectField
          id="rc-status"
          label={t('bk.admin.status')}
          value={f.status}
          onChange={(e) => setF({ ...f, status: e.target.value as 'approved' | 'operational' })}
        >
          <option value="approved">{t('bk.centreStatus.approved')}</option>
          <option value="operational">{t('bk.centreStatus.operational')}</option>
        </SelectField>
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('bk.admin.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
