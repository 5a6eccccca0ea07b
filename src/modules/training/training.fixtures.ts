import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { makeUser } from '../../testing/test-app.ts';
import { addSpace } from '../centers/index.ts';
import { createCourse } from './catalogue.service.ts';
import { assignTrainer } from './stipend.service.ts';

const sys = systemActor('test');

/** Districts of a province, by id, for seat splits. */
export async function someDistricts(deps: Deps, province = 'PB', n = 3) {
  return deps.db
    .selectFrom('districts')
    .select(['id', 'name_en', 'province_code'])
    .where('province_code', '=', province)
    .orderBy('id')
    .limit(n)
    .execute();
}

let n = 0;
/** An operational centre with a training room (2 seats), a trainer assigned and a course. */
export async function trainingSetup(deps: Deps, opts: { name?: string } = {}) {
  const owner = await makeUser(deps, 'owner');
  const admin = await makeUser(deps, 'program_admin');
  const trainer = await makeUser(deps, 'trainer');
  const { center, meetingRoom } = await makeOperationalCenter(deps, owner.id, {
    name: opts.name ?? 'Training Centre',
  });
  const full = await addSpace(deps, sys, center.id, {
    kind: 'training_room',
    name: 'Training room',
    capacity: 30,
    seats: { count: 2, labelPrefix: 'T' },
  });
  const room = full.spaces.find((s) => s.kind === 'training_room')!;
  await assignTrainer(deps, sys, {
    centerId: center.id,
    trainerId: trainer.id,
    startsOn: '2026-01-01',
    endsOn: null,
  });
  n++;
  const course = await createCourse(deps, sys, {
    code: `WEB-${n}-${Date.now().toString(36).toUpperCase().slice(-4)}`,
    titleEn: 'Web development',
    titleUr: 'ویب ڈویلپمنٹ',
    descriptionEn: 'HTML, CSS, JavaScript and a first client project.',
    descriptionUr: 'ایچ ٹی ایم ایل، سی ایس ایس، جاوا اسکرپٹ اور پہلا کلائنٹ پراجیکٹ۔',
    hours: 120,
    skills: ['html', 'css', 'javascript'],
    level: 'beginner',
    providerKind: 'programme',
    providerName: 'Markaz',
    minAttendancePercent: 75,
    passMark: 50,
  });
  return { owner, admin, trainer, center, room, roomSeat: room.seats[0]!, meetingRoom, course };
}
