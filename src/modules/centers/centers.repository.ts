import type { Kysely, Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../db/database.ts';
import type {
  Center,
  CenterListQuery,
  CenterSummary,
  Closure,
  Inspection,
  InspectionPhoto,
  OpeningHours,
  PublicView,
  Space,
} from './centers.schema.ts';
import type {
  CenterInspectionPhotosTable,
  CenterInspectionsTable,
  CenterStatus,
  CentersTable,
} from './centers.table.ts';

type Db = Kysely<Database>;
export type CenterRow = Selectable<CentersTable> & {
  city_name: string;
  city_name_ur: string | null;
  seat_count: number | string | null;
};

function selectCenters(db: Db) {
  return db
    .selectFrom('centers as c')
    .innerJoin('cities', 'cities.id', 'c.city_id')
    .selectAll('c')
    .select(['cities.name_en as city_name', 'cities.name_ur as city_name_ur'])
    .select((eb) =>
      eb
        .selectFrom('seats')
        .whereRef('seats.center_id', '=', 'c.center_id')
        .where('seats.active', '=', true)
        .select(eb.fn.countAll<number>().as('n'))
        .as('seat_count'),
    );
}

/** The amenity columns of a centre row, as every answer shows them. */
export const amenitiesOf = (r: AmenityColumns) => ({
  internetMbps: r.internet_mbps,
  backupPowerHours: r.backup_power_hours,
  hasUps: r.has_ups,
  womenOnlyArea: r.women_only_area,
  prayerArea: r.prayer_area,
  parking: r.parking,
  accessible: r.accessible,
});

/** The price columns of a centre row (paisa; null when not offered). */
export const pricesOf = (r: PriceColumns) => ({
  hourlyMinor: r.price_hourly_minor,
  dayPassMinor: r.price_day_pass_minor,
  monthlyDeskMinor: r.price_monthly_desk_minor,
  meetingRoomHourlyMinor: r.price_meeting_room_hourly_minor,
});

type AmenityColumns = Pick<
  CenterRow,
  | 'internet_mbps'
  | 'backup_power_hours'
  | 'has_ups'
  | 'women_only_area'
  | 'prayer_area'
  | 'parking'
  | 'accessible'
>;
type PriceColumns = Pick<
  CenterRow,
  | 'price_hourly_minor'
  | 'price_day_pass_minor'
  | 'price_monthly_desk_minor'
  | 'price_meeting_room_hourly_minor'
>;

export function toSummary(r: CenterRow): CenterSummary {
  return {
    id: r.center_id,
    ownerId: r.owner_id,
    applicationId: r.application_id,
    nameEn: r.name_en,
    nameUr: r.name_ur,
    address: r.address,
    cityId: r.city_id,
    cityName: r.city_name,
    cityNameUr: r.city_name_ur,
    provinceCode: r.province_code,
    latitude: r.latitude,
    longitude: r.longitude,
    phone: r.phone ?? null,
    status: r.status,
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at.toISOString(),
    amenities: amenitiesOf(r),
    prices: pricesOf(r),
    seatCount: Number(r.seat_count ?? 0),
  };
}

/**
 * What the public (and other freelancers and owners) may see of a centre: the building, not the
 * people behind it. The owner, the application and the status reason are for staff and the owner.
 */
export function toPublicView<T extends CenterSummary>(c: T): PublicView<T> {
  const { ownerId: _o, applicationId: _a, statusReason: _r, ...rest } = c;
  return rest;
}

/** A search result's centre: always the public view. */
export const toPublicSummary = (r: CenterRow): PublicView<CenterSummary> => toPublicView(toSummary(r));

export async function findCenterRow(db: Db, centerId: string): Promise<CenterRow | undefined> {
  return selectCenters(db).where('c.center_id', '=', centerId).executeTakeFirst();
}

/** Locks the centre row for the rest of the transaction (status changes, setup edits). */
export async function lockCenter(db: Db, centerId: string) {
  return db
    .selectFrom('centers')
    .selectAll()
    .where('center_id', '=', centerId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Seat labels in natural order (D-2 before D-10). One collator for the process: `localeCompare`
 * with a locale and options builds a new collator on every call, which made sorting a 100-seat
 * centre cost 1.6 ms of CPU, most of the public centre page's (bench/README.md).
 */
const seatOrder = new Intl.Collator('en', { numeric: true }).compare;

/**
 * A centre with its spaces, seats, hours and closures in one query: the public centre page is the
 * busiest read, and four parallel child queries held four pool connections per request.
 */
export async function loadCenter(db: Db, centerId: string): Promise<Center | undefined> {
  const row = await selectCenters(db)
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('center_spaces as sp')
          .select(['sp.space_id', 'sp.kind', 'sp.name', 'sp.name_ur', 'sp.capacity'])
          .whereRef('sp.center_id', '=', 'c.center_id')
          .orderBy('sp.created_at'),
      ).as('spaces'),
      jsonArrayFrom(
        eb
          .selectFrom('seats as st')
          .select(['st.seat_id', 'st.space_id', 'st.label', 'st.kind', 'st.active'])
          .whereRef('st.center_id', '=', 'c.center_id')
          .orderBy('st.label'),
      ).as('seats'),
      jsonArrayFrom(
        eb
          .selectFrom('center_opening_hours as h')
          .select(['h.weekday', 'h.opens', 'h.closes'])
          .whereRef('h.center_id', '=', 'c.center_id')
          .orderBy('h.weekday'),
      ).as('hours'),
      jsonArrayFrom(
        eb
          .selectFrom('center_closures as x')
          .select(['x.closure_id', 'x.starts_on', 'x.ends_on', 'x.reason', 'x.reason_ur'])
          .whereRef('x.center_id', '=', 'c.center_id')
          .orderBy('x.starts_on'),
      ).as('closures'),
    ])
    .where('c.center_id', '=', centerId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { spaces, seats } = row;
  const hours = row.hours.map((h) => ({
    weekday: h.weekday,
    opens: h.opens.slice(0, 5),
    closes: h.closes.slice(0, 5),
  }));
  const closures = row.closures.map((c) => ({
    id: c.closure_id,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    reason: c.reason,
    reasonUr: c.reason_ur,
  }));
  const out: Space[] = spaces.map((s) => ({
    id: s.space_id,
    kind: s.kind,
    name: s.name,
    nameUr: s.name_ur,
    capacity: s.capacity,
    seats: seats
      .filter((seat) => seat.space_id === s.space_id)
      .sort((a, b) => seatOrder(a.label, b.label))
      .map((seat) => ({
        id: seat.seat_id,
        spaceId: seat.space_id,
        label: seat.label,
        kind: seat.kind,
        active: seat.active,
      })),
  }));
  return {
    ...toSummary(row),
    rules: {
      maxDaysAhead: row.max_days_ahead,
      minNoticeMinutes: row.min_notice_minutes,
      cancellationWindowHours: row.cancellation_window_hours,
      noShowGraceMinutes: row.no_show_grace_minutes,
      meetingBufferMinutes: row.meeting_buffer_minutes,
      maxBookingHours: row.max_booking_hours,
      maxConcurrentPerFreelancer: row.max_concurrent_per_freelancer,
    },
    openingHours: hours,
    closures,
    spaces: out,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listOpeningHours(db: Db, centerId: string): Promise<OpeningHours[]> {
  const rows = await db
    .selectFrom('center_opening_hours')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('weekday')
    .execute();
  return rows.map((h) => ({ weekday: h.weekday, opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) }));
}

export async function listClosures(db: Db, centerId: string): Promise<Closure[]> {
  const rows = await db
    .selectFrom('center_closures')
    .selectAll()
    .where('center_id', '=', centerId)
    .orderBy('starts_on')
    .execute();
  return rows.map((c) => ({
    id: c.closure_id,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    reason: c.reason,
    reasonUr: c.reason_ur,
  }));
}

export async function listCenters(
  db: Db,
  f: CenterListQuery & { statuses: CenterStatus[] | null; ownerId: string | null },
): Promise<{ items: CenterSummary[]; total: number }> {
  const filter = <Q extends ReturnType<typeof selectCenters>>(q: Q): Q => {
    let out = q;
    if (f.statuses) out = out.where('c.status', 'in', f.statuses) as Q;
    if (f.status) out = out.where('c.status', '=', f.status) as Q;
    if (f.ownerId) out = out.where('c.owner_id', '=', f.ownerId) as Q;
    if (f.cityId) out = out.where('c.city_id', '=', f.cityId) as Q;
    if (f.province) out = out.where('c.province_code', '=', f.province) as Q;
    return out;
  };
  const rows = await filter(selectCenters(db))
    .orderBy('c.name_en')
    .orderBy('c.center_id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  let countQ = db.selectFrom('centers as c').select((eb) => eb.fn.countAll<number>().as('n'));
  if (f.statuses) countQ = countQ.where('c.status', 'in', f.statuses);
  if (f.status) countQ = countQ.where('c.status', '=', f.status);
  if (f.ownerId) countQ = countQ.where('c.owner_id', '=', f.ownerId);
  if (f.cityId) countQ = countQ.where('c.city_id', '=', f.cityId);
  if (f.province) countQ = countQ.where('c.province_code', '=', f.province);
  const { n } = await countQ.executeTakeFirstOrThrow();
  return { items: rows.map(toSummary), total: Number(n) };
}

export function toInspectionPhoto(r: Selectable<CenterInspectionPhotosTable>): InspectionPhoto {
  return {
    id: r.photo_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    publicAt: r.public_at ? r.public_at.toISOString() : null,
    altEn: r.alt_en,
    altUr: r.alt_ur,
    ownerConsent: r.owner_consent,
    ownerConsentAt: r.owner_consent_at ? r.owner_consent_at.toISOString() : null,
  };
}

export function toInspection(
  r: Selectable<CenterInspectionsTable>,
  photos: Selectable<CenterInspectionPhotosTable>[] = [],
): Inspection {
  return {
    photos: photos.filter((p) => p.inspection_id === r.inspection_id).map(toInspectionPhoto),
    id: r.inspection_id,
    centerId: r.center_id,
    inspectorId: r.inspector_id,
    internetMbpsMeasured: r.internet_mbps_measured,
    backupPowerTested: r.backup_power_tested,
    backupPowerMinutes: r.backup_power_minutes,
    seatsCounted: r.seats_counted,
    passed: r.passed,
    notes: r.notes,
    inspectedAt: r.inspected_at.toISOString(),
  };
}
