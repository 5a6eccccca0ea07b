import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { investorVerified } from './fund.events.ts';
import { findStartups, toInvestor } from './fund.repository.ts';
import type { Investor, InvestorInput, Startup, StartupInput } from './fund.schema.ts';
import {
  actingUserId,
  canReadAll,
  isCommittee,
  requireFounder,
  requireSignedIn,
  requireStaff,
} from './fund-access.ts';

// The fund's parties: investors (registered by anyone signed in, verified by staff) and startups
// (registered by their founders). A founder's CNIC never leaves the founder and staff.

const taken = (path: string, what: string) =>
  new AppError('already_exists', `${what} is already registered`, {
    fields: [{ path, message: 'is already registered', rule: 'taken' }],
  });

export async function registerInvestor(deps: Deps, actor: Actor, input: InvestorInput): Promise<Investor> {
  requireSignedIn(actor);
  return inTransaction(deps.db, async (trx) => {
    const dup = await trx
      .selectFrom('fund_investors')
      .select('id')
      .where('jurisdiction', '=', input.jurisdiction)
      .where('registration_no', '=', input.registrationNo)
      .executeTakeFirst();
    if (dup) throw taken('registrationNo', 'An investor with this registration number');
    const row = await trx
      .insertInto('fund_investors')
      .values({
        name: input.name,
        jurisdiction: input.jurisdiction,
        registration_no: input.registrationNo,
        evidence: input.evidence,
        contact_email: input.contactEmail,
        status: 'pending',
        status_note: null,
        verified_by: null,
        verified_at: null,
        created_by: actingUserId(actor),
        created_at: deps.clock.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const investor = toInvestor(row);
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.investor_registered',
      entity: 'fund_investor',
      entityId: row.id,
      after: investor,
    });
    return investor;
  });
}

export async function listInvestors(deps: Deps, actor: Actor): Promise<Investor[]> {
  requireSignedIn(actor);
  const rows = await deps.db.selectFrom('fund_investors').selectAll().orderBy('name').execute();
  return rows.map(toInvestor);
}

/** Staff verify (or refuse) an investor's registration: a round it leads can be funded only once verified. */
export async function verifyInvestor(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'verified' | 'rejected'; note?: string | undefined },
): Promise<Investor> {
  requireStaff(actor);
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('fund_investors')
      .set({
        status: input.decision,
        status_note: input.note ?? null,
        verified_by: actingUserId(actor),
        verified_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx
        .selectFrom('fund_investors')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) throw notFound('Investor');
      throw new AppError('invalid_state', `This investor is already ${exists.status}`);
    }
    const investor = toInvestor(row);
    await recordChange(trx, actor, deps.clock, {
      action: `fund.investor_${input.decision}`,
      entity: 'fund_investor',
      entityId: id,
      after: investor,
    });
    await emitEvent(
      trx,
      deps,
      investorVerified,
      { investorId: id, name: row.name, jurisdiction: row.jurisdiction, status: input.decision },
      actor,
    );
    return investor;
  });
}

export async function registerStartup(deps: Deps, actor: Actor, input: StartupInput): Promise<Startup> {
  const ownerId = requireFounder(actor);
  return inTransaction(deps.db, async (trx) => {
    const city = await trx
      .selectFrom('cities')
      .select('id')
      .where('id', '=', input.cityId)
      .executeTakeFirst();
    if (!city) throw invalidField('cityId', 'is not a known city', 'unknown_city');
    const dup = await trx
      .selectFrom('fund_startups')
      .select('id')
      .where('incorporation_no', '=', input.incorporationNo)
      .executeTakeFirst();
    if (dup) throw taken('incorporationNo', 'A startup with this incorporation number');
    const { id } = await trx
      .insertInto('fund_startups')
      .values({
        name: input.name,
        incorporation_no: input.incorporationNo,
        incorporated_in: input.incorporatedIn,
        sector: input.sector,
        city_id: input.cityId,
        stage: input.stage,
        founders: JSON.stringify(input.founders),
        owner_id: ownerId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'fund.startup_registered',
      entity: 'fund_startup',
      entityId: id,
      details: { name: input.name, incorporationNo: input.incorporationNo },
    });
    const [startup] = await findStartups(trx, { id });
    return strip(startup!);
  });
}

const strip = ({ ownerId: _o, ...s }: Startup & { ownerId: string }): Startup => s;

/** A founder's own startups; staff, auditors and the committee see every one. */
export async function listStartups(deps: Deps, actor: Actor, scope: 'mine' | 'all'): Promise<Startup[]> {
  requireSignedIn(actor);
  if (scope === 'all') {
    if (!canReadAll(actor) && !isCommittee(actor))
      throw new AppError('forbidden', 'Only the fund’s staff see every startup');
    return (await findStartups(deps.db, {})).map((s) =>
      canReadAll(actor) ? strip(s) : { ...strip(s), founders: [] },
    );
  }
  const me = actingUserId(actor);
  if (!me) return [];
  return (await findStartups(deps.db, { ownerId: me })).map(strip);
}
