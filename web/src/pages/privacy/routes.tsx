import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const MyDataPage = lazy(() => import('./MyDataPage'));
const MyCorrectionsPage = lazy(() => import('./MyCorrectionsPage'));
const CorrectionsReviewPage = lazy(() => import('./CorrectionsReviewPage'));
const ClosuresReviewPage = lazy(() => import('./ClosuresReviewPage'));
const RetentionPage = lazy(() => import('./RetentionPage'));

const STAFF: readonly Role[] = ['program_admin'];
const READERS: readonly Role[] = ['program_admin', 'auditor'];

/** People's rights over their data: the person's pages and the staff's review (issue 22). */
export const privacyArea: Area = {
  name: 'privacy',
  routes: (
    <>
      <Route
        path="me/data"
        element={
          <RequireAuth>
            <Suspense fallback={<Loading />}>
              <MyDataPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="me/corrections"
        element={
          <RequireAuth>
            <Suspense fallback={<Loading />}>
              <MyCorrectionsPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="admin/corrections"
        element={
          <RequireAuth roles={STAFF}>
            <Suspense fallback={<Loading />}>
              <CorrectionsReviewPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="admin/closures"
        element={
          <RequireAuth roles={STAFF}>
            <Suspense fallback={<Loading />}>
              <ClosuresReviewPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="admin/retention"
        element={
          <RequireAuth roles={READERS}>
            <Suspense fallback={<Loading />}>
              <RetentionPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </>
  ),
  nav: [
    {
      to: '/admin/corrections',
      en: 'Correction requests',
      ur: 'درستی کی درخواستیں',
      group: 'admin',
      hint: {
        en: 'People ask to correct their data: approve or reject with a reason',
        ur: 'لوگ اپنے ڈیٹا کی درستی مانگتے ہیں: وجہ کے ساتھ منظور یا مسترد کریں',
      },
      show: (r) => r === 'program_admin',
    },
    {
      to: '/admin/closures',
      en: 'Account closures',
      ur: 'اکاؤنٹ بند کرنے کی درخواستیں',
      group: 'admin',
      hint: {
        en: 'Requests to close an account that need a look (a stipend pending)',
        ur: 'اکاؤنٹ بند کرنے کی درخواستیں جنہیں دیکھنا ضروری ہے (کوئی وظیفہ باقی)',
      },
      show: (r) => r === 'program_admin',
    },
    {
      to: '/admin/retention',
      en: 'Retention periods',
      ur: 'ریکارڈ رکھنے کی مدت',
      group: 'admin',
      hint: {
        en: 'How long each kind of record is kept before the nightly job deletes it',
        ur: 'ہر قسم کا ریکارڈ رات کے کام سے مٹنے سے پہلے کتنی دیر رکھا جاتا ہے',
      },
      show: (r) => r === 'program_admin' || r === 'auditor',
    },
  ],
};
