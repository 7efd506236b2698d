// The read-model suite on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own:
// jsonb gives stored objects back in its own key order, and several workers serialize on an advisory lock.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./read-model.test.js');
