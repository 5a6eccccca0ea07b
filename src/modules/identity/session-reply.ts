import type { FastifyReply } from 'fastify';
import type { Deps } from '../../deps.ts';
import { SESSION_COOKIE } from '../../platform/session-cookie.ts';
import type { LoginResult } from './sign-in.ts';
import { BROWSER_COOKIE } from './sign-in-browser.ts';
import { DEVICE_COOKIE } from './trusted-device.service.ts';

/** Sets the session cookie and answers with the session's public half (every way in ends here). */
export const sessionReply = (deps: Deps) => (reply: FastifyReply, s: LoginResult) => {
  reply.setCookie(SESSION_COOKIE, s.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    expires: s.expiresAt,
  });
  // Sent only to the sign-in endpoints, never readable by scripts (decision 0077).
  if (s.trustedDevice)
    reply.setCookie(DEVICE_COOKIE, s.trustedDevice.token, {
      path: '/api/v1/auth',
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.config.secureCookies,
      expires: s.trustedDevice.expiresAt,
    });
  // The browser's sign-in cookie (decision 0081): the same value as it sent, or a new one; sent with
  // every same-site request (the reset request too), never readable by scripts.
  if (s.browser)
    reply.setCookie(BROWSER_COOKIE, s.browser.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      expires: s.browser.expiresAt,
    });
  return {
    user: s.user,
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt.toISOString(),
    ...(s.secondFactor ? { secondFactor: s.secondFactor } : {}),
  };
};
