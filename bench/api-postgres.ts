import { apiBenchmark } from './api';
import { runIfMain } from './lib/report';

// The API benchmark with the server on a PostgreSQL server instead of the embedded database.
runIfMain(import.meta.url, 'api-postgres', () => apiBenchmark({ onPostgres: true }));
