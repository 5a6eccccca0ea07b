import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { invalidField } from '../../shared/errors.ts';
import { decodeAfter, encodeAfter } from './inspection-inspector.ts';
import { toVisit, visits } from './inspection-visit.service.ts';
import type { InspectionVisit, InspectionVisitListQuery } from './inspection-visits.schema.ts';

export type InspectionVisitPage = {
  items: InspectionVisit[];
  limit: number;
  nextAfter: string | null;
  next: string | null;
};

/**
 * The programme's inspection calendar: every visit (booked ones by default), soonest first, by
 * district and by inspector, a page at a time. A range holding more than a page is never cut
 * silently: `next` (and `nextAfter`) lead on from the last visit shown, by its start then its id.
 */
export async function listInspectionVisits(
  deps: Deps,
  actor: Actor,
  q: Partial<InspectionVisitListQuery>,
): Promise<InspectionVisitPage> {
  requireRole(actor, 'program_admin', 'auditor');
  if (q.from && !q.to) throw invalidField('to', 'is required with from', 'range');
  if (q.to && !q.from) throw invalidField('from', 'is required with to', 'range');
  if (q.from && q.to && q.to < q.from) throw invalidField('to', 'must not be before from', 'range');
  if (q.from && q.to && Date.parse(q.to) - Date.parse(q.from) > 62 * 86_400_000)
    throw invalidField('to', 'must be at most 62 days after from', 'range');
  const limit = q.limit ?? 200;
  const cursor = q.after ? decodeAfter(q.after) : null;
  // Days are Pakistan's (UTC+5, no daylight saving): a calendar's week or month as people read it.
  let query = visits(deps.db).where('v.status', '=', q.status ?? 'booked');
  if (q.from) query = query.where('v.starts_at', '>=', new Date(`${q.from}T00:00:00+05:00`));
  if (q.to)
    query = query.where('v.starts_at', '<', new Date(Date.parse(`${q.to}T00:00:00+05:00`) + 86_400_000));
  if (q.districtId) query = query.where('d.id', '=', q.districtId);
  if (q.inspectorId) query = query.where('v.inspector_id', '=', q.inspectorId);
  const ranged = Boolean(q.from || q.to);
  const dir = ranged || !q.status || q.status === 'booked' ? 'asc' : 'desc';
  const beyond = dir === 'asc' ? '>' : '<';
  if (cursor)
    query = query.where((eb) =>
      eb.or([
        eb('v.starts_at', beyond, cursor.startsAt),
        eb.and([eb('v.starts_at', '=', cursor.startsAt), eb('v.visit_id', beyond, cursor.visitId)]),
      ]),
    );
  const rows = await query
    .orderBy('v.starts_at', dir)
    .orderBy('v.visit_id', dir)
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const nextAfter = rows.length > limit && last ? encodeAfter(last.starts_at, last.visit_id) : null;
  return {
    items: shown.map(toVisit),
    limit,
    nextAfter,
    next: nextAfter ? nextLink(q, limit, nextAfter) : null,
  };
}

function nextLink(q: Partial<InspectionVisitListQuery>, limit: number, after: string): string {
  const params = new URLSearchParams();
  for (const key of ['status', 'from', 'to', 'districtId', 'inspectorId'] as const)
    if (q[key] !== undefined) params.set(key, String(q[key]));
  params.set('limit', String(limit));
  params.set('after', after);
  return `/api/v1/inspection-visits?${params}`;
}
