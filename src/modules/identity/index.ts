import { dailyAt } from '../../jobs/scheduler.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { identityCli } from './identity.cli.ts';
import { seedIdentityDemo } from './identity.demo.ts';
import { identityPersonalData } from './identity.pii.ts';
import { identityPersonalRecords } from './identity.records.ts';

export { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedIdentityDemo } from './identity.demo.ts';

import { factorRoutes } from './factor.routes.ts';
import { factorResealJob } from './factor-secret.ts';
import { identityFigures } from './identity.figures.ts';
import { identityRoutes } from './identity.routes.ts';
import { authenticateApiKey } from './organization.service.ts';
import { personalDataRoutes } from './personal-data.routes.ts';
import { signInRoutes } from './recovery.routes.ts';
import { authenticateSession, csrfMatches, pruneExpiredSessions } from './session.service.ts';

export { demoActor } from './demo-actor.ts';
// The identity area's public face: other areas import only from here.
export { identityFigures } from './identity.figures.ts';
export { contactsOf, emailIndex, identityPersonalData, recipientsOf } from './identity.pii.ts';
export { actorNames, contactIndexes } from './identity.repository.ts';
export { identityRoutes } from './identity.routes.ts';
export { normalizeCnic, normalizeEmail, normalizeMobile, passwordProblem } from './identity.rules.ts';
export { LocaleSchema, type Organization, RoleSchema, type User, UserSchema } from './identity.schema.ts';
export type { IdentityTables, OrganizationKind, Role } from './identity.table.ts';
export {
  authenticateApiKey,
  createApiKey,
  createOrganization,
  listApiKeys,
  listOrganizations,
  revokeApiKey,
  updateApiKeyLimits,
} from './organization.service.ts';
export {
  authenticateSession,
  csrfMatches,
  logout,
  pruneExpiredSessions,
  SESSION_COOKIE,
} from './session.service.ts';
export {
  changePassword,
  createUser,
  getUser,
  listUsers,
  registerUser,
  setUserStatus,
  updateProfile,
} from './user.service.ts';

export const identityArea: AreaManifest = {
  name: 'identity',
  routes: (deps) => async (app) => {
    await app.register(identityRoutes(deps));
    await app.register(signInRoutes(deps));
    await app.register(personalDataRoutes(deps));
    await app.register(factorRoutes(deps));
  },
  jobs: () => [
    {
      kind: 'periodic',
      name: 'identity.sessions',
      order: 30,
      duePeriod: dailyAt('03:00'),
      run: async (d) => ({ sessions: await pruneExpiredSessions(d) }),
    },
    // Authenticators sealed under the `tokens` secret before decision 0077, moved onto the data keys.
    factorResealJob,
  ],
  figures: inOrder(40, identityFigures),
  demo: {
    step: 'people and organisations',
    seed: async (deps) => (await seedIdentityDemo(deps)).logins,
  },
  cli: identityCli,
  authenticator: { session: authenticateSession, apiKey: authenticateApiKey, csrfMatches },
  personalData: identityPersonalData,
  personalRecords: identityPersonalRecords,
};
export { findAccountByContact, parseContact } from './account-lookup.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { signIn, signIn as login } from './sign-in.ts';
