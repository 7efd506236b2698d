// The same exchange store and deliverer suite on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./delivery.test.js');
