// The quarterly 晾晒 suite on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own:
// the same set-based SQL (RANK() windows), the append-only triggers as plpgsql, the migrations.
process.env.CREDIT_DB_DRIVER = 'postgresql';
await import('./snapshots.test.js');
