/** The sign-in cookie's name: the identity area sets it; the platform's auth and public cache read it. */
export const SESSION_COOKIE = 'markaz_session';
