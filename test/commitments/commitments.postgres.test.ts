// The same commitments suite on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./commitments.test.js');
