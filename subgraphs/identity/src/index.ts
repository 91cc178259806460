export { identityEnvSchema, loadIdentityConfig, loadIdentityStoreConfig, type IdentityConfig, type IdentityStoreConfig } from './config.js';
export { createIdentityServer, type IdentityServerDeps } from './server.js';
export { LOCAL_ADMIN, seedLocalAdmin } from './seed/seed-local-admin.js';
export { scryptPasswordHasher, type PasswordHasher } from './domain/password.js';
export { createSessionRepository, type SessionRepository } from './store/session-repository.js';
export { sessionItem } from './store/session-item.js';
export { createCustomerRoles, type CustomerRolesDeps } from './admin/customer-roles.js';
export type { RoleChange, RoleChanger } from './domain/role-change.js';
