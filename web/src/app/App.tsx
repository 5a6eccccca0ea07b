import { Fragment, lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../components/Page';
import { DashboardPage } from '../pages/DashboardPage';
import { HomePage } from '../pages/HomePage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ProfilePage } from '../pages/ProfilePage';
import { RegisterPage } from '../pages/RegisterPage';
import { AREAS } from './all-areas';
import { Layout } from './Layout';
import { RequireAuth } from './RequireAuth';
import { useSessionWatch } from './session';

// Staff pages are few people's pages: keep them out of the bundle every freelancer's phone loads.
const AdminHomePage = lazy(() => import('../pages/admin/AdminHomePage'));
const UsersPage = lazy(() => import('../pages/admin/UsersPage'));
const CreateUserPage = lazy(() => import('../pages/admin/CreateUserPage'));
const OrganizationsPage = lazy(() => import('../pages/admin/OrganizationsPage'));
const ApiKeysPage = lazy(() => import('../pages/admin/ApiKeysPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const ForgotPasswordPage = lazy(() => import('../pages/signin/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../pages/signin/ResetPasswordPage'));
const VerifyMobilePage = lazy(() => import('../pages/signin/VerifyMobilePage'));
const VerifyEmailPage = lazy(() => import('../pages/signin/VerifyEmailPage'));
const lazyPage = (page: React.ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

const ADMIN = ['program_admin'] as const;
const STAFF_READ = ['program_admin', 'auditor'] as const;

function Staff({
  roles,
  children,
}: {
  roles: readonly ('program_admin' | 'auditor')[];
  children: React.ReactNode;
}) {
  return (
    <RequireAuth roles={roles}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </RequireAuth>
  );
}

export function App() {
  useSessionWatch();
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="forgot-password" element={lazyPage(<ForgotPasswordPage />)} />
        <Route path="reset-password" element={lazyPage(<ResetPasswordPage />)} />
        <Route path="verify-mobile" element={lazyPage(<VerifyMobilePage />)} />
        <Route path="verify-email" element={lazyPage(<VerifyEmailPage />)} />
        <Route
          path="dashboard"
          element={
            <RequireAuth>
              <DashboardPage />
            </RequireAuth>
          }
        />
        <Route
          path="profile"
          element={
            <RequireAuth>
              <ProfilePage />
            </RequireAuth>
          }
        />
        <Route
          path="admin"
          element={
            <RequireAuth>
              <Suspense fallback={<Loading />}>
                <AdminHomePage />
              </Suspense>
            </RequireAuth>
          }
        />
        <Route
          path="admin/users"
          element={
            <Staff roles={STAFF_READ}>
              <UsersPage />
            </Staff>
          }
        />
        <Route
          path="admin/users/new"
          element={
            <Staff roles={ADMIN}>
              <CreateUserPage />
            </Staff>
          }
        />
        <Route
          path="admin/organizations"
          element={
            <Staff roles={ADMIN}>
              <OrganizationsPage />
            </Staff>
          }
        />
        <Route
          path="admin/api-keys"
          element={
            <Staff roles={ADMIN}>
              <ApiKeysPage />
            </Staff>
          }
        />
        <Route
          path="audit"
          element={
            <Staff roles={STAFF_READ}>
              <AuditPage />
            </Staff>
          }
        />
        {AREAS.map((a) => (
          <Fragment key={a.name}>{a.routes}</Fragment>
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
