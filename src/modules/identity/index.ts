// The identity area's public face: other areas import only from here.
export { identityFigures } from './identity.figures.ts';
export { actorNames } from './identity.repository.ts';
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
} from './organization.service.ts';
export {
  authenticateSession,
  csrfMatches,
  login,
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
