import type { Deps } from '../deps.ts';
import * as centers from '../modules/centers/index.ts';
import { systemActor } from '../platform/actor.ts';

/** Lahore, Gulberg: a point well inside Pakistan. */
export const LAHORE = { latitude: 31.5204, longitude: 74.3587 };

export async function cityId(deps: Deps, name: string): Promise<number> {
  const row = await deps.db
    .selectFrom('cities')
    .select('id')
    .where('name_en', '=', name)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * An operational centre open 09:00–21:00 every day, with a hot-desk area of `desks` seats,
 * a dedicated-desk row, a meeting room, prices and default rules. Built through the services.
 */
export async function makeOperationalCenter(
  deps: Deps,
  ownerId: string,
  opts: { desks?: number; city?: string; latitude?: number; longitude?: number; name?: string } = {},
) {
  const sys = systemActor('test');
  const center = await centers.createCenter(deps, sys, {
    ownerId,
    nameEn: opts.name ?? 'Test Centre',
    address: '1 Main Boulevard',
    cityId: await cityId(deps, opts.city ?? 'Lahore'),
    latitude: opts.latitude ?? LAHORE.latitude,
    longitude: opts.longitude ?? LAHORE.longitude,
    status: 'operational',
  });
  await centers.setOpeningHours(
    deps,
    sys,
    center.id,
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '21:00' })),
  );
  await centers.setPrices(deps, sys, center.id, {
    hourlyMinor: 10_000,
    dayPassMinor: 30_000,
    monthlyDeskMinor: 350_000,
    meetingRoomHourlyMinor: 50_000,
  });
  await centers.setAmenities(deps, sys, center.id, {
    internetMbps: 100,
    backupPowerHours: 8,
    hasUps: true,
    womenOnlyArea: true,
    prayerArea: true,
    parking: false,
    accessible: true,
  });
  await centers.addSpace(deps, sys, center.id, {
    kind: 'hot_desk_area',
    name: 'Hall',
    capacity: 50,
    seats: { count: opts.desks ?? 3, labelPrefix: 'H' },
  });
  await centers.addSpace(deps, sys, center.id, {
    kind: 'hot_desk_area',
    name: 'Dedicated row',
    capacity: 10,
    seats: { count: 2, labelPrefix: 'D', kind: 'dedicated_desk' },
  });
  const full = await centers.addSpace(deps, sys, center.id, {
    kind: 'meeting_room',
    name: 'Meeting room',
    capacity: 8,
    seats: { count: 1, labelPrefix: 'M' },
  });
  const seats = full.spaces.flatMap((s) => s.seats);
  return {
    center: full,
    desks: seats.filter((s) => s.kind === 'hot_desk'),
    dedicated: seats.filter((s) => s.kind === 'dedicated_desk'),
    meetingRoom: seats.find((s) => s.kind === 'meeting_room')!,
  };
}
