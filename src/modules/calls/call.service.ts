import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, type FieldIssue, invalidField, notFound } from '../../shared/errors.ts';
import * as repo from './call.repository.ts';
import type { Call, CallSummary, CreateCallInput, Criterion, Quota, UpdateCallInput } from './call.schema.ts';
import type { CallStatus } from './calls.table.ts';
import { DEFAULT_CRITERIA, FIRST_PHASE_QUOTAS } from './defaults.ts';

const actorId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/** Admins and auditors see drafts; everyone else sees published calls only. */
export function seesDrafts(actor: Actor): boolean {
  const role = actorRole(actor);
  return actor.kind === 'system' || role === 'program_admin' || role === 'auditor';
}

function fail(fields: FieldIssue[]): never {
  throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
    fields,
  });
}

function checkCriteria(criteria: Criterion[], path = 'criteria'): void {
  const seen = new Set<string>();
  const fields: FieldIssue[] = [];
  criteria.forEach((c, i) => {
    if (seen.has(c.key)) fields.push({ path: `${path}.${i}.key`, message: `${c.key} appears twice` });
    seen.add(c.key);
  });
  if (fields.length) fail(fields);
}

async function checkQuotas(db: Db, quotas: Quota[], path = 'quotas'): Promise<void> {
  const fields: FieldIssue[] = [];
  const seen = new Set<string>();
  const province = new Map<string, number>();
  const districtSum = new Map<string, number>();
  for (const [i, q] of quotas.entries()) {
    const key = `${q.provinceCode}/${q.districtId ?? ''}`;
    if (seen.has(key)) fields.push({ path: `${path}.${i}`, message: 'this area appears twice' });
    seen.add(key);
    if (q.districtId === null) province.set(q.provinceCode, q.seats);
    else {
      districtSum.set(q.provinceCode, (districtSum.get(q.provinceCode) ?? 0) + q.seats);
      const d = await db
        .selectFrom('districts')
        .select('province_code')
        .where('id', '=', q.districtId)
        .executeTakeFirst();
      if (!d) fields.push({ path: `${path}.${i}.districtId`, message: 'no such district' });
      else if (d.province_code !== q.provinceCode)
        fields.push({ path: `${path}.${i}.districtId`, message: `is not in ${q.provinceCode}` });
    }
  }
  for (const [code, sum] of districtSum) {
    const p = province.get(code);
    if (p === undefined || sum > p)
      fields.push({
        path: path,
        message: `district quotas in ${code} add up to ${sum}, more than the province quota of ${p ?? 0}`,
      });
  }
  if (fields.length) fail(fields);
}

function checkDates(opensAt: Date, closesAt: Date): void {
  if (closesAt <= opensAt) throw invalidField('closesAt', 'must be after opensAt');
}

export async function createCall(deps: Deps, actor: Actor, input: CreateCallInput): Promise<Call> {
  requireRole(actor, 'program_admin');
  const criteria = input.criteria ?? DEFAULT_CRITERIA;
  const quotas = input.quotas ?? FIRST_PHASE_QUOTAS;
  const opensAt = new Date(input.opensAt);
  const closesAt = new Date(input.closesAt);
  checkDates(opensAt, closesAt);
  checkCriteria(criteria);
  await checkQuotas(deps.db, quotas);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('calls')
      .values({
        title_en: input.titleEn,
        title_ur: input.titleUr,
        description_en: input.descriptionEn,
        description_ur: input.descriptionUr,
        opens_at: opensAt,
        closes_at: closesAt,
        status: 'draft',
        pass_mark: input.passMark,
        evaluators_per_application: input.evaluatorsPerApplication,
        loan_cap_minor: input.loanCapMinor,
        appeal_window_days: input.appealWindowDays,
        created_by: actorId(actor),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.replaceCriteria(trx, row.id, criteria);
    await repo.replaceQuotas(trx, row.id, quotas);
    const call = await repo.toCall(trx, row, now);
    await recordChange(trx, actor, deps.clock, {
      action: 'call.created',
      entity: 'call',
      entityId: row.id,
      after: call,
      details: { title: call.titleEn, seats: call.totalSeats },
    });
    return call;
  });
}

/**
 * Takes the call's rules for editing, in SQL: only while nobody has submitted an application,
 * and never after closing. The row lock also makes a concurrent first submission wait.
 */
async function lockRules(deps: Deps, trx: Db, id: string): Promise<repo.CallRow> {
  const row = await trx
    .updateTable('calls')
    .set({ updated_at: deps.clock.now() })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'published'])
    .where('first_submitted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  const current = await repo.findCallRow(trx, id);
  if (!current) throw notFound('Call');
  if (current.first_submitted_at) {
    throw new AppError(
      'invalid_state',
      `The call's rules are frozen: the first application was submitted on ${current.first_submitted_at.toISOString()}, and applicants are judged by the rules they applied under`,
    );
  }
  throw new AppError('invalid_state', `The call is ${current.status}; its rules can no longer change`);
}

/** Fields that decide how applicants are judged: frozen from the first submission. */
const RULE_FIELDS = [
  'opensAt',
  'passMark',
  'evaluatorsPerApplication',
  'loanCapMinor',
  'appealWindowDays',
] as const;

/** Titles, descriptions and the closing date stay editable until the call is closed. */
async function lockUnclosed(deps: Deps, trx: Db, id: string): Promise<repo.CallRow> {
  const row = await trx
    .updateTable('calls')
    .set({ updated_at: deps.clock.now() })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'published'])
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  const current = await repo.findCallRow(trx, id);
  if (!current) throw notFound('Call');
  throw new AppError('invalid_state', `The call is ${current.status}; it can no longer change`);
}

export async function updateCall(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateCallInput,
): Promise<Call> {
  requireRole(actor, 'program_admin');
  const touchesRules = RULE_FIELDS.some((k) => input[k] !== undefined);
  return inTransaction(deps.db, async (trx) => {
    const locked = touchesRules ? await lockRules(deps, trx, id) : await lockUnclosed(deps, trx, id);
    const before = await repo.toCall(trx, locked, deps.clock.now());
    const opensAt = input.opensAt ? new Date(input.opensAt) : new Date(before.opensAt);
    const closesAt = input.closesAt ? new Date(input.closesAt) : new Date(before.closesAt);
    checkDates(opensAt, closesAt);
    // Once someone has applied, the deadline may be extended (a corrigendum) but never brought forward.
    if (locked.first_submitted_at && closesAt < locked.closes_at)
      throw invalidField('closesAt', 'can only be extended once applications have been submitted');
    const row = await trx
      .updateTable('calls')
      .set({
        ...(input.titleEn !== undefined ? { title_en: input.titleEn } : {}),
        ...(input.titleUr !== undefined ? { title_ur: input.titleUr } : {}),
        ...(input.descriptionEn !== undefined ? { description_en: input.descriptionEn } : {}),
        ...(input.descriptionUr !== undefined ? { description_ur: input.descriptionUr } : {}),
        ...(input.passMark !== undefined ? { pass_mark: input.passMark } : {}),
        ...(input.evaluatorsPerApplication !== undefined
          ? { evaluators_per_application: input.evaluatorsPerApplication }
          : {}),
        ...(input.loanCapMinor !== undefined ? { loan_cap_minor: input.loanCapMinor } : {}),
        ...(input.appealWindowDays !== undefined ? { appeal_window_days: input.appealWindowDays } : {}),
        opens_at: opensAt,
        closes_at: closesAt,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = await repo.toCall(trx, row, deps.clock.now());
    await recordChange(trx, actor, deps.clock, {
      action: 'call.updated',
      entity: 'call',
      entityId: id,
      before,
      after,
      details: { fields: Object.keys(input) },
    });
    return after;
  });
}

export async function setCriteria(
  deps: Deps,
  actor: Actor,
  id: string,
  criteria: Criterion[],
): Promise<Call> {
  requireRole(actor, 'program_admin');
  checkCriteria(criteria);
  return inTransaction(deps.db, async (trx) => {
    const row = await lockRules(deps, trx, id);
    const before = await repo.loadCriteria(trx, id);
    await repo.replaceCriteria(trx, id, criteria);
    await recordChange(trx, actor, deps.clock, {
      action: 'call.criteria_set',
      entity: 'call',
      entityId: id,
      before,
      after: criteria,
      details: { keys: criteria.map((c) => c.key) },
    });
    return repo.toCall(trx, row, deps.clock.now());
  });
}

export async function setQuotas(deps: Deps, actor: Actor, id: string, quotas: Quota[]): Promise<Call> {
  requireRole(actor, 'program_admin');
  await checkQuotas(deps.db, quotas);
  return inTransaction(deps.db, async (trx) => {
    const row = await lockRules(deps, trx, id);
    const before = await repo.loadQuotas(trx, id);
    await repo.replaceQuotas(trx, id, quotas);
    await recordChange(trx, actor, deps.clock, {
      action: 'call.quotas_set',
      entity: 'call',
      entityId: id,
      before,
      after: quotas,
      details: { seats: quotas.filter((q) => q.districtId === null).reduce((a, q) => a + q.seats, 0) },
    });
    return repo.toCall(trx, row, deps.clock.now());
  });
}

export async function publishCall(deps: Deps, actor: Actor, id: string): Promise<Call> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const current = await repo.findCallRow(trx, id, true);
    if (!current) throw notFound('Call');
    if (current.status !== 'draft')
      throw new AppError('invalid_state', `The call is already ${current.status}`);
    if (current.closes_at <= now) throw invalidField('closesAt', 'is in the past; move it before publishing');
    const quotas = await repo.loadQuotas(trx, id);
    if (!quotas.some((q) => q.seats > 0))
      throw invalidField('quotas', 'a call needs at least one seat of quota');
    const row = await trx
      .updateTable('calls')
      .set({ status: 'published', published_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('invalid_state', 'The call was published by someone else just now');
    await recordChange(trx, actor, deps.clock, {
      action: 'call.published',
      entity: 'call',
      entityId: id,
      details: { opensAt: row.opens_at.toISOString(), closesAt: row.closes_at.toISOString() },
    });
    return repo.toCall(trx, row, now);
  });
}

/** Closes a published call now, ahead of its closing date (it also closes by itself at closes_at). */
export async function closeCall(deps: Deps, actor: Actor, id: string): Promise<Call> {
  requireRole(actor, 'program_admin');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('calls')
      .set({
        status: 'closed',
        closed_at: now,
        updated_at: now,
        closes_at: sql<Date>`least(closes_at, ${now})`,
      })
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('opens_at', '<=', now)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const current = await repo.findCallRow(trx, id);
      if (!current) throw notFound('Call');
      if (current.status === 'published')
        throw new AppError(
          'invalid_state',
          'The call has not opened yet; change its dates instead of closing it',
        );
      throw new AppError('invalid_state', `The call is ${current.status}, not published`);
    }
    await recordChange(trx, actor, deps.clock, { action: 'call.closed', entity: 'call', entityId: id });
    return repo.toCall(trx, row, now);
  });
}

export async function getCall(deps: Deps, actor: Actor, id: string): Promise<Call> {
  const row = await repo.findCallRow(deps.db, id);
  if (!row || (row.status === 'draft' && !seesDrafts(actor))) throw notFound('Call');
  return repo.toCall(deps.db, row, deps.clock.now());
}

export async function listCalls(deps: Deps, actor: Actor, status?: CallStatus): Promise<CallSummary[]> {
  const visible: CallStatus[] = seesDrafts(actor)
    ? ['draft', 'published', 'closed', 'decided']
    : ['published', 'closed', 'decided'];
  return repo.listCalls(
    deps.db,
    visible.filter((s) => !status || s === status),
    deps.clock.now(),
  );
}
