import { apiBenchmark } from './api';
import { runIfMain } from './lib/report';

// On PostgreSQL with 2 node:cluster workers (BENCH_WORKERS=N for another count).

runIfMain(import.meta.url, 'api-postgres', () => apiBenchmark({ onPostgres: true }));
