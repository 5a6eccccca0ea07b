import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const FindTrainingPage = lazy(() => import('./FindTrainingPage'));
const MyTrainingPage = lazy(() => import('./MyTrainingPage'));
const TrainerPage = lazy(() => import('./TrainerPage'));
const StaffTrainingPage = lazy(() => import('./StaffTrainingPage'));

const FREELANCER: readonly Role[] = ['freelancer'];
const RUNS: readonly Role[] = ['trainer', 'program_admin'];
const STAFF: readonly Role[] = ['program_admin'];

function Lazy({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const page = <Suspense fallback={<Loading />}>{children}</Suspense>;
  return roles ? <RequireAuth roles={roles}>{page}</RequireAuth> : page;
}

/** Training: find and apply (public, freelancers), my training, the trainer's cohorts, staff tools. */
export const trainingArea: Area = {
  name: 'training',
  routes: (
    <>
      <Route path="training" element={<Lazy>{<FindTrainingPage />}</Lazy>} />
      <Route path="training/mine" element={<Lazy roles={FREELANCER}>{<MyTrainingPage />}</Lazy>} />
      <Route path="training/teach" element={<Lazy roles={RUNS}>{<TrainerPage />}</Lazy>} />
      <Route path="training/manage" element={<Lazy roles={STAFF}>{<StaffTrainingPage />}</Lazy>} />
    </>
  ),
  nav: [
    { to: '/training', en: 'Training', ur: 'تربیت', show: (r) => r === null || r === 'freelancer' },
    { to: '/training/mine', en: 'My training', ur: 'میری تربیت', show: (r) => r === 'freelancer' },
    { to: '/training/teach', en: 'My cohorts', ur: 'میرے گروپ', show: (r) => r === 'trainer' },
    {
      to: '/training/manage',
      en: 'Training',
      ur: 'تربیت',
      group: 'admin',
      hint: {
        en: 'Courses, cohorts, trainers and their stipends',
        ur: 'کورسز، گروپ، ٹرینرز اور ان کے وظائف',
      },
      show: (r) => r === 'program_admin',
    },
  ],
};
