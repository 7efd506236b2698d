// The same append-only checks of the audit logs on PostgreSQL (127.0.0.1:5432, database test), in schemas of their own.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./audit-store.test.js');
