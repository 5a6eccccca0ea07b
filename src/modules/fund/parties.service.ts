import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { purposeFor, recordDataAccess, recordReads } from '../../platform/data-access.ts';
import { emitEvent } from '../../platform/events/index.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, forbidden, invalidField, notFound } from '../../shared/errors.ts';
import { maskCnic } from '../../shared/mask.ts';
import { investorVerified } from './fund.events.ts';
import { findStartups, sealFounders, toInvestor, uniqueAsConflict } from './fund.repository.ts';
import type { Investor, InvestorInput, Startup, StartupInput } from './fund.schema.ts';
import {
  actingUserId,
  canReadAll,
  isCommittee,
  isStaff,
  requireFounder,
  requireSignedIn,
  requireStaff,
} from './fund-access.ts';

// The fund's parties: investors (registered by anyone signed in, verified by staff) and startups
// (registered by their founders). A founder's CNIC never leaves the founder and staff, and staff
// see it masked unless they reveal it with a purpose, on the record (decision 0050).

export async function registerInvestor(deps: Deps, actor: Actor, input: InvestorInput): Promise<Investor> {
  requireSignedIn(actor);
  const pii = await piiCipher(deps);
  const id = randomUUID();
  return uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('fund_investors')
        .values({
          id,
          name: input.name,
          jurisdiction: input.jurisdiction,
          registration_no: input.registrationNo,
          evidence: input.evidence,
          contact_email: pii.seal('contacts', input.contactEmail, {
            table: 'fund_investors',
            column: 'contact_email',
            id,
          }),
          status: 'pending',
          status_note: null,
          verified_by: null,
          verified_at: null,
          created_by: actingUserId(actor),
          created_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const investor = toInvestor(pii, row);
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.investor_registered',
        entity: 'fund_investor',
        entityId: row.id,
        after: investor,
      });
      return investor;
    }),
  );
}

export async function listInvestors(deps: Deps, actor: Actor): Promise<Investor[]> {
  requireSignedIn(actor);
  const pii = await piiCipher(deps);
  const rows = await deps.db.selectFrom('fund_investors').selectAll().orderBy('name').execute();
  // An investor's contact email is for the fund's staff and whoever registered the investor.
  const me = actingUserId(actor);
  return rows.map((r) => {
    const i = toInvestor(pii, r);
    return isStaff(actor) || (me !== null && r.created_by === me) ? i : { ...i, contactEmail: null };
  });
}

/** Staff verify (or refuse) an investor's registration: a round it leads can be funded only once verified. */
export async function verifyInvestor(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'verified' | 'rejected'; note?: string | undefined },
): Promise<Investor> {
  requireStaff(actor);
  const pii = await piiCipher(deps);
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
    const investor = toInvestor(pii, row);
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
  return uniqueAsConflict(
    inTransaction(deps.db, async (trx) => {
      const city = await trx
        .selectFrom('cities')
        .select('id')
        .where('id', '=', input.cityId)
        .executeTakeFirst();
      if (!city) throw invalidField('cityId', 'is not a known city', 'unknown_city');
      const pii = await piiCipher(deps, trx);
      const id = randomUUID();
      await trx
        .insertInto('fund_startups')
        .values({
          id,
          name: input.name,
          incorporation_no: input.incorporationNo,
          incorporated_in: input.incorporatedIn,
          sector: input.sector,
          city_id: input.cityId,
          stage: input.stage,
          founders: sealFounders(pii, id, input.founders),
          owner_id: ownerId,
          created_at: deps.clock.now(),
        })
        .execute();
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.startup_registered',
        entity: 'fund_startup',
        entityId: id,
        details: { name: input.name, incorporationNo: input.incorporationNo },
      });
      const [startup] = await findStartups(trx, pii, { id });
      return strip(startup!);
    }),
  );
}

const strip = ({ ownerId: _o, ...s }: Startup & { ownerId: string }): Startup => s;

/**
 * A founder's own startups; staff, auditors and the committee see every one. Staff and auditors
 * see the founders' names with their CNICs masked (`35202-*****67-1`), the committee no founders.
 */
export async function listStartups(deps: Deps, actor: Actor, scope: 'mine' | 'all'): Promise<Startup[]> {
  requireSignedIn(actor);
  if (scope === 'all') {
    if (!canReadAll(actor) && !isCommittee(actor))
      throw new AppError('forbidden', 'Only the fund’s staff see every startup');
    const all = await findStartups(deps.db, await piiCipher(deps), {});
    // Founders' names shown to staff: on each founder's record (decision 0050).
    if (canReadAll(actor))
      await recordReads(
        deps.db,
        deps.clock,
        actor,
        {
          subjectUserIds: all.filter((s) => s.founders.length).map((s) => s.ownerId),
          fields: ['founder_names'],
          purpose: undefined,
          via: 'fund_startups',
        },
        { roles: ['program_admin'], purpose: 'application_review' },
      );
    return all.map((s) =>
      canReadAll(actor)
        ? { ...strip(s), founders: s.founders.map((f) => ({ ...f, cnic: maskCnic(f.cnic) ?? '' })) }
        : { ...strip(s), founders: [] },
    );
  }
  const me = actingUserId(actor);
  if (!me) return [];
  return (await findStartups(deps.db, await piiCipher(deps), { ownerId: me })).map(strip);
}

/**
 * Staff or an auditor see one startup's founders with their CNICs in full: only with a purpose,
 * and the look goes on the record of the founder who registered them, as a reveal (decision 0050).
 */
export async function revealFounders(
  deps: Deps,
  actor: Actor,
  startupId: string,
  input: { purpose?: string | undefined },
): Promise<Pick<Startup, 'founders'>> {
  requireSignedIn(actor);
  if (!canReadAll(actor)) throw forbidden('Only the fund’s staff and auditors see founders’ CNICs');
  const purpose = purposeFor(actor, input.purpose);
  const [startup] = await findStartups(deps.db, await piiCipher(deps), { id: startupId });
  if (!startup) throw notFound('Startup');
  await recordDataAccess(deps.db, deps.clock, actor, {
    subjectUserId: startup.ownerId,
    fields: ['founders'],
    purpose,
    via: 'reveal',
  });
  return { founders: startup.founders };
}
