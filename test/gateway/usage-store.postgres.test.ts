// The usage store checks again with the database store on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./usage-store.test.js');
