// The change-feed suite on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own:
// the advisory lock that keeps commits in sequence order is PostgreSQL's.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./change-feed.test.js');
