import { afterAll } from 'vitest';
import { closeEmptiedDatabases } from './test-database';

// Each file's reused test databases end with it: a PostgreSQL one is dropped from the server.
afterAll(closeEmptiedDatabases);
