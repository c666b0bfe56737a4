import { apiBenchmark } from './api';
import { runIfMain } from './lib/report';

// The API benchmark with the server on a PostgreSQL server instead of the embedded database, run as
// production runs it there: 2 node:cluster workers on one port (BENCH_WORKERS=N for another count).
runIfMain(import.meta.url, 'api-postgres', () => apiBenchmark({ onPostgres: true }));
