// The platform: what the gateway and the subgraphs both stand on, without type-graphql or
// reflect-metadata: configuration, callers and tokens, errors, HTTP, request ids, the gateway's
// signature, tracing, query limits and input hygiene, the ORM bootstrap, append-only tables, the audit
// log, the change feeds' client, and the pure validation rules (USCC, ID number, region code,
// phone, masking). It imports nothing of gateway/, subgraphs/ or scripts/.
export * from './append-only.js';
export * from './audit/audit-entry.js';
export * from './audit/audit-log.js';
export * from './audit/audit-page.js';
export * from './audit/operation-hash.js';
export * from './audit/personal-fields.js';
export * from './auth.js';
export * from './change-feed/change-entry.js';
export * from './change-feed/consume.js';
export * from './config.js';
export * from './errors.js';
export * from './gateway-signature.js';
export * from './http.js';
export * from './input-hygiene.js';
export * from './limits.js';
export * from './orm.js';
export * from './request.js';
export * from './tracing.js';
export * from './validation/id-number.js';
export * from './validation/masking.js';
export * from './validation/phone.js';
export * from './validation/region-code.js';
export * from './validation/uscc.js';
