import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, api, onUnauthenticated, setCsrfToken, type User, unwrap } from '../api/client';
import { currentLang, isLang, setLanguage } from '../i18n';

export const ME_KEY = ['me'] as const;

/** The logged-in user, or null. A 401 from GET /me is "nobody", not an error. */
async function fetchMe(): Promise<User | null> {
  try {
    const s = await unwrap(api.GET('/api/v1/me'));
    setCsrfToken(s.csrfToken);
    applyUserLocale(s.user);
    return s.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken('');
      return null;
    }
    throw e;
  }
}

/** The saved language of a person applies when their session starts. */
function applyUserLocale(user: User): void {
  if (isLang(user.locale) && user.locale !== currentLang()) void setLanguage(user.locale);
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
}

/** Keeps the session in step with the server: a 401 anywhere means logged out. */
export function useSessionWatch(): void {
  const qc = useQueryClient();
  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken('');
        qc.setQueryData(ME_KEY, null);
      }),
    [qc],
  );
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { login: string; password: string }) =>
      unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      // The password alone of a privileged account: the code step (or enrolment) comes first.
      if (s.secondFactor) return;
      qc.setQueryData(ME_KEY, s.user);
      // A language the visitor chose before signing in wins over the one stored on the account,
      // and becomes the account's (notices follow it). One nobody chose (a new device) gives way.
      const lang = currentLang();
      if (!languageChosen()) applyUserLocale(s.user);
      else if (s.user.locale !== lang) {
        void unwrap(api.PATCH('/api/v1/me', { body: { locale: lang } }))
          .then((user) => qc.setQueryData(ME_KEY, user))
          .catch(() => undefined);
      }
    },
  });
}

export type RegisterBody = {
  role: 'freelancer' | 'owner';
  name: string;
  email: string;
  mobile: string;
  cnic: string;
  password: string;
};

/** Registration's first step: the server answers the same whatever exists, and sends a code. */
export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterBody) =>
      unwrap(api.POST('/api/v1/auth/register', { body: { ...body, locale: currentLang() } })),
  });
}

/** Registration's second step: the code from the SMS creates the account and signs in. */
export function useVerifyRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { mobile: string; code: string }) =>
      unwrap(api.POST('/api/v1/auth/register/verify', { body })),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      // The password alone of a privileged account: the code step (or enrolment) comes first.
      if (s.secondFactor) return;
      qc.setQueryData(ME_KEY, s.user);
    },
  });
}

/** Ends the session here, then forgets everything cached for the previous person. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      setCsrfToken('');
      qc.clear();
      qc.setQueryData(ME_KEY, null);
      // The language chosen on this device was this person's: the next account to sign in here
      // keeps its own profile language instead of having it overwritten.
      try {
        localStorage.removeItem(CHOSEN_KEY);
      } catch {
        // Nothing remembered, nothing to forget.
      }
    },
  });
}

const CHOSEN_KEY = 'markaz.localeChosen';

/** Whether the person on this device picked the language themselves (the switch), not a default. */
function languageChosen(): boolean {
  try {
    return localStorage.getItem(CHOSEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Switches the language; when logged in, also saves it to the profile. */
export function useSwitchLanguage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (lang: 'en' | 'ur') => {
      await setLanguage(lang);
      try {
        localStorage.setItem(CHOSEN_KEY, '1');
      } catch {
        // Not remembered: signing in then follows the account's language.
      }
      const me = qc.getQueryData<User | null>(ME_KEY);
      if (!me) return null;
      return unwrap(api.PATCH('/api/v1/me', { body: { locale: lang } }));
    },
    onSuccess: (user) => {
      if (user) qc.setQueryData(ME_KEY, user);
    },
  });
}
