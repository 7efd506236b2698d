// The dishonesty summary suite on PostgreSQL (127.0.0.1:5432, database test), in schemas of its own.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./summary.test.js');
