export { loadIdentityConfig, type IdentityConfig } from './config.js';
export { createIdentityServer, type IdentityServerDeps } from './server.js';
export { LOCAL_ADMIN, seedLocalAdmin } from './seed/seed-local-admin.js';
export { scryptPasswordHasher, type PasswordHasher } from './domain/password.js';
export { createSessionRepository, type SessionRepository } from './store/session-repository.js';
