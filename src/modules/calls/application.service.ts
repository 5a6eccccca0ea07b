import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, type FieldIssue, forbidden, notFound } from '../../shared/errors.ts';
import { formatMoney, money } from '../../shared/money.ts';
import { isIsoDate, karachiDate } from '../../shared/time.ts';
import { isInPakistan } from '../geo/index.ts';
import * as repo from './application.repository.ts';
import type {
  Application,
  ApplicationSummary,
  CreateApplicationInput,
  UpdateApplicationInput,
} from './application.schema.ts';
import { callPhase, findCallRow } from './call.repository.ts';
import { applicationSubmitted } from './calls.events.ts';
import type { ApplicationsTable, CallsTable } from './calls.table.ts';

type Fields = Omit<UpdateApplicationInput, never>;
type Checked = {
  provinceCode: string;
  latitude?: number | null | undefined;
  longitude?: number | null | undefined;
  cityId?: number | null | undefined;
  districtId?: number | null | undefined;
  loanRequestedMinor?: number | null | undefined;
  readinessDate?: string | null | undefined;
};

function fail(fields: FieldIssue[]): never {
  throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
    fields,
  });
}

/** Checks the fields against the call and the map, collecting every problem before failing. */
async function checkFields(deps: Deps, call: Pick<CallsTable, 'loan_cap_minor'>, f: Checked): Promise<void> {
  const fields: FieldIssue[] = [];
  if (f.latitude != null && f.longitude != null && !isInPakistan(f.latitude, f.longitude)) {
    fields.push({ path: 'latitude', message: 'the location must lie inside Pakistan' });
    fields.push({ path: 'longitude', message: 'the location must lie inside Pakistan' });
  }
  if ((f.latitude == null) !== (f.longitude == null)) {
    fields.push({ path: f.latitude == null ? 'latitude' : 'longitude', message: 'give both coordinates' });
  }
  if (f.loanRequestedMinor != null && f.loanRequestedMinor > call.loan_cap_minor) {
    fields.push({
      path: 'loanRequestedMinor',
      message: `must not exceed the call's loan cap of ${formatMoney(money(call.loan_cap_minor))}`,
    });
  }
  if (f.readinessDate != null && !isIsoDate(f.readinessDate))
    fields.push({ path: 'readinessDate', message: 'is not a calendar date' });
  if (f.cityId != null) {
    const city = await deps.db
      .selectFrom('cities')
      .select('province_code')
      .where('id', '=', f.cityId)
      .executeTakeFirst();
    if (!city) fields.push({ path: 'cityId', message: 'no such city' });
    else if (city.province_code !== f.provinceCode)
      fields.push({ path: 'cityId', message: `is not in ${f.provinceCode}` });
  }
  if (f.districtId != null) {
    const d = await deps.db
      .selectFrom('districts')
      .select('province_code')
      .where('id', '=', f.districtId)
      .executeTakeFirst();
    if (!d) fields.push({ path: 'districtId', message: 'no such district' });
    else if (d.province_code !== f.provinceCode)
      fields.push({ path: 'districtId', message: `is not in ${f.provinceCode}` });
  }
  if (fields.length) fail(fields);
}

function columns(f: Fields): Partial<Record<keyof ApplicationsTable, unknown>> {
  const c: Record<string, unknown> = {};
  const map: [keyof Fields, keyof ApplicationsTable][] = [
    ['buildingName', 'building_name'],
    ['provinceCode', 'province_code'],
    ['districtId', 'district_id'],
    ['cityId', 'city_id'],
    ['latitude', 'latitude'],
    ['longitude', 'longitude'],
    ['coveredAreaSqft', 'covered_area_sqft'],
    ['hotDesks', 'hot_desks'],
    ['cabins', 'cabins'],
    ['meetingRooms', 'meeting_rooms'],
    ['trainingRooms', 'training_rooms'],
    ['internetMbps', 'internet_mbps'],
    ['internetProvider', 'internet_provider'],
    ['fibre', 'fibre'],
    ['backupKva', 'backup_kva'],
    ['backupHours', 'backup_hours'],
    ['readinessDate', 'readiness_date'],
    ['loanRequestedMinor', 'loan_requested_minor'],
  ];
  for (const [k, col] of map) if (f[k] !== undefined) c[col] = f[k];
  if (f.address !== undefined) {
    c.address = f.address;
    c.address_key = repo.addressKey(f.address);
  }
  if (f.facilities !== undefined) c.facilities = JSON.stringify(f.facilities);
  return c;
}

function buildingTaken(err: unknown): AppError | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505' || !/applications_building_key/.test(e.constraint ?? e.message ?? '')) return null;
  return new AppError('already_exists', 'This building already has an application in this call', {
    fields: [{ path: 'address', message: 'already has an application in this call' }],
  });
}

function notOpen(call: Pick<CallsTable, 'status' | 'opens_at' | 'closes_at'>, now: Date): AppError {
  const phase = callPhase(call, now);
  if (phase === 'upcoming')
    return new AppError(
      'invalid_state',
      `The call opens on ${karachiDate(call.opens_at)}; applications are not accepted yet`,
    );
  return new AppError(
    'invalid_state',
    `The call is not open for applications: it closed on ${call.closes_at.toISOString()} (${karachiDate(call.closes_at)}, Pakistan time)`,
  );
}

async function nextReference(trx: Deps['db'], now: Date): Promise<string> {
  const year = Number(karachiDate(now).slice(0, 4));
  const row = await trx
    .insertInto('application_reference_counters')
    .values({ year, last: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last: eb('application_reference_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `EOI-${year}-${String(row.last).padStart(4, '0')}`;
}

export async function createApplication(
  deps: Deps,
  actor: Actor,
  input: CreateApplicationInput,
): Promise<Application> {
  requireRole(actor, 'owner');
  const ownerId = actor.kind === 'user' ? actor.userId : null;
  if (!ownerId) throw forbidden('Only a building owner can apply');
  const now = deps.clock.now();
  const call = await findCallRow(deps.db, input.callId);
  if (!call || call.status === 'draft') throw notFound('Call');
  if (callPhase(call, now) !== 'open') throw notOpen(call, now);
  await checkFields(deps, call, input);
  const { callId: _callId, ...fields } = input;
  try {
    return await inTransaction(deps.db, async (trx) => {
      const reference = await nextReference(trx, now);
      const row = await trx
        .insertInto('applications')
        .values({
          ...(columns(fields) as object),
          call_id: input.callId,
          owner_id: ownerId,
          reference,
          status: 'draft',
          building_name: input.buildingName,
          address: input.address,
          address_key: repo.addressKey(input.address),
          province_code: input.provinceCode,
          facilities: JSON.stringify(input.facilities ?? []),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const app = await repo.toApplication(trx, row);
      await recordChange(trx, actor, deps.clock, {
        action: 'application.created',
        entity: 'application',
        entityId: row.id,
        after: app,
        details: { callId: input.callId, reference },
      });
      return app;
    });
  } catch (err) {
    throw buildingTaken(err) ?? err;
  }
}

/** The owner's own application, or 404 — another owner's application is not revealed to exist. */
async function ownApplication(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'owner');
  const row = await repo.findApplicationRow(deps.db, id);
  if (!row || actor.kind !== 'user' || row.owner_id !== actor.userId) throw notFound('Application');
  return row;
}

export async function updateApplication(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateApplicationInput,
): Promise<Application> {
  const current = await ownApplication(deps, actor, id);
  if (current.status !== 'draft')
    throw new AppError('invalid_state', 'A submitted application cannot be changed');
  const now = deps.clock.now();
  const call = (await findCallRow(deps.db, current.call_id))!;
  if (callPhase(call, now) !== 'open') throw notOpen(call, now);
  const merged = {
    provinceCode: input.provinceCode ?? current.province_code,
    latitude: input.latitude ?? current.latitude,
    longitude: input.longitude ?? current.longitude,
    cityId: input.cityId ?? current.city_id,
    districtId: input.districtId === undefined ? current.district_id : input.districtId,
    loanRequestedMinor: input.loanRequestedMinor,
    readinessDate: input.readinessDate,
  };
  await checkFields(deps, call, merged);
  try {
    return await inTransaction(deps.db, async (trx) => {
      const before = await repo.toApplication(trx, current);
      const row = await trx
        .updateTable('applications')
        .set({ ...(columns(input) as object), updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .returningAll()
        .executeTakeFirst();
      if (!row)
        throw new AppError('invalid_state', 'The application was submitted meanwhile and cannot be changed');
      const after = await repo.toApplication(trx, row);
      await recordChange(trx, actor, deps.clock, {
        action: 'application.updated',
        entity: 'application',
        entityId: id,
        before,
        after,
        details: { fields: Object.keys(input) },
      });
      return after;
    });
  } catch (err) {
    throw buildingTaken(err) ?? err;
  }
}

const REQUIRED_TO_SUBMIT: [keyof ApplicationsTable, string][] = [
  ['city_id', 'cityId'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['covered_area_sqft', 'coveredAreaSqft'],
  ['internet_mbps', 'internetMbps'],
  ['readiness_date', 'readinessDate'],
  ['loan_requested_minor', 'loanRequestedMinor'],
];

/** Final and timestamped; only while the call is open on the programme's clock, checked in SQL. */
export async function submitApplication(deps: Deps, actor: Actor, id: string): Promise<Application> {
  const current = await ownApplication(deps, actor, id);
  if (current.status !== 'draft')
    throw new AppError('invalid_state', 'The application was already submitted');
  const missing = REQUIRED_TO_SUBMIT.filter(([col]) => current[col] === null).map(([, path]) => ({
    path,
    message: 'is required to submit',
  }));
  const seats = [current.hot_desks, current.cabins].reduce<number>((a, n) => a + (n ?? 0), 0);
  if (seats === 0)
    missing.push({ path: 'hotDesks', message: 'offer at least one seat (hot desks or cabins)' });
  if (missing.length) fail(missing);
  const now = deps.clock.now();
  const call = (await findCallRow(deps.db, current.call_id))!;
  await checkFields(deps, call, {
    provinceCode: current.province_code,
    loanRequestedMinor: current.loan_requested_minor,
  });
  return inTransaction(deps.db, async (trx) => {
    // Marks the call's rules as frozen and checks it is open, in one guarded statement.
    const open = await trx
      .updateTable('calls')
      .set((eb) => ({ first_submitted_at: eb.fn.coalesce('first_submitted_at', eb.val(now)) }))
      .where('id', '=', current.call_id)
      .where('status', '=', 'published')
      .where('opens_at', '<=', now)
      .where('closes_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    if (!open) throw notOpen(call, now);
    const row = await trx
      .updateTable('applications')
      .set({ status: 'submitted', submitted_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('invalid_state', 'The application was already submitted');
    await recordChange(trx, actor, deps.clock, {
      action: 'application.submitted',
      entity: 'application',
      entityId: id,
      details: { reference: row.reference, callId: row.call_id },
    });
    await emitEvent(
      trx,
      deps,
      applicationSubmitted,
      { applicationId: id, callId: row.call_id, reference: row.reference, ownerId: row.owner_id },
      actor,
    );
    return repo.toApplication(trx, row);
  });
}

/**
 * Who may read an application: its owner, admins and auditors, and an evaluator assigned to it
 * who has declared no conflict of interest. Others get 404, so existence is not revealed.
 */
export async function readableApplication(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'owner', 'evaluator', 'program_admin', 'auditor');
  const row = await repo.findApplicationRow(deps.db, id);
  if (!row) throw notFound('Application');
  const role = actorRole(actor);
  if (actor.kind === 'system' || role === 'program_admin' || role === 'auditor') return row;
  if (actor.kind !== 'user') throw notFound('Application');
  if (role === 'owner') {
    if (row.owner_id !== actor.userId) throw notFound('Application');
    return row;
  }
  const a = await deps.db
    .selectFrom('evaluation_assignments')
    .select('status')
    .where('application_id', '=', id)
    .where('evaluator_id', '=', actor.userId)
    .executeTakeFirst();
  if (!a || row.status === 'draft') throw notFound('Application');
  if (a.status === 'pending')
    throw new AppError(
      'invalid_state',
      'Declare whether you have a conflict of interest before reading the application',
    );
  if (a.status === 'recused') throw forbidden('You recused yourself from this application');
  return row;
}

export async function getApplication(deps: Deps, actor: Actor, id: string): Promise<Application> {
  return repo.toApplication(deps.db, await readableApplication(deps, actor, id));
}

export async function listApplications(
  deps: Deps,
  actor: Actor,
  filter: { callId?: string | undefined; status?: ApplicationsTable['status'] | undefined },
): Promise<ApplicationSummary[]> {
  requireRole(actor, 'owner', 'program_admin', 'auditor');
  if (actor.kind === 'user' && actor.role === 'owner') {
    return repo.listApplicationSummaries(deps.db, { ...filter, ownerId: actor.userId, includeDrafts: true });
  }
  return repo.listApplicationSummaries(deps.db, { ...filter, includeDrafts: filter.status === 'draft' });
}
