// The identity area's public face: other areas import only from here.
export * from './actor.ts';
export type { OrganizationKind, Role } from './identity.table.ts';
export type { IdentityTables } from './identity.table.ts';
export { RoleSchema, LocaleSchema, UserSchema, type User, type Organization } from './identity.schema.ts';
export { normalizeCnic, normalizeMobile, normalizeEmail, passwordProblem } from './identity.rules.ts';
export { registerUser, createUser, getUser, listUsers, updateProfile, changePassword, setUserStatus } from './user.service.ts';
export { login, logout, authenticateSession, csrfMatches, pruneExpiredSessions, SESSION_COOKIE } from './session.service.ts';
export {
  createOrganization,
  listOrganizations,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  authenticateApiKey,
} from './organization.service.ts';
export { identityRoutes } from './identity.routes.ts';
