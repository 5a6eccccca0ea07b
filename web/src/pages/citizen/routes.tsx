import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { Loading } from '../../components/Page';

const FaqPage = lazy(() => import('./InfoPages').then((m) => ({ default: m.FaqPage })));
const PrivacyPage = lazy(() => import('./InfoPages').then((m) => ({ default: m.PrivacyPage })));
const TermsPage = lazy(() => import('./InfoPages').then((m) => ({ default: m.TermsPage })));
const AccessibilityPage = lazy(() => import('./InfoPages').then((m) => ({ default: m.AccessibilityPage })));
const CalculatorPage = lazy(() => import('./CalculatorPage'));
const EligibilityPage = lazy(() => import('./EligibilityPage'));

const Lazy = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>{children}</Suspense>
);

/** What a citizen expects first: help, privacy, terms, accessibility, and owners' calculator and pre-check (public). */
export const citizenArea: Area = {
  name: 'citizen',
  routes: (
    <>
      <Route
        path="help"
        element={
          <Lazy>
            <FaqPage />
          </Lazy>
        }
      />
      <Route
        path="privacy"
        element={
          <Lazy>
            <PrivacyPage />
          </Lazy>
        }
      />
      <Route
        path="terms"
        element={
          <Lazy>
            <TermsPage />
          </Lazy>
        }
      />
      <Route
        path="accessibility"
        element={
          <Lazy>
            <AccessibilityPage />
          </Lazy>
        }
      />
      <Route
        path="calculator"
        element={
          <Lazy>
            <CalculatorPage />
          </Lazy>
        }
      />
      <Route
        path="eligibility"
        element={
          <Lazy>
            <EligibilityPage />
          </Lazy>
        }
      />
    </>
  ),
  nav: [],
};

/** The footer's links, labelled inline so the footer renders before this area's chunk loads. */
export const CITIZEN_LINKS = [
  { to: '/help', en: 'Help and FAQ', ur: 'مدد اور عام سوالات' },
  { to: '/eligibility', en: 'Can I apply?', ur: 'کیا میں درخواست دے سکتا ہوں؟' },
  { to: '/calculator', en: 'Loan calculator', ur: 'قرض کیلکولیٹر' },
  { to: '/complaints', en: 'Complaints', ur: 'شکایات' },
  { to: '/demand', en: 'Where seats are missing', ur: 'جہاں نشستیں کم ہیں' },
  { to: '/privacy', en: 'Privacy', ur: 'رازداری' },
  { to: '/terms', en: 'Terms', ur: 'شرائط' },
  { to: '/accessibility', en: 'Accessibility', ur: 'رسائی' },
] as const;
